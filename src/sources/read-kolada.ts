/**
 * A downloaded Kolada file → `KoladaData` (model/kolada.ts). Nothing is fetched: the user saves Kolada's answer and
 * names the file in `kolada.file`. Two shapes are read (docs/config.md, "Jämförelse med Kolada"):
 *
 * - JSON as Kolada's open API returns it (api.kolada.se/v2/data/kpi/…/municipality/…/year/…, and v3 alike):
 *   `{"values": [{"kpi": "N60026", "municipality": "0024", "period": 2023, "values": [{"gender": "T", "value":
 *   61234.5, "count": 1, "status": ""}, …]}, …], "count": …, "next_page": …}`, or the bare list of such posts.
 *   `period` may be a number or a four-digit string; `value` a number or null (no value). Other fields (count,
 *   status, previous_page) are ignored; a `next_page` that is set is a warning (the file is one page of more).
 * - CSV, one value per row: the columns `kpi`, `municipality`, `period`, `gender` and `value` (names settable under
 *   `kolada.columns`; a file without the gender column holds totals, T), optionally a column with the region's
 *   name. Values with decimal point or comma, spaces as thousands separators; an empty cell is "no value".
 *
 * Every bad value is an error naming the file, the line, the field or column and the value; a KPI × region × year ×
 * gender given twice is an error (which one would be meant?). No value is ever read as 0.
 */
import type { KoladaConfig } from '../config/kolada-schema.js';
import type { KoladaData, KoladaValue } from '../model/kolada.js';
import type { Diagnostic, SourceLocation } from '../model/diagnostics.js';
import type { ReadResult, SourceInput } from '../model/records.js';
import { diag } from '../messages/index.js';
import { decodeText } from '../io/decode.js';
import { parseJsonWithLines, type JsonValue } from '../io/json.js';
import { DiagnosticSink, normaliseHeader, readTable, readText } from './table.js';

type Gender = KoladaValue['gender'];
const GENDERS: readonly string[] = ['T', 'K', 'M'];

/** A decimal as Kolada or a spreadsheet writes it: "61234.5", "61 234,5", "-3,25". Null for anything else. */
export function parseKoladaNumber(raw: string): number | null {
  const t = raw.replace(/[\u00a0\u202f ]/g, '');
  if (!/^[-−]?\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace('−', '-').replace(',', '.'));
}

/** Collects the values and refuses a key given twice. */
class Collector {
  readonly values: KoladaValue[] = [];
  private readonly first = new Map<string, number | undefined>();
  constructor(private readonly sink: DiagnosticSink) {}

  add(v: KoladaValue): void {
    const key = `${v.kpi}\u0000${v.region}\u0000${v.year}\u0000${v.gender}`;
    if (this.first.has(key)) {
      const firstRow = this.first.get(key);
      this.sink.add(diag('kolada.duplicate', { kpi: v.kpi, region: v.region, year: v.year, gender: v.gender, firstRow: firstRow ?? '?' }, v.location, v.kpi));
      return;
    }
    this.first.set(key, v.location.row);
    this.values.push(v);
  }
}

export async function readKolada(input: SourceInput, spec: KoladaConfig): Promise<ReadResult<KoladaData>> {
  const file = input.displayName;
  const sink = new DiagnosticSink(50);
  const empty = (extra: readonly Diagnostic[] = []): ReadResult<KoladaData> => {
    sink.addAll(extra);
    return { value: { file, values: [], names: new Map() }, diagnostics: sink.finish(file) };
  };
  let format = spec.format;
  if (format === 'auto') {
    const decoded = decodeText(input, { encoding: spec.encoding });
    if (decoded.value === null) return empty(decoded.diagnostics);
    format = /^\s*[{[]/.test(decoded.value.text) ? 'json' : 'csv';
  }
  return format === 'json' ? readJson(input, spec, sink) : readCsv(input, spec, sink);
}

function readJson(input: SourceInput, spec: KoladaConfig, sink: DiagnosticSink): ReadResult<KoladaData> {
  const file = input.displayName;
  const done = (values: KoladaValue[]): ReadResult<KoladaData> => ({ value: { file, values, names: new Map() }, diagnostics: sink.finish(file) });
  const decoded = decodeText(input, { encoding: spec.encoding });
  sink.addAll(decoded.diagnostics);
  if (decoded.value === null) return done([]);
  const parsed = parseJsonWithLines(decoded.value.text);
  if (!parsed.ok) {
    sink.add(diag('kolada.json-syntax', { detail: parsed.detail, line: parsed.line, column: parsed.column }, { file, row: parsed.line }));
    return done([]);
  }
  const root = parsed.value;
  const at = (o: object | null, column?: string): SourceLocation => {
    const row = o === null ? undefined : parsed.lineOf(o);
    return { file, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) };
  };
  const shown = (v: JsonValue | undefined): string => (v === undefined ? 'saknas' : JSON.stringify(v).slice(0, 60));
  let posts: JsonValue[];
  if (Array.isArray(root)) posts = root;
  else if (root !== null && typeof root === 'object' && Array.isArray(root['values'])) {
    posts = root['values'];
    const next = root['next_page'];
    if (typeof next === 'string' && next.trim() !== '') sink.add(diag('kolada.paged', {}, at(root, 'next_page'), next));
  } else {
    const detail = root !== null && typeof root === 'object' ? 'listan "values" saknas' : 'dokumentet är inte ett objekt eller en lista';
    sink.add(diag('kolada.json-shape', { detail }, at(root !== null && typeof root === 'object' ? root : null)));
    return done([]);
  }
  const out = new Collector(sink);
  posts.forEach((post, i) => {
    const path = `values[${i}]`;
    if (post === null || typeof post !== 'object' || Array.isArray(post)) {
      sink.add(diag('kolada.json-field', { field: path, detail: 'är inte ett objekt', value: shown(post) }, at(Array.isArray(root) ? root : null, path), shown(post)));
      return;
    }
    const field = (name: string, detail: string) => {
      sink.add(diag('kolada.json-field', { field: `${path}.${name}`, detail, value: shown(post[name]) }, at(post, name), shown(post[name])));
    };
    const kpi = post['kpi'];
    const region = post['municipality'];
    const period = post['period'];
    const inner = post['values'];
    let ok = true;
    if (typeof kpi !== 'string' || kpi.trim() === '') {
      field('kpi', 'ska vara nyckeltalets id som text');
      ok = false;
    }
    if (typeof region !== 'string' || region.trim() === '') {
      field('municipality', post['ou'] !== undefined ? 'saknas: filen gäller organisatoriska enheter (ou), inte regioner' : 'ska vara regionens id som text');
      ok = false;
    }
    const year = typeof period === 'number' ? period : typeof period === 'string' && /^\d{4}$/.test(period.trim()) ? Number(period) : null;
    if (year === null || !Number.isInteger(year) || year < 1000 || year > 9999) {
      sink.add(diag('kolada.period', { value: shown(period) }, at(post, 'period'), shown(period)));
      ok = false;
    }
    if (!Array.isArray(inner)) {
      field('values', 'ska vara en lista med värden per kön');
      ok = false;
    }
    if (!ok) return;
    for (const v of inner as JsonValue[]) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        field('values', `har en post som inte är ett objekt`);
        continue;
      }
      const location = at(v, 'value');
      const g = v['gender'] ?? 'T';
      if (typeof g !== 'string' || !GENDERS.includes(g)) {
        sink.add(diag('kolada.gender', { value: shown(g) }, at(v, 'gender'), shown(g)));
        continue;
      }
      const value = v['value'];
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
        sink.add(diag('kolada.value', { value: shown(value), kpi: (kpi as string).trim(), region: (region as string).trim(), year: year! }, location, shown(value)));
        continue;
      }
      out.add({ kpi: (kpi as string).trim(), region: (region as string).trim(), year: year!, gender: g as Gender, value: value === undefined ? null : value, location });
    }
  });
  return done(out.values);
}

async function readCsv(input: SourceInput, spec: KoladaConfig, sink: DiagnosticSink): Promise<ReadResult<KoladaData>> {
  const file = input.displayName;
  const c = spec.columns;
  const read = await readTable(
    input,
    { format: 'csv', encoding: spec.encoding, delimiter: spec.delimiter, required: [c.kpi, c.region, c.period, c.value], optional: [c.gender, ...(c.name ? [c.name] : [])] },
  );
  sink.addAll(read.diagnostics);
  const table = read.value;
  const out = new Collector(sink);
  const names = new Map<string, string>();
  for (const row of table.rows) {
    const kpi = readText(table, row, c.kpi, true, sink);
    const region = readText(table, row, c.region, true, sink);
    const periodText = readText(table, row, c.period, true, sink);
    if (kpi === undefined || region === undefined || periodText === undefined) continue;
    if (!/^\d{4}$/.test(periodText)) {
      sink.add(diag('kolada.period', { value: periodText }, table.at(row.row, c.period), periodText));
      continue;
    }
    const year = Number(periodText);
    const genderText = table.has(c.gender) ? (readText(table, row, c.gender, false, sink) ?? '') : '';
    const gender = genderText === '' ? 'T' : genderText.toUpperCase();
    if (!GENDERS.includes(gender)) {
      sink.add(diag('kolada.gender', { value: genderText }, table.at(row.row, c.gender), genderText));
      continue;
    }
    const raw = (row.values(c.value) ?? '').trim();
    const value = raw === '' ? null : parseKoladaNumber(raw);
    if (raw !== '' && value === null) {
      sink.add(diag('kolada.value', { value: raw, kpi, region, year }, table.at(row.row, c.value), raw));
      continue;
    }
    if (c.name && table.has(c.name)) {
      const name = readText(table, row, c.name, false, sink);
      if (name && !names.has(region)) names.set(region, name);
    }
    out.add({ kpi, region, year, gender: gender as Gender, value, location: table.at(row.row, normaliseHeader(c.value)) });
  }
  return { value: { file, values: out.values, names }, diagnostics: sink.finish(file) };
}
