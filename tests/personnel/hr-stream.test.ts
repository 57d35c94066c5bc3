/**
 * The streamed HR readers against the readers as they were (tests/personnel/oracle/: each extract read whole through
 * `openTable`): on every HR fixture of the repository and on variants of them — line endings, encodings, blank and
 * title lines, bad cells of every kind, rows the streaming table hands over — the same records, the same persons and
 * pseudonyms, and the same diagnostics (file, row, column, value, message), in the same order. Also the table layer
 * alone: `streamCsvTable` fed in small chunks gives `readTable`'s rows and table diagnostics, for every variant.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { PersonnelConfig } from '../../src/config/personnel-schema.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { LoadedSource, SourceInput } from '../../src/model/records.js';
import { newHrReadContext, readAbsence, readEmployments } from '../../src/sources/heroma/read-hr.js';
import { readHiredStaff } from '../../src/sources/heroma/read-small.js';
import { readTable, streamCsvTable, type ReadOptions, type TableRow } from '../../src/sources/table.js';
import * as whole from './oracle/read-hr-whole.js';
import { readHiredStaff as readHiredStaffWhole } from './oracle/read-small-whole.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KEY = new Uint8Array(32).fill(3);
const tmp = mkdtempSync(path.join(tmpdir(), 'hr-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function personnelOf(configPath: string): Promise<PersonnelConfig> {
  const r = await loadConfig(configPath);
  if (!r.ok) throw new Error(`config ${configPath}: ${JSON.stringify(r.diagnostics)}`);
  return r.value.config.personnel!;
}

/** Every config of the repository with HR extracts: the example region's (the repository's own) and each fixture's. */
const FIXTURES = [
  { name: 'region-exempel', config: path.join(ROOT, 'rapport.config.yaml'), dir: ROOT },
  ...readdirSync(path.join(ROOT, 'fixtures'))
    .filter((d) => existsSync(path.join(ROOT, 'fixtures', d, 'heroma')) && existsSync(path.join(ROOT, 'fixtures', d, 'rapport.config.yaml')))
    .map((d) => ({ name: d, config: path.join(ROOT, 'fixtures', d, 'rapport.config.yaml'), dir: path.join(ROOT, 'fixtures', d) })),
];

interface Files {
  readonly employments?: Uint8Array | undefined;
  readonly absence?: Uint8Array | undefined;
  readonly hiredStaff?: Uint8Array | undefined;
}

/** Both ways, with one run's context each (employments, then absence, as the pipeline reads them). */
async function both(config: PersonnelConfig, files: Files, options: ReadOptions = {}, streamed = false) {
  const s = config.sources;
  const name = (f: string | undefined) => f ?? 'x.csv';
  const input = (bytes: Uint8Array, file: string, role: string): LoadedSource => {
    if (!streamed) return { bytes, displayName: file };
    const p = path.join(tmp, `${role}-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(p, bytes);
    return { displayName: file, path: p, size: bytes.length };
  };
  const newCtx = newHrReadContext(config, options, KEY);
  const oldCtx = whole.newHrReadContext(config, options, KEY);
  const out: { now: unknown[]; before: unknown[] } = { now: [], before: [] };
  // A streamed file's result also carries the hash of what was read (for the manifest; tests/pipeline/input-digest).
  const strip = <R extends { digest?: unknown }>({ digest: _digest, ...rest }: R) => rest;
  if (files.employments) {
    const file = name(s.employments?.file);
    out.now.push(strip(await readEmployments(input(files.employments, file, 'e'), s.employments, newCtx)));
    out.before.push(await whole.readEmployments({ bytes: files.employments, displayName: file } satisfies SourceInput, s.employments, oldCtx));
  }
  if (files.absence) {
    const file = name(s.absence?.file);
    out.now.push(strip(await readAbsence(input(files.absence, file, 'a'), s.absence, newCtx)));
    out.before.push(await whole.readAbsence({ bytes: files.absence, displayName: file }, s.absence, oldCtx));
  }
  if (files.hiredStaff && s.hiredStaff) {
    const file = name(s.hiredStaff.file);
    out.now.push(strip(await readHiredStaff(input(files.hiredStaff, file, 'h'), s.hiredStaff, options)));
    out.before.push(await readHiredStaffWhole({ bytes: files.hiredStaff, displayName: file }, s.hiredStaff, options));
  }
  out.now.push(newCtx.persons.all(newCtx.pseudonymiser.size));
  out.before.push(oldCtx.persons.all(oldCtx.pseudonymiser.size));
  return out;
}

/** Equal, compared as JSON first (tens of thousands of records); on a difference, `toEqual` shows it. */
function same(now: unknown, before: unknown): void {
  if (JSON.stringify(now) !== JSON.stringify(before)) expect(now).toEqual(before);
}

function readFixture(dir: string, file: string | undefined): Uint8Array | undefined {
  if (!file) return undefined;
  return new Uint8Array(readFileSync(path.resolve(dir, file)));
}

function codes(results: unknown[]): string[] {
  return results.flatMap((r) => ((r as { diagnostics?: Diagnostic[] }).diagnostics ?? []).map((d) => d.code));
}

// --- text variants ------------------------------------------------------------------------------------------------

const cp = (text: string) => new Uint8Array(iconv.encode(text, 'windows-1252'));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const textOf = (bytes: Uint8Array) => iconv.decode(Buffer.from(bytes), 'windows-1252');

/** The first `n` lines of a CRLF fixture as LF text. */
function head(bytes: Uint8Array, n: number): string[] {
  return textOf(bytes).replace(/\r\n?/g, '\n').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').slice(0, n);
}

/** A cell of a data line replaced (column index, 0-based). */
function setCell(line: string, col: number, value: string): string {
  const cells = line.split(';');
  cells[col] = value;
  return cells.join(';');
}

type Variant = {
  name: string;
  /** The file's text from its first lines (both extracts; `absence` for the absence extract when given). */
  lines: (lines: string[]) => string;
  absence?: (lines: string[]) => string;
  encode?: (t: string) => Uint8Array;
  options?: ReadOptions;
  /** Lines (and column names) before this one made ASCII, read with `encoding: auto`. */
  asciiUntil?: number;
};

const deaccent = (t: string) => t.replace(/[åä]/g, 'a').replace(/[ÅÄ]/g, 'A').replace(/ö/g, 'o').replace(/Ö/g, 'O');

const join = (ls: string[], eol = '\r\n') => ls.join(eol) + eol;

const EMP_VARIANTS: Variant[] = [
  { name: 'as is', lines: (l) => join(l) },
  { name: 'LF line ends', lines: (l) => join(l, '\n') },
  { name: 'CR line ends, no final line break', lines: (l) => l.join('\r') },
  { name: 'UTF-8 with BOM', lines: (l) => '\ufeff' + join(l), encode: utf8 },
  { name: 'blank lines in the middle and at the end', lines: (l) => join([...l.slice(0, 5), '', ';;;', ...l.slice(5), '', '  ']) },
  { name: 'whitespace-only last line without a line break', lines: (l) => join(l) + '   ' },
  { name: 'title lines above the header', lines: (l) => join(['Anställningar per månad', 'Uttag 2024-09-02', '', ...l]) },
  { name: 'unknown form, bad hours, negative hours, bad rate', lines: (l) => join([l[0]!, setCell(l[1]!, 6, 'Konsult'), setCell(l[2]!, 11, '12,3,4'), setCell(l[3]!, 12, '-4,00'), setCell(l[4]!, 7, '140'), ...l.slice(5)]) },
  { name: 'bad and reversed dates, bad birth date', lines: (l) => join([l[0]!, setCell(l[1]!, 8, '2024-13-01'), setCell(setCell(l[2]!, 8, '2024-05-01'), 9, '2024-04-01'), setCell(l[3]!, 3, '19xx-01-01'), ...l.slice(4)]) },
  { name: 'missing required values and ids', lines: (l) => join([l[0]!, setCell(l[1]!, 0, ''), setCell(l[2]!, 4, ' '), setCell(l[3]!, 5, ''), setCell(l[4]!, 11, ''), ...l.slice(5)]) },
  { name: 'duplicate rows and conflicting person data', lines: (l) => join([...l, l[3]!, setCell(l[4]!, 2, l[4]!.split(';')[2] === 'K' ? 'M' : 'K')]) },
  { name: 'unknown gender word and end reason', lines: (l) => join([l[0]!, setCell(l[1]!, 2, 'X'), setCell(setCell(l[2]!, 9, '2024-06-30'), 10, 'Flytt till Mars'), ...l.slice(3)]) },
  { name: 'extra empty trailing fields', lines: (l) => join(l.map((x, i) => (i % 2 === 1 ? x + ';;' : x))) },
  { name: 'quoted cells with doubled quotes and a personnummer in a name', lines: (l) => join([l[0]!, setCell(l[1]!, 1, '"Anna ""Ankan"" Berg"'), setCell(l[2]!, 6, '"Tillsvidare"'), ...l.slice(3)]) },
  { name: 'a short row (handed over)', lines: (l) => join([...l.slice(0, 4), l[4]!.split(';').slice(0, 6).join(';'), ...l.slice(5)]) },
  { name: 'a long row (handed over)', lines: (l) => join([...l.slice(0, 4), l[4]! + ';extra', ...l.slice(5)]) },
  { name: 'a repeated header (handed over)', lines: (l) => join([...l.slice(0, 6), l[0]!, ...l.slice(6)]) },
  { name: 'a stray quote (handed over)', lines: (l) => join([...l.slice(0, 3), setCell(l[3]!, 1, 'An"na'), ...l.slice(4)]) },
  { name: 'a header needing normalisation (handed over)', lines: (l) => join([l[0]!.replace('Ansvar', 'Ansvar\u00a0'), ...l.slice(1)]) },
  { name: 'header only (handed over)', lines: (l) => join([l[0]!]) },
  { name: 'no header (handed over)', lines: (l) => join(l.slice(1)) },
  { name: 'two diagnostics per code', lines: (l) => join([l[0]!, ...l.slice(1, 8).map((x) => setCell(x, 6, 'Konsult' + x.length)), ...l.slice(8).map((x) => setCell(x, 12, 'x'))]), options: { maxDiagnosticsPerCode: 2 } },
  { name: 'Windows-1252 under auto, first non-UTF-8 byte on line 41', lines: (l) => join([...l.slice(0, 40), setCell(l[40]!, 1, 'Åsa Öberg'), ...l.slice(41)]), asciiUntil: 40 },
  { name: 'UTF-8 under auto', lines: (l) => join(l), encode: utf8 },
  {
    name: 'sick leave without hours, with mismatched hours, other types',
    lines: (l) => join(l),
    absence: (l) => join([l[0]!, setCell(setCell(l[1]!, 9, ''), 10, ''), setCell(l[2]!, 10, '1,00'), setCell(l[3]!, 5, 'Semester'), setCell(l[4]!, 5, 'Vab'), setCell(l[5]!, 8, '50 %'), ...l.slice(6)]),
  },
];

describe('streamed HR readers = the readers that read the extract whole', () => {
  it('covers every HR fixture', () => {
    expect(FIXTURES.map((f) => f.name)).toEqual(expect.arrayContaining(['region-exempel', 'vastmanland-fds-2023-08', 'halland-regionkontoret-2023-04']));
  });

  for (const fx of FIXTURES) {
    it(`${fx.name}: every extract, as committed`, async () => {
      const config = await personnelOf(fx.config);
      const s = config.sources;
      const files = { employments: readFixture(fx.dir, s.employments.file), absence: readFixture(fx.dir, s.absence.file), hiredStaff: readFixture(fx.dir, s.hiredStaff?.file) };
      const r = await both(config, files);
      same(r.now, r.before);
      const streamed = await both(config, files, {}, true);
      same(streamed.now, streamed.before);
      expect((r.now[0] as { value: { employments: unknown[] } }).value.employments.length).toBeGreaterThan(1000);
    });
  }

  describe('variants of the example region', async () => {
    const config = await personnelOf(FIXTURES[0]!.config);
    const s = config.sources;
    const emp = head(readFixture(ROOT, s.employments.file)!, 120);
    const abs = head(readFixture(ROOT, s.absence.file)!, 120);
    for (const v of EMP_VARIANTS) {
      it(v.name, async () => {
        const encode = v.encode ?? cp;
        const auto = v.encode !== undefined || v.asciiUntil !== undefined;
        const ascii = (ls: string[]) => ls.map((x, i) => (i < (v.asciiUntil ?? 0) ? deaccent(x) : x));
        const columns = <T extends object>(c: T): T => (v.asciiUntil === undefined ? c : Object.fromEntries(Object.entries(c).map(([k, x]) => [k, typeof x === 'string' ? deaccent(x) : x])) as T);
        const cfg: PersonnelConfig = auto
          ? {
            ...config,
            sources: {
              ...s,
              employments: { ...s.employments, encoding: 'auto', columns: columns(s.employments.columns) },
              absence: { ...s.absence, encoding: 'auto', columns: columns(s.absence.columns) },
            },
          }
          : config;
        const files = { employments: encode(v.lines(ascii(emp))), absence: encode((v.absence ?? v.lines)(ascii(abs))) };
        const r = await both(cfg, files, v.options ?? {});
        same(r.now, r.before);
        const streamed = await both(cfg, files, v.options ?? {}, true);
        same(streamed.now, streamed.before);
        if (v.name === 'as is') expect(codes(r.now)).toEqual(['personnel.absence.otherTypes']);
        if (v.asciiUntil !== undefined) expect(codes(r.now).filter((c) => c === 'io.decoded-windows-1252')).toHaveLength(2);
      });
    }
  });
});

describe('streamCsvTable = readTable, chunk by chunk', async () => {
  const config = await personnelOf(FIXTURES[0]!.config);
  const s = config.sources;
  const emp = head(readFixture(ROOT, s.employments.file)!, 60);
  const spec = { encoding: 'windows-1252' as const, delimiter: ';' as const, required: ['Personnummer', 'Ansvar', 'Period', 'Anställningsform'], optional: ['Namn', 'Kön'] };

  async function streamed(bytes: Uint8Array, chunk: number) {
    const chunks = function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    };
    const r = await streamCsvTable(chunks, 'e.csv', spec, {}, () => {
      const rows: [number, string[]][] = [];
      return { rows, start: () => true, row: (row: TableRow) => void rows.push([row.row, [...row.cells]]) };
    });
    return { rows: r.sink?.rows ?? [], diagnostics: r.diagnostics };
  }

  // Every variant, the unusual ones included: nothing is handed over, the streamed table is readTable's.
  for (const v of EMP_VARIANTS.filter((x) => !x.encode && !x.name.includes('auto'))) {
    it(v.name, async () => {
      const bytes = cp(v.lines(emp));
      const general = await readTable({ bytes, displayName: 'e.csv' }, spec);
      for (const chunk of [1, 7, 64, 1 << 20]) {
        const r = await streamed(bytes, chunk);
        expect(r.rows).toEqual(general.value.rows.map((x) => [x.row, [...x.cells]]));
        expect(r.diagnostics).toEqual(general.diagnostics);
      }
    });
  }
});

describe('a file read again from the start', async () => {
  const config = await personnelOf(FIXTURES[0]!.config);
  const s = config.sources;
  const all = head(readFixture(ROOT, s.employments.file)!, 1_000_000);

  it('leaves the pseudonyms and persons of one reading (an id read as UTF-8 first, Windows-1252 in the end)', async () => {
    // ASCII but for an id with bytes that are valid UTF-8 (read so until the first byte that is not, after the first
    // chunk of 1 MiB), and that byte near the end: the whole file is Windows-1252 and is read again.
    const lines = all.map(deaccent);
    const last = lines.length - 2;
    const id = lines[3]!.split(';')[0]!;
    const bytes = Buffer.concat([
      Buffer.from(join(lines.slice(0, 3)), 'latin1'),
      Buffer.from(join([setCell(lines[3]!, 0, id + '\u20ac')]), 'utf8'),
      Buffer.from(join(lines.slice(4, last)), 'latin1'),
      Buffer.from(join([setCell(lines[last]!, 1, 'Asa \u00d6berg'), ...lines.slice(last + 1)]), 'latin1'),
    ]);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const cfg: PersonnelConfig = {
      ...config,
      sources: {
        ...s,
        employments: {
          ...s.employments,
          encoding: 'auto',
          columns: Object.fromEntries(Object.entries(s.employments.columns).map(([k, x]) => [k, typeof x === 'string' ? deaccent(x) : x])) as typeof s.employments.columns,
        },
      },
    };
    const files = { employments: new Uint8Array(bytes) };
    const r = await both(cfg, files);
    same(r.now, r.before);
    const streamed = await both(cfg, files, {}, true);
    same(streamed.now, streamed.before);
    expect(codes(r.now)).toContain('io.decoded-windows-1252');
    expect((r.now[0] as { value: { employments: unknown[] } }).value.employments.length).toBeGreaterThan(1000);
  });
});
