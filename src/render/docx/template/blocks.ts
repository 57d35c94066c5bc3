/**
 * Block placeholders — a placeholder alone in a paragraph of the body, `{{> resultatrakning}}` — and the Word
 * content that replaces them, made with the default renderer's own pieces: `planTable` + `tableToDocx` for tables,
 * `chartToDocx` for native charts, `markdownToDocx` for people's texts, and the report's heading and paragraph
 * styles (mapped to the template's own styles afterwards, by built-in name; see `styles.ts`).
 *
 * Tables and charts are numbered in the order they appear in the filled template ("Tabell 1", "Diagram 1"). A chart
 * whose data table is not placed anywhere in the template gets that table right after it, so every chart has its
 * data beside it (accessibility). The table of contents (`{{> innehall}}`) is made last, once every heading is in
 * place (see `toc.ts`).
 */
import { Paragraph, TextRun, type FileChild, type ParagraphChild } from 'docx';
import type { Block, Chart, Narrative, ReportModel, Section, Table } from '../../../report/model.js';
import { makeDiagnostic } from '../../../messages/catalogue.js';
import { renderMessages } from '../../../messages/render.js';
import { MissingNarrativeError } from '../render-docx.js';
import { planTable, tableToDocx, type TablePlan } from '../table.js';
import { chartToDocx } from '../chart.js';
import { LIST, STYLE } from '../styles.js';
import { markdownToDocx } from '../../markdown-to-docx.js';
import { missingTextMarker, TextSlot } from '../slots/slot.js';

export type BlockArgs = 'none' | 'id' | 'section';

export interface BlockSpec {
  readonly args: BlockArgs;
  /** For the named table blocks: the model table's id. */
  readonly table?: string;
  /** Swedish, for the author's guide and `template check`. */
  readonly description: string;
  /** Styles (built-in names) the content uses; `template check` says when the template lacks one. */
  readonly styles: readonly string[];
}

const HEADINGS = ['heading 1', 'heading 2', 'heading 3'];
const TABLE_STYLES = ['caption'];
const TOC_STYLES = ['toc 1', 'toc 2', 'toc 3', 'TOC Heading'];

/** Every block a template may use. */
export const TEMPLATE_BLOCKS: Readonly<Record<string, BlockSpec>> = {
  innehall: { args: 'none', description: 'Innehållsförteckning med sidnummer ifyllda.', styles: TOC_STYLES },
  rapport: { args: 'none', description: 'Hela rapportens innehåll: alla avsnitt med rubriker, text, tabeller och diagram.', styles: [...HEADINGS, ...TABLE_STYLES] },
  sammanfattning: { args: 'none', description: 'Sammanfattningens text (utan rubrik).', styles: [] },
  observera: { args: 'none', description: 'Rapportens förbehåll om data ("Observera: …"), om den har några.', styles: [] },
  resultatrakning: { args: 'none', table: 'resultat', description: 'Tabellen Ekonomiskt resultat (resultat).', styles: TABLE_STYLES },
  nettokostnad: { args: 'none', table: 'nettokostnad', description: 'Tabellen Nettokostnad per verksamhetsområde.', styles: TABLE_STYLES },
  investeringar: { args: 'none', table: 'investeringar', description: 'Tabellen Investeringar.', styles: TABLE_STYLES },
  prognos: { args: 'none', table: 'prognos', description: 'Tabellen Helårsprognos (när prognoser finns).', styles: TABLE_STYLES },
  tabell: { args: 'id', description: 'En tabell ur rapporten efter dess id: {{> tabell nettokostnad}}.', styles: TABLE_STYLES },
  diagram: { args: 'id', description: 'Ett diagram efter dess id, med dess datatabell: {{> diagram ackumulerad-nettokostnad}}.', styles: TABLE_STYLES },
  avsnitt: { args: 'section', description: 'Ett avsnitt med rubrik, innehåll och underavsnitt, efter nummer eller id: {{> avsnitt 3.2}}; utan rubrik: {{> avsnitt 3.2 utan-rubrik}}.', styles: [...HEADINGS, ...TABLE_STYLES] },
  berattelse: { args: 'id', description: 'En text som människor skrivit (narrativ), efter dess nyckel: {{> berattelse ekonomisk-analys}}.', styles: HEADINGS },
};

const SLUG = /^[a-z0-9][a-z0-9/_-]*$/;
const SECTION_NUMBER = /^\d+(\.\d+)*$/;

/** Problems with a block's name and arguments (syntax only; whether the report has the target is known at fill). */
export function checkBlock(name: string, args: readonly string[]): { code: 'template.block.unknown' | 'template.block.argument'; params: Record<string, string> } | null {
  const spec = Object.prototype.hasOwnProperty.call(TEMPLATE_BLOCKS, name) ? TEMPLATE_BLOCKS[name] : undefined;
  if (!spec) return { code: 'template.block.unknown', params: { name } };
  if (spec.args === 'none' && args.length > 0) return { code: 'template.block.argument', params: { detail: `tar inga argument, men fick "${args.join(' ')}"` } };
  if (spec.args === 'id') {
    if (args.length !== 1) return { code: 'template.block.argument', params: { detail: 'behöver ett id, t.ex. {{> tabell nettokostnad}}' } };
    if (!SLUG.test(args[0]!)) return { code: 'template.block.argument', params: { detail: `id:t "${args[0]}" ska skrivas med små bokstäver, siffror och bindestreck` } };
  }
  if (spec.args === 'section') {
    if (args.length < 1 || args.length > 2) return { code: 'template.block.argument', params: { detail: 'behöver ett avsnittsnummer eller id, t.ex. {{> avsnitt 3.2}}' } };
    if (!SECTION_NUMBER.test(args[0]!) && !SLUG.test(args[0]!)) return { code: 'template.block.argument', params: { detail: `"${args[0]}" är varken ett avsnittsnummer (3.2) eller ett id` } };
    if (args[1] !== undefined && args[1] !== 'utan-rubrik') return { code: 'template.block.argument', params: { detail: `okänt tillägg "${args[1]}"; det enda som finns är "utan-rubrik"` } };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Expanding blocks into items, numbering, rendering

type Item =
  | { readonly kind: 'heading'; readonly section: Section }
  | { readonly kind: 'block'; readonly block: Block; readonly section: Section | null }
  | { readonly kind: 'caveat'; readonly text: string };

export interface BlockRequest {
  readonly name: string;
  readonly args: readonly string[];
}

export interface BlockResult {
  readonly children: FileChild[];
  /** Swedish: what the report lacks, when the block has no content (the caller warns). */
  readonly missing?: { readonly what: string; readonly target: string };
}

export interface BlockRenderOptions {
  readonly final: boolean;
  readonly marker: boolean;
  /** Width of the template's text area in twips, portrait and landscape. */
  readonly textWidth: { readonly portrait: number; readonly landscape: number };
  /** Marks the start and end of a table that needs a landscape page (`sections.ts` turns them into section breaks). */
  readonly landscapeMarkers: { readonly start: string; readonly end: string };
  /**
   * Report tables the template shows in a table of its own design (repeating rows), by id, with how to refer to it
   * ("tabellen "Investeringar per område""): a chart with that data table points there instead of repeating it.
   */
  readonly designedTables?: ReadonlyMap<string, string>;
}

interface Located<T> {
  readonly value: T;
  readonly section: Section | null;
}

function walkSections(sections: readonly Section[], visit: (s: Section) => void): void {
  for (const s of sections) {
    visit(s);
    walkSections(s.sections, visit);
  }
}

export class BlockRenderer {
  private readonly tables = new Map<string, Located<Table>>();
  private readonly charts = new Map<string, Located<Chart>>();
  private readonly narratives = new Map<string, Located<Narrative>>();
  private readonly sectionsByKey = new Map<string, Section>();
  private expanded: { items: Item[]; missing?: BlockResult['missing'] }[] = [];
  private tableNumbers = new Map<string, number>();
  private chartNumbers = new Map<string, number>();
  private listInstance = 0;

  constructor(
    private readonly model: ReportModel,
    private readonly options: BlockRenderOptions,
  ) {
    walkSections(model.sections, (s) => {
      this.sectionsByKey.set(s.id, s);
      if (s.number) this.sectionsByKey.set(s.number, s);
      for (const b of s.blocks) {
        if (b.type === 'table' && !this.tables.has(b.id)) this.tables.set(b.id, { value: b, section: s });
        if (b.type === 'chart' && !this.charts.has(b.id)) this.charts.set(b.id, { value: b, section: s });
        if (b.type === 'narrative' && !this.narratives.has(b.key)) this.narratives.set(b.key, { value: b, section: s });
      }
    });
  }

  /**
   * Renders the blocks of a template, in document order. Returns one result per request. Throws
   * MissingNarrativeError in a final report that lacks a required text.
   */
  renderAll(requests: readonly BlockRequest[]): BlockResult[] {
    this.expanded = requests.map((r) => this.expand(r));
    this.addChartDataTables();
    this.number();
    return this.expanded.map(({ items, missing }) => ({ children: items.flatMap((item) => this.render(item)), ...(missing ? { missing } : {}) }));
  }

  private expand(r: BlockRequest): { items: Item[]; missing?: BlockResult['missing'] } {
    const spec = TEMPLATE_BLOCKS[r.name];
    if (!spec) return { items: [] };
    const tableItem = (id: string) => {
      const t = this.tables.get(id);
      return t ? { items: [{ kind: 'block', block: t.value, section: t.section } as Item] } : { items: [], missing: { what: 'tabellen', target: id } };
    };
    if (spec.table) return tableItem(spec.table);
    switch (r.name) {
      case 'rapport': {
        const items: Item[] = [];
        for (const s of this.model.sections) items.push(...this.sectionItems(s, true));
        return { items };
      }
      case 'sammanfattning': {
        const s = this.sectionsByKey.get('sammanfattning') ?? this.model.sections.find((x) => x.title.trim().toLowerCase() === 'sammanfattning');
        return s ? { items: this.sectionItems(s, false) } : { items: [], missing: { what: 'avsnittet', target: 'sammanfattning' } };
      }
      case 'observera':
        return { items: this.model.caveats.map((text): Item => ({ kind: 'caveat', text })) };
      case 'tabell':
        return tableItem(r.args[0]!);
      case 'diagram': {
        const c = this.charts.get(r.args[0]!);
        return c ? { items: [{ kind: 'block', block: c.value, section: c.section }] } : { items: [], missing: { what: 'diagrammet', target: r.args[0]! } };
      }
      case 'avsnitt': {
        const s = this.sectionsByKey.get(r.args[0]!);
        return s ? { items: this.sectionItems(s, r.args[1] !== 'utan-rubrik') } : { items: [], missing: { what: 'avsnittet', target: r.args[0]! } };
      }
      case 'berattelse': {
        const n = this.narratives.get(r.args[0]!);
        return n ? { items: [{ kind: 'block', block: n.value, section: n.section }] } : { items: [], missing: { what: 'texten', target: r.args[0]! } };
      }
      default:
        return { items: [] };
    }
  }

  private sectionItems(section: Section, withHeading: boolean): Item[] {
    const items: Item[] = withHeading ? [{ kind: 'heading', section }] : [];
    for (const block of section.blocks) items.push({ kind: 'block', block, section });
    for (const sub of section.sections) items.push(...this.sectionItems(sub, true));
    return items;
  }

  /** A chart whose data table is placed nowhere gets the table right after it. */
  private addChartDataTables(): void {
    const placed = new Set<string>(this.options.designedTables?.keys() ?? []);
    for (const e of this.expanded) for (const it of e.items) if (it.kind === 'block' && it.block.type === 'table') placed.add(it.block.id);
    for (const e of this.expanded) {
      const items: Item[] = [];
      for (const it of e.items) {
        items.push(it);
        if (it.kind === 'block' && it.block.type === 'chart' && !placed.has(it.block.dataTableId)) {
          const t = this.tables.get(it.block.dataTableId);
          if (t) {
            items.push({ kind: 'block', block: t.value, section: t.section });
            placed.add(t.value.id);
          }
        }
      }
      e.items = items;
    }
  }

  private number(): void {
    this.tableNumbers = new Map();
    this.chartNumbers = new Map();
    for (const e of this.expanded) {
      for (const it of e.items) {
        if (it.kind !== 'block') continue;
        if (it.block.type === 'table' && !this.tableNumbers.has(it.block.id)) this.tableNumbers.set(it.block.id, this.tableNumbers.size + 1);
        if (it.block.type === 'chart' && !this.chartNumbers.has(it.block.id)) this.chartNumbers.set(it.block.id, this.chartNumbers.size + 1);
      }
    }
  }

  private render(item: Item): FileChild[] {
    switch (item.kind) {
      case 'heading': {
        const s = item.section;
        const level = Math.min(6, Math.max(1, s.level));
        return [new Paragraph({ style: `Heading${level}`, children: [new TextRun(s.number ? `${s.number} ${s.title}` : s.title)] })];
      }
      case 'caveat':
        return [new Paragraph({ style: STYLE.caveat, children: [new TextRun({ text: 'Observera: ', bold: true }), ...lines(item.text)] })];
      case 'block':
        return this.renderBlock(item.block, item.section);
    }
  }

  private renderBlock(block: Block, section: Section | null): FileChild[] {
    switch (block.type) {
      case 'paragraph':
        return [new Paragraph({ ...(block.drafted ? { style: STYLE.drafted } : {}), children: lines(block.text) })];
      case 'table':
        return this.table(block, `Tabell ${this.tableNumbers.get(block.id) ?? ''}`.trim());
      case 'chart': {
        const n = this.tableNumbers.get(block.dataTableId);
        const t = this.tables.get(block.dataTableId);
        const designed = this.options.designedTables?.get(block.dataTableId);
        const dataTableRef = n !== undefined && t ? `tabell ${n} (${t.value.title})` : designed;
        return chartToDocx(block, {
          label: `Diagram ${this.chartNumbers.get(block.id) ?? ''}`.trim(),
          ...(dataTableRef !== undefined ? { dataTableRef } : {}),
        });
      }
      case 'narrative':
        return this.narrative(block, section);
    }
  }

  private table(table: Table, label: string): FileChild[] {
    const planned = planTable(table);
    const plan = this.fit(planned);
    const children = tableToDocx(table, plan, { label });
    if (planned.orientation === 'portrait') return children;
    const { start, end } = this.options.landscapeMarkers;
    return [new Paragraph({ children: [new TextRun(start)] }), ...children, new Paragraph({ children: [new TextRun(end)] })];
  }

  /** Scales a plan's column widths down to the template's text width when the template's page is narrower. */
  private fit(plan: TablePlan): TablePlan {
    const available = this.options.textWidth[plan.orientation];
    const total = plan.widths.reduce((a, b) => a + b, 0);
    if (total <= available || total === 0) return plan;
    return { ...plan, widths: plan.widths.map((w) => Math.floor((w * available) / total)) };
  }

  /** A narrative, in a text slot (a content control people write in, read back by `rapport texts import`). */
  private narrative(block: Narrative, section: Section | null): FileChild[] {
    const level = Math.min(6, Math.max(1, section?.level ?? 1));
    const slot = (children: FileChild[], placeholder: boolean): FileChild[] => [
      new TextSlot({ unitId: this.model.meta.unitId, key: block.key, title: section?.title ?? block.key, placeholder, children }),
    ];
    if (block.markdown !== null && block.markdown.trim() !== '') {
      return slot(markdownToDocx(block.markdown, {
        sectionLevel: level,
        ...(section ? { sectionTitle: section.title } : {}),
        lists: LIST,
        nextListInstance: () => ++this.listInstance,
        renderTable: (table) => tableToDocx(table, this.fit(planTable(table)), { label: '' }),
        tableIdPrefix: block.key,
      }), false);
    }
    const where = section ? `${section.number} ${section.title}`.trim() : block.key;
    if (this.options.final) {
      if (block.required) throw new MissingNarrativeError(makeDiagnostic(renderMessages, 'render.narrative.missing-final', { section: where, key: block.key }));
      return [];
    }
    if (!this.options.marker) return [];
    return slot([new Paragraph({ style: STYLE.missing, children: [new TextRun(missingTextMarker(where, block.key))] })], true);
  }
}

/** Text with "\n" as line breaks (docx ignores "\n" in a run). */
function lines(text: string): ParagraphChild[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
}
