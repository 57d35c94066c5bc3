/**
 * Compares two JSON report documents (`render/json.ts`'s output: a committed sample and the one made now) and lists,
 * in Swedish, every figure and text that differs: for a table "Tabell … / rad … / kolumn …: old → new", for a chart
 * "Diagram … / serie … / category", for text the section and the paragraph. Used by `rapport generate --check` (CI): the
 * comparison is of the figures and texts themselves, so a change of zip bytes or whitespace is no difference, and a
 * figure that moves by one öre is one even when its rounded print is unchanged (the exact value is then shown too).
 *
 * Tables are matched by id, their rows by label (the first cell, prefixed by the section row above it, so the two
 * "Total" rows of the result table stay apart) and their columns by header; sections by id, paragraphs by position.
 * Anything else in the document that differs is listed by its JSON path, so no difference can go unreported.
 */
import type { Cell } from '../report/model.js';
import { formatCell } from './format.js';
import { formatOreForMessage, formatPercent } from '../model/format.js';
import type { Ratio } from '../model/figures.js';

/** One difference between the sample and the report made now, as the user reads it. */
export interface ReportDifference {
  /** Where: "Tabell \"Ekonomiskt resultat …\" (resultat, avsnitt 3.1) / rad \"…\" / kolumn \"…\"". */
  readonly where: string;
  /** The sample's value as printed ("" when the thing is new). */
  readonly old: string;
  /** The value made now ("" when the thing is gone). */
  readonly new: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}

/** A value for the list: short, on one line. */
function show(v: Json | undefined): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}

const UNIT_SHORT: Readonly<Record<string, string>> = { kr: 'kr', tkr: 'tkr', mnkr: 'mnkr' };

/** A cell as printed ("-128 188 tkr", "5,3 %", "–"), blank as "(tom)". */
function printed(cell: Json | undefined): string {
  if (!isObj(cell) || typeof cell.kind !== 'string') return show(cell);
  const text = formatCell(cell as unknown as Cell, ' ');
  if (text === '') return '(tom)';
  if (cell.kind === 'money') return `${text} ${UNIT_SHORT[str(cell.unit)] ?? ''}`.trim();
  if (cell.kind === 'percent') return `${text} %`;
  if (cell.kind === 'suppressed') return `${text} (dold)`;
  return text;
}

/** The exact value behind a cell, for when the printed values are the same: "235 538 912,40 kr", "5,322140 %". */
function exact(cell: Json | undefined): string {
  if (!isObj(cell)) return show(cell);
  if (cell.kind === 'money' && typeof cell.ore === 'number') return `${formatOreForMessage(cell.ore)} kr`;
  if (cell.kind === 'percent' && isObj(cell.ratio)) return `${formatPercent(cell.ratio as unknown as Ratio, 6, ' ')} %`;
  if (cell.kind === 'number' || cell.kind === 'count') return show(cell.value);
  return show(cell);
}

function cellDifference(where: string, a: Json | undefined, b: Json | undefined): ReportDifference {
  const pa = printed(a);
  const pb = printed(b);
  if (pa !== pb) return { where, old: pa, new: pb };
  return { where: `${where} (samma avrundade värde ${pa})`, old: exact(a), new: exact(b) };
}

/** Matches two lists by key (the k-th occurrence of a key with the k-th): pairs, and the keys only one side has. */
function matchByKey<T>(a: readonly T[], b: readonly T[], key: (x: T, i: number) => string): { pairs: [T, T, string][]; onlyA: [T, string][]; onlyB: [T, string][] } {
  const keyed = (xs: readonly T[]) => {
    const seen = new Map<string, number>();
    return xs.map((x, i) => {
      const k = key(x, i);
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      return { x, k, id: `${k}\u0000${n}`, label: n > 1 ? `${k} (${n}:a)` : k };
    });
  };
  const ka = keyed(a);
  const kb = keyed(b);
  const byId = new Map(kb.map((e) => [e.id, e]));
  const pairs: [T, T, string][] = [];
  const onlyA: [T, string][] = [];
  const used = new Set<string>();
  for (const e of ka) {
    const m = byId.get(e.id);
    if (m) {
      pairs.push([e.x, m.x, e.label]);
      used.add(e.id);
    } else onlyA.push([e.x, e.label]);
  }
  const onlyB = kb.filter((e) => !used.has(e.id)).map((e): [T, string] => [e.x, e.label]);
  return { pairs, onlyA, onlyB };
}

/** Row labels: the first cell's text, after the section row above it ("Verksamhetens kostnader / Total"); a grand total has none. */
function rowLabels(rows: readonly Json[]): string[] {
  let section = '';
  return rows.map((r, i) => {
    const cells = isObj(r) ? arr(r.cells) : [];
    const first = cells[0];
    const label = isObj(first) && first.kind === 'text' ? str(first.text) : `rad ${i + 1}`;
    if (isObj(r) && r.emphasis === 'section') {
      section = label;
      return label;
    }
    // The table's grand total ("Total (netto)") belongs to no section.
    if (isObj(r) && r.emphasis === 'total') return label;
    return section && label !== section ? `${section} / ${label}` : label;
  });
}

const columnLabel = (c: Json): string => (isObj(c) ? (c.group ? `${str(c.group)} ${str(c.header)}` : str(c.header)) : show(c));

function compareTable(where: string, a: Obj, b: Obj, out: ReportDifference[]): void {
  if (a.title !== b.title) out.push({ where: `${where}: rubrik`, old: str(a.title), new: str(b.title) });
  compareTexts(`${where}: not`, arr(a.notes), arr(b.notes), out);
  const colsA = arr(a.columns);
  const colsB = arr(b.columns);
  const cols = matchByKey(colsA, colsB, columnLabel);
  for (const [, label] of cols.onlyA) out.push({ where: `${where} / kolumn "${label}"`, old: 'finns', new: 'saknas' });
  for (const [, label] of cols.onlyB) out.push({ where: `${where} / kolumn "${label}"`, old: 'saknas', new: 'finns' });
  const rowsA = arr(a.rows);
  const rowsB = arr(b.rows);
  const labelsA = rowLabels(rowsA);
  const labelsB = rowLabels(rowsB);
  const rows = matchByKey(
    rowsA.map((r, i) => ({ r, l: labelsA[i]! })),
    rowsB.map((r, i) => ({ r, l: labelsB[i]! })),
    (x) => x.l,
  );
  for (const [x, label] of rows.onlyA) out.push({ where: `${where} / rad "${label}"`, old: rowText(x.r), new: 'raden saknas' });
  for (const [x, label] of rows.onlyB) out.push({ where: `${where} / rad "${label}"`, old: 'raden saknas', new: rowText(x.r) });
  for (const [ra, rb, label] of rows.pairs) {
    const ca = isObj(ra.r) ? arr(ra.r.cells) : [];
    const cb = isObj(rb.r) ? arr(rb.r.cells) : [];
    for (const [colA, colB, colLabel] of cols.pairs) {
      const ia = colsA.indexOf(colA);
      const ib = colsB.indexOf(colB);
      if (!equal(ca[ia], cb[ib])) out.push(cellDifference(`${where} / rad "${label}" / kolumn "${colLabel}"`, ca[ia], cb[ib]));
    }
    const restA = { ...(isObj(ra.r) ? ra.r : {}), cells: null };
    const restB = { ...(isObj(rb.r) ? rb.r : {}), cells: null };
    if (!equal(restA, restB)) out.push({ where: `${where} / rad "${label}": radens typ eller indrag`, old: show(restA), new: show(restB) });
    if (cols.onlyA.length === 0 && cols.onlyB.length === 0 && ca.length !== cb.length) {
      out.push({ where: `${where} / rad "${label}": antal celler`, old: String(ca.length), new: String(cb.length) });
    }
  }
}

function rowText(r: Json): string {
  return (isObj(r) ? arr(r.cells) : []).map(printed).join(' | ');
}

function compareChart(where: string, a: Obj, b: Obj, out: ReportDifference[]): void {
  for (const k of ['title', 'kind', 'altText', 'unit', 'dataTableId'] as const) {
    if (!equal(a[k], b[k])) out.push({ where: `${where}: ${k === 'altText' ? 'alternativtext' : k === 'title' ? 'rubrik' : k}`, old: show(a[k]), new: show(b[k]) });
  }
  const catsA = arr(a.categories).map(show);
  const catsB = arr(b.categories).map(show);
  if (!equal(catsA, catsB)) out.push({ where: `${where}: kategorier`, old: catsA.join(', '), new: catsB.join(', ') });
  const series = matchByKey(arr(a.series), arr(b.series), (s) => (isObj(s) ? str(s.name) : ''));
  for (const [, name] of series.onlyA) out.push({ where: `${where} / serie "${name}"`, old: 'finns', new: 'saknas' });
  for (const [, name] of series.onlyB) out.push({ where: `${where} / serie "${name}"`, old: 'saknas', new: 'finns' });
  for (const [sa, sb, name] of series.pairs) {
    const va = isObj(sa) ? arr(sa.values) : [];
    const vb = isObj(sb) ? arr(sb.values) : [];
    const n = Math.max(va.length, vb.length);
    for (let i = 0; i < n; i++) {
      if (!equal(va[i], vb[i])) {
        const cat = catsB[i] ?? catsA[i] ?? String(i + 1);
        out.push({ where: `${where} / serie "${name}" / "${cat}"`, old: va[i] === null || va[i] === undefined ? '(tom)' : show(va[i]), new: vb[i] === null || vb[i] === undefined ? '(tom)' : show(vb[i]) });
      }
    }
  }
}

/** Two lists of texts compared by position: a changed, a removed and an added text each listed. */
function compareTexts(where: string, a: readonly Json[], b: readonly Json[], out: ReportDifference[]): void {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!equal(a[i], b[i])) out.push({ where: n > 1 ? `${where} ${i + 1}` : where, old: show(a[i]), new: show(b[i]) });
  }
}

function sectionName(s: Obj): string {
  return `Avsnitt ${str(s.number)} "${str(s.title)}"`;
}

function compareSection(a: Obj, b: Obj, out: ReportDifference[]): void {
  const where = sectionName(b);
  if (a.number !== b.number || a.title !== b.title || a.level !== b.level) {
    out.push({ where: `${sectionName(a)}: nummer, rubrik eller nivå`, old: `${show(a.number)} ${show(a.title)} (nivå ${show(a.level)})`, new: `${show(b.number)} ${show(b.title)} (nivå ${show(b.level)})` });
  }
  const blocksA = arr(a.blocks).filter(isObj);
  const blocksB = arr(b.blocks).filter(isObj);
  // Tables and charts by id, narratives by key, paragraphs by position among the section's paragraphs.
  const blockKey = (x: Obj): string => (x.type === 'paragraph' ? 'paragraph' : `${str(x.type)}:${str(x.id ?? x.key)}`);
  const blocks = matchByKey(blocksA, blocksB, blockKey);
  const name = (x: Obj): string =>
    x.type === 'table' ? `tabell "${str(x.title)}" (${str(x.id)})` : x.type === 'chart' ? `diagram "${str(x.title)}" (${str(x.id)})` : x.type === 'narrative' ? `text "${str(x.key)}"` : 'stycke';
  for (const [x] of blocks.onlyA) out.push({ where: `${where} / ${name(x)}`, old: x.type === 'paragraph' ? show(x.text) : 'finns', new: 'saknas' });
  for (const [x] of blocks.onlyB) out.push({ where: `${where} / ${name(x)}`, old: 'saknas', new: x.type === 'paragraph' ? show(x.text) : 'finns' });
  let paragraph = 0;
  for (const [x, y] of blocks.pairs) {
    if (x.type === 'paragraph') paragraph++;
    if (equal(x, y)) continue;
    if (x.type === 'table') compareTable(`Tabell "${str(y.title)}" (${str(y.id)}, avsnitt ${str(b.number)})`, x, y, out);
    else if (x.type === 'chart') compareChart(`Diagram "${str(y.title)}" (${str(y.id)}, avsnitt ${str(b.number)})`, x, y, out);
    else if (x.type === 'paragraph') {
      const w = `${where} / stycke ${paragraph}${x.drafted !== y.drafted ? ' (skrivet av rapport eller av människa ändrat)' : ''}`;
      out.push({ where: w, old: show(x.text), new: show(y.text) });
    } else if (x.type === 'narrative') {
      out.push({ where: `${where} / text "${str(x.key)}"${x.required !== y.required ? ' (krav ändrat)' : ''}`, old: x.markdown === null ? '(saknas)' : show(x.markdown), new: y.markdown === null ? '(saknas)' : show(y.markdown) });
    } else {
      out.push({ where: `${where} / ${name(x)}`, old: show(x), new: show(y) });
    }
  }
  compareSections(arr(a.sections), arr(b.sections), out);
}

function compareSections(a: readonly Json[], b: readonly Json[], out: ReportDifference[]): void {
  const m = matchByKey(a.filter(isObj), b.filter(isObj), (s) => str(s.id));
  for (const [s] of m.onlyA) out.push({ where: sectionName(s), old: 'finns', new: 'avsnittet saknas' });
  for (const [s] of m.onlyB) out.push({ where: sectionName(s), old: 'avsnittet saknas', new: 'finns' });
  for (const [x, y] of m.pairs) if (!equal(x, y)) compareSection(x, y, out);
}

/** Anything else: by JSON path, so nothing that differs goes unlisted. */
function compareRest(path: string, a: Json | undefined, b: Json | undefined, out: ReportDifference[]): void {
  if (equal(a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) compareRest(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  out.push({ where: `Rapportmodellen: ${path}`, old: show(a), new: show(b) });
}

/**
 * Every difference between a sample JSON report (`old`) and the one made now (`new`), in document order: the
 * document's details (meta), the caveats ("Observera"), then section by section. An empty list: the same report.
 */
export function compareReportDocuments(oldDoc: unknown, newDoc: unknown): ReportDifference[] {
  const a = oldDoc as Json;
  const b = newDoc as Json;
  const out: ReportDifference[] = [];
  if (!isObj(a) || !isObj(b)) {
    if (!equal(a, b)) out.push({ where: 'Rapportmodellen', old: show(a), new: show(b) });
    return out;
  }
  const metaA = isObj(a.meta) ? a.meta : {};
  const metaB = isObj(b.meta) ? b.meta : {};
  for (const k of new Set([...Object.keys(metaA), ...Object.keys(metaB)])) {
    if (!equal(metaA[k], metaB[k])) out.push({ where: `Rapportens uppgifter: ${k}`, old: show(metaA[k]), new: show(metaB[k]) });
  }
  compareTexts('Observera, punkt', arr(a.caveats), arr(b.caveats), out);
  compareSections(arr(a.sections), arr(b.sections), out);
  const { meta: _ma, caveats: _ca, sections: _sa, ...restA } = a;
  const { meta: _mb, caveats: _cb, sections: _sb, ...restB } = b;
  compareRest('', restA, restB, out);
  return out;
}
