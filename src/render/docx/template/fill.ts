/**
 * Fills an organisation's Word template (.docx or .dotx) with a report: `fillTemplate(model, bytes)` → a .docx.
 *
 * 1. Open the package safely (`package.ts`); a .dotx becomes a document.
 * 2. Scan every story part for placeholders, merging each into one `w:t` (`scan.ts`), and check them all
 *    (`findings.ts`): any error stops here with a TemplateError listing every problem and where it is (exit 78).
 * 3. Repeat the designed table rows over the report's tables, on the XML (`rows.ts`).
 * 4. Give every remaining placeholder an opaque key (`⟦i3⟧`, `⟦b2⟧`) in its `w:t`, and `patchDocument` replaces them:
 *    inline ones with a text run in the template's own run formatting (`keepOriginalStyles`), block ones with
 *    generated paragraphs, tables and charts (`blocks.ts`). Text from the report can never become a placeholder:
 *    the delimiters are ⟦ ⟧, which are removed from the model's text first.
 * 5. Map the generated content's styles onto the template's by built-in name (`styles.ts`), turn landscape markers
 *    into section breaks (`sections.ts`), and, when the template has `{{> innehall}}`, bookmark the headings and
 *    write the table of contents (`toc.ts`); a second `patchDocument` pass lays the pages out and fills in the page
 *    numbers.
 * 6. Finish the package as every Word file rapport writes (`finishDocxPackage`: Swedish fixes, `normalise-zip.ts`): the
 *    same template and model always give the same bytes.
 */
import { patchDocument, PatchType, TextRun, type IPatch } from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { findTable, type ReportModel } from '../../../report/model.js';
import { finishDocxPackage } from '../package-fixes.js';
import { slotSource } from '../slots/finish.js';
import { documentNumbering } from '../styles.js';
import { documentProperties } from '../report-text.js';
import { buildTemplateContext } from './context.js';
import { Budget, BudgetExceeded, DEFAULT_LIMITS, ExpressionRunner, stripXmlIllegal, type TemplateLimits } from './expressions.js';
import { checkPlaceholders, finding, hasErrors, TemplateError, type TemplateFinding } from './findings.js';
import { BlockRenderer } from './blocks.js';
import { fillRepeatingRows } from './rows.js';
import { openTemplatePackage, readText, storyParts, TemplatePackageError, unzipToPackage, writeText, zipPackage, MAIN_DOCUMENT, type TemplatePackage } from './package.js';
import { rewritePlaceholders, scanPart, type BraceProblem, type Placeholder } from './scan.js';
import { fixStyles, readStyles, referenceStyles, STYLES_PART, type StyleInfo } from './styles.js';
import { applyLandscapeMarkers, applyPageBreakMarkers, startsNewPage, textWidths } from './sections.js';
import { insertTableOfContents } from './toc.js';
import { el, isEl, parseXmlDocument, plainText, serializeXml, XmlSyntaxError, type XDocument, type XElement } from './xml.js';

export interface FillTemplateOptions {
  /** The template's file name as the user gave it, for messages. Default "mallen". */
  readonly fileName?: string;
  /** The final report: no draft markers, and a missing required text is an error (MissingNarrativeError). */
  readonly final?: boolean;
  /** Show a marker where a person's text is missing. Default: on in a draft, off in the final report. */
  readonly narrativeMarker?: boolean;
  /** Told about each warning (a block or repeating row whose table, chart or text the report does not have). */
  readonly onWarning?: (finding: TemplateFinding) => void;
  /** Time and size limits (defaults: `DEFAULT_LIMITS`). */
  readonly limits?: Partial<TemplateLimits>;
}

const OPEN = '\u27e6';
const CLOSE = '\u27e7';
const TOC_MARKER = `${OPEN}innehall${CLOSE}`;
const LANDSCAPE = { start: `${OPEN}liggande-start${CLOSE}`, end: `${OPEN}liggande-slut${CLOSE}` } as const;
const PAGE_BREAK = `${OPEN}sidbrytning${CLOSE}`;

/** Removes XML-illegal characters and the filler's own delimiters from every text of the model. */
export function sanitiseModel<T>(value: T): T {
  if (typeof value === 'string') return stripXmlIllegal(value).replace(/[\u27e6\u27e7]/g, '') as T;
  if (Array.isArray(value)) return value.map(sanitiseModel) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitiseModel(v);
    return out as T;
  }
  return value;
}

interface ParsedPart {
  readonly path: string;
  readonly doc: XDocument;
}

/** Opens, parses and scans a template. Shared by `fillTemplate` and `inspectTemplate`. */
export function readTemplate(bytes: Uint8Array, file: string): { pkg: TemplatePackage; parts: ParsedPart[]; placeholders: Placeholder[]; braces: BraceProblem[] } {
  let pkg: TemplatePackage;
  try {
    pkg = openTemplatePackage(bytes);
  } catch (e) {
    if (e instanceof TemplatePackageError) throw new TemplateError([finding(file, e.code, { detail: e.detail })]);
    throw e;
  }
  const parts: ParsedPart[] = [];
  const placeholders: Placeholder[] = [];
  const braces: BraceProblem[] = [];
  for (const path of storyParts(pkg)) {
    let doc: XDocument;
    try {
      doc = parseXmlDocument(readText(pkg, path)!);
    } catch (e) {
      if (e instanceof XmlSyntaxError) throw new TemplateError([finding(file, 'template.file.unreadable', { detail: `${path} är inte giltig XML (${e.message})` })]);
      throw e;
    }
    const scanned = scanPart(path, doc);
    parts.push({ path, doc });
    placeholders.push(...scanned.placeholders);
    braces.push(...scanned.problems);
  }
  return { pkg, parts, placeholders, braces };
}

function parentFinder(doc: XDocument): (e: XElement) => XElement | undefined {
  return (target) => {
    const walk = (node: XElement): XElement | undefined => {
      for (const c of node.children) {
        if (c === target) return node;
        if (isEl(c)) {
          const found = walk(c);
          if (found) return found;
        }
      }
      return undefined;
    };
    for (const c of doc.children) if (isEl(c)) return walk(c);
    return undefined;
  };
}

function markerParagraph(text: string): XElement {
  return el('w:p', [], [el('w:r', [], [el('w:t', [], [{ kind: 'text', text }])])]);
}

/** The text of the paragraph right before a table, when it is a caption-like line (not empty, no placeholder). */
function captionBefore(table: XElement, parentOf: (e: XElement) => XElement | undefined): string | undefined {
  const parent = parentOf(table);
  if (!parent) return undefined;
  const siblings = parent.children.filter((c): c is XElement => isEl(c));
  const prev = siblings[siblings.indexOf(table) - 1];
  if (!prev || !isEl(prev, 'w:p')) return undefined;
  const text = plainText(prev).replace(/\s+/g, ' ').trim();
  return text === '' || text.includes('{{') || text.length > 200 ? undefined : text;
}

/**
 * Fills a template with a report model. Returns the .docx's bytes (deterministic). Throws TemplateError (exit 78)
 * when the template has errors or passes a limit, and MissingNarrativeError for a final report without a required text.
 */
export async function fillTemplate(model: ReportModel, templateBytes: Uint8Array, options: FillTemplateOptions = {}): Promise<Uint8Array> {
  const file = options.fileName ?? 'mallen';
  const limits: TemplateLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const budget = new Budget(limits);
  const final = options.final ?? false;
  const warn = options.onWarning ?? (() => {});
  const clean = sanitiseModel(model);

  try {
    const { pkg, parts, placeholders, braces } = readTemplate(templateBytes, file);
    const checked = checkPlaceholders(file, placeholders, braces, limits.maxPlaceholders);
    if (hasErrors(checked.findings)) throw new TemplateError(checked.findings.filter((f) => f.severity === 'error'));
    const originalStyles: StyleInfo[] = readStyles(readText(pkg, STYLES_PART));

    const runner = new ExpressionRunner(buildTemplateContext(clean), budget);
    const failures: TemplateFinding[] = [];
    const fail = (ph: Placeholder, detail: string) =>
      failures.push(finding(file, 'template.render.failed', { placeholder: ph.raw, where: ph.where, detail }, { part: ph.part, paragraph: ph.paragraphIndex, column: ph.column, placeholder: ph.raw }));

    // Repeating rows. A chart whose data is in a designed table refers to it by the caption above it.
    const body = parts.find((p) => p.path === MAIN_DOCUMENT)!;
    const parentOf = parentFinder(body.doc);
    const designedTables = new Map<string, string>();
    for (const group of checked.groups) {
      const table = findTable(clean.sections, group.tableId);
      if (table) designedTables.set(group.tableId, `tabellen ”${captionBefore(group.table, parentOf) ?? table.title}”`);
    }
    const counter = { count: 0 };
    for (const group of checked.groups) {
      const table = findTable(clean.sections, group.tableId);
      const result = fillRepeatingRows(group, table, placeholders, runner, budget, parentOf, counter);
      const marker = [...group.rows.values()][0]!.marker;
      if (result.missing) {
        warn(finding(file, 'template.row.missing-target', { unit: clean.meta.unit, table: group.tableId, placeholder: marker.raw, where: marker.where }, { part: marker.part, paragraph: marker.paragraphIndex, placeholder: marker.raw }));
      }
      for (const f of result.failures) fail(f.placeholder, f.detail);
    }

    // Inline placeholders outside repeating rows: an opaque key each, patched by patchDocument.
    const patches: Record<string, IPatch> = {};
    const keys = new Map<string, string>();
    const inline = placeholders.filter((ph) => (ph.kind === 'inline' || ph.kind === 'comment') && !(ph.cell && checked.repeatingRows.has(ph.cell.row)));
    const lengths = new Map<string, number>();
    rewritePlaceholders(inline, (ph) => {
      let key = keys.get(ph.inner);
      if (key !== undefined) budget.addOutput(lengths.get(key) ?? 0);
      if (key === undefined) {
        key = `i${keys.size + 1}`;
        keys.set(ph.inner, key);
        let value = '';
        if (ph.kind === 'inline') {
          try {
            value = runner.run(ph.inner);
          } catch (e) {
            if (e instanceof BudgetExceeded) throw e;
            fail(ph, (e as Error).message);
          }
        }
        lengths.set(key, value.length);
        patches[key] = { type: PatchType.PARAGRAPH, children: value === '' ? [] : [new TextRun(value)] };
      }
      return `${OPEN}${key}${CLOSE}`;
    });
    if (failures.length > 0) throw new TemplateError(failures);

    // Blocks.
    const blocks = placeholders.filter((ph) => ph.kind === 'block');
    const content = blocks.filter((ph) => ph.block!.name !== 'innehall');
    const widths = textWidths(readText(pkg, MAIN_DOCUMENT)!);
    const renderer = new BlockRenderer(clean, { final, marker: options.narrativeMarker ?? !final, textWidth: widths, landscapeMarkers: LANDSCAPE, designedTables });
    const rendered = renderer.renderAll(content.map((ph) => ph.block!));
    const blockKey = new Map<Placeholder, string>();
    content.forEach((ph, i) => {
      const r = rendered[i]!;
      const key = `b${i + 1}`;
      blockKey.set(ph, key);
      patches[key] = { type: PatchType.DOCUMENT, children: r.children };
      if (r.missing) {
        warn(finding(file, 'template.block.missing-target', { unit: clean.meta.unit, what: r.missing.what, target: r.missing.target, placeholder: ph.raw, where: ph.where }, { part: ph.part, paragraph: ph.paragraphIndex, placeholder: ph.raw }));
      }
    });
    rewritePlaceholders(blocks, (ph) => (ph.block!.name === 'innehall' ? TOC_MARKER : `${OPEN}${blockKey.get(ph)}${CLOSE}`));
    // A block that starts a new page keeps doing so: a marker before it becomes "page break before" on its content.
    for (const ph of blocks) {
      if (!startsNewPage(ph.paragraph)) continue;
      const parent = parentOf(ph.paragraph);
      if (parent) parent.children.splice(parent.children.indexOf(ph.paragraph), 0, markerParagraph(PAGE_BREAK));
    }
    const hasToc = blocks.some((ph) => ph.block!.name === 'innehall');

    for (const part of parts) writeText(pkg, part.path, serializeXml(part.doc));
    budget.checkTime();

    const { meta } = clean;
    const first = await patchDocument({
      outputType: 'uint8array',
      data: zipPackage(pkg),
      patches,
      keepOriginalStyles: true,
      placeholderDelimiters: { start: OPEN, end: CLOSE },
      numbering: documentNumbering(),
      properties: documentProperties(clean),
      ...(hasToc ? {} : { pageNumbers: estimatePageNumbers }),
    });
    budget.checkTime();

    const reference = await referenceStyles(final);
    let out = unzipToPackage(first);
    fixStyles(out, originalStyles, reference);
    let docXml = applyLandscapeMarkers(readText(out, MAIN_DOCUMENT)!, LANDSCAPE);
    if (hasToc) {
      const styles = readStyles(readText(out, STYLES_PART));
      for (let n = 0; n < 10 && docXml.includes(TOC_MARKER); n++) {
        docXml = insertTableOfContents(docXml, styles, { marker: TOC_MARKER, title: 'Innehållsförteckning', textWidth: widths.portrait, maxLevel: 3 });
      }
      docXml = applyPageBreakMarkers(docXml, PAGE_BREAK);
      writeText(out, MAIN_DOCUMENT, docXml);
      budget.checkTime();
      const second = await patchDocument({ outputType: 'uint8array', data: zipPackage(out), patches: {}, pageNumbers: estimatePageNumbers });
      out = unzipToPackage(second);
      fixStyles(out, originalStyles, reference);
    } else writeText(out, MAIN_DOCUMENT, applyPageBreakMarkers(docXml, PAGE_BREAK));
    budget.checkTime();
    return finishDocxPackage(zipPackage(out), { date: meta.reportDate, slots: slotSource(model) });
  } catch (e) {
    if (e instanceof BudgetExceeded) throw new TemplateError([finding(file, 'template.budget.exceeded', { detail: e.detail })]);
    throw e;
  }
}
