/**
 * ReportModel → the default Word report, built in code with the `docx` library:
 *
 * - a title page (title, subtitle, organisation, unit, period, diarienummer, report date);
 * - a table of contents whose page numbers are written into the file (`page-estimate.ts` lays the pages out as Word
 *   does, as `docx/layout` would), so neither Word nor LibreOffice asks to update fields;
 * - numbered headings in Word's own heading styles (outline levels 1–3 and below for narrative sub-headings);
 * - tables with repeating header rows, charts as native Word charts with alt text, narrative Markdown, drafted text;
 * - a clearly marked gap where a person's text is still missing in a draft;
 * - "Sida X av Y" in the footer, document properties and Swedish as the document language.
 *
 * The bytes are then normalised (`normalise-zip.ts`) so the same model always gives the same file.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  TableOfContents,
  TextRun,
  type FileChild,
  type ISectionOptions,
  type PageNumberEstimator,
} from 'docx';
import type { Block, Chart, Narrative, ReportModel, Section, Table } from '../../report/model.js';
import { makeDiagnostic } from '../../messages/catalogue.js';
import { DiagnosticError, type Diagnostic } from '../../model/diagnostics.js';
import { renderMessages } from '../../messages/render.js';
import { markdownToDocx } from '../markdown-to-docx.js';
import { unzipSync } from 'fflate';
import { normaliseParts, type NormaliseZipOptions } from '../normalise-zip.js';
import { chartToDocx } from './chart.js';
import { fixDocxXml } from './package-fixes.js';
import { fastPageNumbers, tryLayOutBody, type FastEstimate } from './page-estimate.js';
import { documentNumbering, documentStyles, LIST, PAGE, STYLE } from './styles.js';
import { planTable, tableToDocx, type Orientation } from './table.js';
import { documentProperties, numberBlocks } from './report-text.js';
import { finishTextSlots, slotSource } from './slots/finish.js';
import { missingTextMarker, TextSlot } from './slots/slot.js';

export interface RenderDocxOptions {
  /**
   * Show a marker where a person's text is missing. Default: on in a draft, off in the final report. In the final
   * report a missing required text is an error, and a missing optional one is left out.
   */
  readonly narrativeMarker?: boolean;
  /** The final report: no draft markers, and every required text must be there. */
  readonly final?: boolean;
  /**
   * Write the table of contents' page numbers into the file (default true). Without them the entries are still there,
   * linked, and Word fills the numbers in when its fields are updated.
   */
  readonly tocPageNumbers?: boolean;
  /**
   * How the table of contents' page numbers are worked out. Default: the fast layout of `page-estimate.ts`, which falls
   * back to `docx/layout`. The tests give their own to compare the two on the same document.
   */
  readonly pageNumberEstimator?: PageNumberEstimator;
}

/** Thrown when the final report lacks a required text: the diagnostic `render.narrative.missing-final` (bad data, exit 65). */
export class MissingNarrativeError extends DiagnosticError {
  constructor(diagnostic: Diagnostic) {
    super(diagnostic, 'data');
  }
}

/** The Word report as bytes (.docx). Deterministic: the same model and options give the same bytes. */
export async function renderDocx(model: ReportModel, options: RenderDocxOptions = {}): Promise<Uint8Array> {
  const withPageNumbers = options.tocPageNumbers ?? true;
  const normalise: NormaliseZipOptions = {
    date: model.meta.reportDate,
    transformXml: (path, xml) => {
      const fixed = fixDocxXml(path, xml);
      // Without page numbers, the entries' page references are left empty but clean: no prompt to update on opening.
      return withPageNumbers || path !== 'word/document.xml' ? fixed : fixed.replace(/ w:dirty="true"/g, '');
    },
  };
  // Compiling the document (docx's XML) is most of the work. The fast layout that chose the charts to move compiled
  // the document with those charts moved and the same page numbers: with the default estimator, those parts are the
  // final ones, and are not made a second time.
  const floats = chartsBeforeLandscape(model, options);
  const reuse = withPageNumbers && options.pageNumberEstimator === undefined ? floats.parts : undefined;
  const doc = reuse ? undefined : assemble(model, options, floats.accepted, pageNumberEstimatorOf(options)).document;
  const compiled = reuse ?? compiledParts(doc!);
  // The text slots' hashes and the document's bookkeeping (slots/finish.ts), on the parts before they are zipped.
  const parts = new Map(compiled ?? Object.entries(unzipSync(new Uint8Array(await Packer.toBuffer(doc!)))));
  finishTextSlots(parts, slotSource(model));
  return normaliseParts(parts, normalise);
}

/** The parts of a `docx` Document as its compiler writes them, before `Packer` zips them. */
type DocxCompiler = { compile(file: Document): ReadonlyMap<string, string | Uint8Array> };

/**
 * The package's parts, unzipped, from the compiler `Packer` uses: `Packer.toBuffer` would zip them, and normalising
 * would unzip them again (about 35 ms of a large report). The compiler is not `docx`'s public API, so where a `docx`
 * version does not have it, this gives undefined and `renderDocx` packs and unzips as before
 * (tests/render-docx/determinism.test.ts checks that the quick way is the one taken).
 */
export function compiledParts(doc: Document): ReadonlyMap<string, string | Uint8Array> | undefined {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  return typeof compiler?.compile === 'function' ? compiler.compile(doc) : undefined;
}

/** The `docx` Document before packing (exported for layout inspection in tests). */
export function buildDocument(model: ReportModel, options: RenderDocxOptions = {}): Document {
  return assemble(model, options, chartsBeforeLandscape(model, options).accepted, pageNumberEstimatorOf(options)).document;
}

/**
 * Our fast layout of the default report (page-estimate.ts), falling back to docx/layout for what it does not lay out,
 * or the options' own. Neither runs docx/layout's `listNumbers` pass: our headings carry their number in their text.
 */
function pageNumberEstimatorOf(options: RenderDocxOptions): PageNumberEstimator | undefined {
  return (options.tocPageNumbers ?? true) ? (options.pageNumberEstimator ?? fastPageNumbers) : undefined;
}

/** A built document, with where its landscape tables are and which of them a chart could go before. */
interface Assembled {
  readonly document: Document;
  /** The index (among the document's sections) of each landscape table's section, by table id. */
  readonly landscapeSections: ReadonlyMap<string, number>;
  /** Landscape tables followed by a chart in their section, in document order. */
  readonly candidates: readonly string[];
}

function assemble(model: ReportModel, options: RenderDocxOptions, floats: ReadonlySet<string>, estimator: PageNumberEstimator | undefined): Assembled {
  const final = options.final ?? false;
  const withPageNumbers = options.tocPageNumbers ?? true;
  const ctx = new RenderContext(model, { final, marker: options.narrativeMarker ?? !final, floats });

  const titlePage = titlePageChildren(model, final);
  const front: FileChild[] = [
    new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: [new TextRun('Innehållsförteckning')] }),
    // Without page numbers the field is still written clean, so Word does not ask to update it on opening.
    new TableOfContents('Innehållsförteckning', { hyperlink: true, headingStyleRange: '1-3', ...(withPageNumbers ? {} : { beginDirty: false }) }),
  ];
  // A draft's notes to its authors go on the title page, where they are seen first (after the table of contents
  // they spilled onto a page of their own in a long report).
  const caveats = model.caveats.map((c) => new Paragraph({ style: STYLE.caveat, children: [new TextRun({ text: 'Observera: ', bold: true }), new TextRun(c)] }));

  ctx.add([...titlePage, ...caveats, ...front]);
  model.sections.forEach((section, i) => ctx.addSection(section, 0, i === 0));

  const document = new Document({
    ...documentProperties(model),
    revision: 1,
    styles: documentStyles({ final }),
    numbering: documentNumbering(),
    ...(estimator ? { pageNumbers: estimator } : {}),
    sections: ctx.sections(),
  });
  return { document, landscapeSections: ctx.landscapeSections, candidates: ctx.candidates };
}

/**
 * The landscape tables whose following charts are moved before them, onto the portrait page their landscape page
 * would otherwise leave part empty (a float, as in typeset reports: a table on a page of its own lets the figure after
 * it fill the page before). A table's charts move only when the fast layout (`page-estimate.ts`) finds that they fit
 * on that portrait page: the landscape page must start on the same page as without the move. Only charts move, never
 * text or tables, so the reading order of the text and the numbering of tables and diagrams are kept. Where the fast
 * layout cannot lay the document out, nothing moves.
 */
function chartsBeforeLandscape(model: ReportModel, options: RenderDocxOptions): { accepted: ReadonlySet<string>; parts?: ReadonlyMap<string, string | Uint8Array> } {
  let accepted: ReadonlySet<string> = new Set();
  // A report without a landscape table followed by a chart is built once more here, but not laid out.
  let current = laidOut(model, options, accepted, true);
  if (!current) return { accepted };
  for (const id of current.built.candidates) {
    const trial = new Set([...accepted, id]);
    const next = laidOut(model, options, trial);
    const before = current.estimate.sectionStartPages[current.built.landscapeSections.get(id) ?? -1];
    const after = next?.estimate.sectionStartPages[next.built.landscapeSections.get(id) ?? -1];
    if (next && before !== undefined && after === before) {
      accepted = trial;
      current = next;
    }
  }
  // `current` is the document with the accepted charts moved, compiled with the fast layout's page numbers.
  return { accepted, parts: current.parts };
}

/** The document with the given charts moved, laid out by the fast layout; undefined where it cannot be (or, with `onlyWithCandidates`, where no chart could move). */
function laidOut(
  model: ReportModel,
  options: RenderDocxOptions,
  floats: ReadonlySet<string>,
  onlyWithCandidates = false,
): { built: Assembled; estimate: FastEstimate; parts: ReadonlyMap<string, string | Uint8Array> } | undefined {
  let estimate: FastEstimate | undefined;
  const capture: PageNumberEstimator = (body, context) => {
    estimate = tryLayOutBody(body, context);
    return fastPageNumbers(body, context);
  };
  const built = assemble(model, options, floats, capture);
  if (onlyWithCandidates && built.candidates.length === 0) return undefined;
  const parts = compiledParts(built.document);
  if (!parts) return undefined;
  return estimate ? { built, estimate, parts } : undefined;
}

function titlePageChildren(model: ReportModel, final: boolean): Paragraph[] {
  const { meta } = model;
  const line = (label: string, value: string) =>
    new Paragraph({ style: STYLE.titleMeta, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
  return [
    new Paragraph({ style: STYLE.title, children: [new TextRun(meta.title)] }),
    new Paragraph({ style: STYLE.subtitle, children: [new TextRun(meta.subtitle)] }),
    line('Organisation', meta.organisation),
    line('Enhet', meta.unit),
    line('Period', meta.period.span),
    ...(meta.diarienummer ? [line('Diarienummer', meta.diarienummer)] : []),
    line('Rapportdatum', meta.reportDate),
    ...(final ? [] : [new Paragraph({ style: STYLE.missing, spacing: { before: 720 }, children: [new TextRun('UTKAST – rapporten är inte fastställd.')] })]),
  ];
}

function pageHeader(model: ReportModel): Header {
  return new Header({ children: [new Paragraph({ style: STYLE.header, children: [new TextRun(`${model.meta.title} – ${model.meta.unit}`)] })] });
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({ style: STYLE.footer, alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Sida ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES] })] }),
    ],
  });
}

/** Walks the model once, numbering tables and charts, collecting page sections (landscape for wide tables). */
class RenderContext {
  private readonly tableNumbers = new Map<string, number>();
  private readonly chartNumbers = new Map<string, number>();
  private readonly tables = new Map<string, Table>();
  private readonly done: ISectionOptions[] = [];
  private current: FileChild[] = [];
  private listInstance = 0;
  readonly landscapeSections = new Map<string, number>();
  readonly candidates: string[] = [];

  constructor(
    private readonly model: ReportModel,
    private readonly opts: { readonly final: boolean; readonly marker: boolean; readonly floats: ReadonlySet<string> },
  ) {
    const { tables, charts } = numberBlocks(model);
    for (const t of tables) {
      this.tableNumbers.set(t.table.id, t.number);
      this.tables.set(t.table.id, t.table);
    }
    for (const c of charts) this.chartNumbers.set(c.chart.id, c.number);
  }

  add(children: readonly FileChild[]): void {
    this.current.push(...children);
  }

  /** A section's heading at its level, but never more than one below its parent's, so headings never jump. */
  addSection(section: Section, parentLevel: number, first: boolean): void {
    const level = Math.min(6, parentLevel + 1, Math.max(1, section.level));
    this.add([
      new Paragraph({
        style: `Heading${level}`,
        ...(first ? { pageBreakBefore: true } : {}),
        children: [new TextRun(section.number ? `${section.number} ${section.title}` : section.title)],
      }),
    ]);
    const blocks = section.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      let charts = 0;
      while (blocks[i + 1 + charts]?.type === 'chart') charts++;
      if (block.type === 'table' && charts > 0 && planTable(block).orientation === 'landscape') {
        this.candidates.push(block.id);
        if (this.opts.floats.has(block.id)) {
          // The charts after a landscape table go before it, where chartsBeforeLandscape found room for them.
          for (const chart of blocks.slice(i + 1, i + 1 + charts)) this.addBlock(chart, section, level);
          this.addBlock(block, section, level);
          i += charts;
          continue;
        }
      }
      this.addBlock(block, section, level);
    }
    for (const sub of section.sections) this.addSection(sub, level, false);
  }

  private addBlock(block: Block, section: Section, level: number): void {
    switch (block.type) {
      case 'paragraph':
        this.add([new Paragraph({ ...(block.drafted ? { style: STYLE.drafted } : {}), children: [new TextRun(block.text)] })]);
        return;
      case 'narrative':
        this.addNarrative(block, section, level);
        return;
      case 'table':
        this.addTable(block, `Tabell ${this.tableNumbers.get(block.id) ?? ''}`.trim());
        return;
      case 'chart':
        this.add(this.chart(block));
        return;
    }
  }

  /** A narrative, in a text slot (a content control people write in, read back by `rapport texts import`). */
  private addNarrative(block: Narrative, section: Section, level: number): void {
    const slot = (children: FileChild[], placeholder: boolean) =>
      this.add([new TextSlot({ unitId: this.model.meta.unitId, key: block.key, title: section.title, placeholder, children })]);
    if (block.markdown !== null && block.markdown.trim() !== '') {
      slot(
        markdownToDocx(block.markdown, {
          sectionLevel: level,
          sectionTitle: section.title,
          lists: LIST,
          nextListInstance: () => ++this.listInstance,
          renderTable: (table) => tableToDocx(table, planTable(table), { label: '' }),
          tableIdPrefix: block.key,
        }),
        false,
      );
      return;
    }
    const where = `${section.number} ${section.title}`.trim();
    if (this.opts.final) {
      if (block.required) throw new MissingNarrativeError(makeDiagnostic(renderMessages, 'render.narrative.missing-final', { section: where, key: block.key }));
      return;
    }
    if (!this.opts.marker) return;
    slot([new Paragraph({ style: STYLE.missing, children: [new TextRun(missingTextMarker(where, block.key))] })], true);
  }

  private addTable(table: Table, label: string): void {
    const plan = planTable(table);
    const children = tableToDocx(table, plan, { label });
    if (plan.orientation === 'portrait') this.add(children);
    else {
      // A table too wide for a portrait page gets a landscape page of its own.
      this.closeSection('portrait');
      this.landscapeSections.set(table.id, this.done.length);
      this.add(children);
      this.closeSection('landscape');
    }
  }

  private chart(chart: Chart) {
    const n = this.tableNumbers.get(chart.dataTableId);
    const table = this.tables.get(chart.dataTableId);
    return chartToDocx(chart, {
      label: `Diagram ${this.chartNumbers.get(chart.id) ?? ''}`.trim(),
      ...(n !== undefined && table ? { dataTableRef: `tabell ${n} (${table.title})` } : {}),
    });
  }

  private closeSection(orientation: Orientation): void {
    if (this.current.length === 0) return;
    const first = this.done.length === 0;
    this.done.push({
      properties: {
        ...(first ? { titlePage: true } : { type: SectionType.NEXT_PAGE }),
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: PAGE.header, footer: PAGE.footer },
        },
      },
      headers: { default: pageHeader(this.model), ...(first ? { first: new Header({ children: [new Paragraph({ style: STYLE.header, children: [] })] }) } : {}) },
      footers: { default: pageFooter(), ...(first ? { first: new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [] })] }) } : {}) },
      children: this.current,
    });
    this.current = [];
  }

  sections(): ISectionOptions[] {
    this.closeSection('portrait');
    return this.done;
  }
}
