import { describe, expect, test } from 'vitest';
import { readTable } from '../../src/sources/table.js';
import { bytesOf, codes, errorsOf, expectDiagnostic, input, utf8, type Eol } from './helpers.js';

/** Group B of docs/bad-input.md: CSV structure, through the table layer every reader uses. */

const spec = { required: ['Konto', 'Belopp'] } as const;
const F = 'data/saldo.csv';

async function table(lines: readonly string[], extra: Partial<Parameters<typeof readTable>[1]> = {}, eol: Eol = '\r\n', options = {}) {
  return readTable(input(utf8(lines, eol), F), { ...spec, ...extra }, options);
}

function cells(r: Awaited<ReturnType<typeof table>>): Array<[number, string | undefined, string | undefined]> {
  return r.value.rows.map((row) => [row.row, row.values('Konto'), row.values('Belopp')]);
}

describe('B. CSV structure', () => {
  test('case 11: ;-separated with ; expected, and ,-separated detected from the header', async () => {
    const semi = await table(['Konto;Belopp', '4010;1 234,50'], { delimiter: ';' });
    expect(semi.diagnostics).toEqual([]);
    expect(cells(semi)).toEqual([[2, '4010', '1 234,50']]);
    const comma = await table(['Konto,Belopp', '4010,"1 234,50"']);
    expect(comma.diagnostics).toEqual([]);
    expect(comma.value.delimiter).toBe(',');
    expect(cells(comma)).toEqual([[2, '4010', '1 234,50']]);
  });

  test('case 12: ;-file read with delimiter "," → missing columns, found the merged field, delimiter hint', async () => {
    const r = await table(['Konto;Belopp', '4010;1,00'], { delimiter: ',' });
    const d = expectDiagnostic(r.diagnostics, 'table.missing-columns', { file: F, row: 1, column: 'Konto', value: 'Konto;Belopp' });
    expect(d.message).toContain('[Konto, Belopp]');
    expect(d.message).toContain("hittade: ['Konto;Belopp']");
    expect(d.message).toContain("Avgränsaren ser ut att vara ';'");
    expect(r.value.rows).toEqual([]);
  });

  test('case 13: tab-separated → read when detected; error with a hint when ; is configured', async () => {
    const lines = ['Konto\tBelopp', '4010\t1 234,50'];
    const auto = await table(lines);
    expect(auto.diagnostics).toEqual([]);
    expect(auto.value.delimiter).toBe('\t');
    expect(cells(auto)).toEqual([[2, '4010', '1 234,50']]);
    const wrong = await table(lines, { delimiter: ';' });
    const d = expectDiagnostic(wrong.diagnostics, 'table.missing-columns', { file: F, row: 1, column: 'Konto', value: 'Konto\tBelopp' });
    expect(d.message).toContain('Avgränsaren ser ut att vara tabb');
  });

  test('case 14: unquoted decimal comma in a ,-file → column-count error at that line', async () => {
    const r = await table(['Konto,Belopp', '4010,12', '4011,1234,50', '4012,7']);
    expectDiagnostic(r.diagnostics, 'table.row-too-long', { file: F, row: 3, column: 'Belopp', value: '50' });
    // The other rows are still read; the bad one is not silently split.
    expect(cells(r)).toEqual([[2, '4010', '12'], [4, '4012', '7']]);
  });

  test('case 15: quoted field with an embedded newline → one record; later records keep their start lines', async () => {
    const r = await readTable(input(utf8(['Konto;Text;Belopp', '4010;"rad1', 'rad2";1,00', '4011;x;2,00', '4012;"a', '', 'b";3,00', '4013;y;4,00']), F), {
      required: ['Konto', 'Text', 'Belopp'],
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.value.rows.map((x) => [x.row, x.values('Konto'), x.values('Text')])).toEqual([
      [2, '4010', 'rad1\nrad2'],
      [4, '4011', 'x'],
      [5, '4012', 'a\n\nb'],
      [8, '4013', 'y'],
    ]);
  });

  test('case 16: unclosed quote → error at the line where the quote opened, naming the end line', async () => {
    const r = await table(['Konto;Belopp', '4010;1,00', '4011;"2,00', '4012;3,00', '4013;4,00']);
    const d = expectDiagnostic(r.diagnostics, 'csv.quote-not-closed', { file: F, row: 3, value: '4011;"2,00' });
    expect(d.message).toContain('rad 3');
    expect(d.message).toContain('rad 5'); // end of file
  });

  test('case 17: stray quote inside an unquoted field → error, not relaxed', async () => {
    const r = await readTable(input(utf8(['Konto;Motpart;Belopp', '4010;AB "Bolag" AB;1,00', '4011;Annat AB;2,00']), F), {
      required: ['Konto', 'Motpart', 'Belopp'],
    });
    expectDiagnostic(r.diagnostics, 'csv.invalid-opening-quote', { file: F, row: 2, value: 'AB "Bolag" AB' });
    // Reading resumes on the next line.
    expect(r.value.rows.map((x) => x.values('Konto'))).toEqual(['4011']);
  });

  test('case 18: short row → error naming the first missing column', async () => {
    const r = await readTable(input(utf8(['Ansvar;Konto;Period;Belopp', '110100;4010;202408;1,00', '110100;4011;202408']), F), {
      required: ['Ansvar', 'Konto', 'Period', 'Belopp'],
    });
    expectDiagnostic(r.diagnostics, 'table.row-too-short', { file: F, row: 3, column: 'Belopp', value: '110100;4011;202408' });
    expect(r.value.rows.length).toBe(1);
  });

  test('case 19: long row (unquoted ; in a text) → error with the extra value', async () => {
    const r = await readTable(input(utf8(['Konto;Text;Belopp', '4010;Hyra; lokal;5,00']), F), { required: ['Konto', 'Text', 'Belopp'] });
    expectDiagnostic(r.diagnostics, 'table.row-too-long', { file: F, row: 2, column: 'Belopp', value: '5,00' });
    expect(r.value.rows).toEqual([]);
  });

  test('case 20: blank and whitespace-only lines at the end → ignored and counted (info)', async () => {
    const r = await table(['Konto;Belopp', '4010;1,00', '4011;2,00', '', '   ', '\t', ''], {}, '\n');
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(codes(r.diagnostics)).toEqual(['table.trailing-blank-lines']);
    const d = expectDiagnostic(r.diagnostics, 'table.trailing-blank-lines', { file: F, row: 4, severity: 'info' });
    expect(d.message).toContain('4 tomma rader');
    expect(r.value.rows.length).toBe(2);
  });

  test('case 21: blank and delimiter-only lines in the middle → warning with count, never a zero row', async () => {
    const r = await table(['Konto;Belopp', '4010;1,00', '', ';', '4011;2,00', '  ', '4012;3,00']);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    const d = expectDiagnostic(r.diagnostics, 'table.blank-lines', { file: F, row: 3, severity: 'warning' });
    expect(d.message).toContain('3 tomma rader');
    expect(d.message).toContain('3, 4, 6');
    expect(cells(r)).toEqual([[2, '4010', '1,00'], [5, '4011', '2,00'], [7, '4012', '3,00']]);
  });

  test('case 22: CRLF, LF and CR-only line endings → identical rows and line numbers', async () => {
    const lines = ['Rapport 2024-08', 'Konto;Text;Belopp', '4010;"två', 'rader";1,00', '', '4011;x;2,00'];
    const results = await Promise.all(
      (['\r\n', '\n', '\r'] as const).map((eol) => readTable(input(utf8(lines, eol), F), { required: ['Konto', 'Text', 'Belopp'] })),
    );
    const shapes = results.map((r) => ({ header: r.value.headerRow, rows: r.value.rows.map((x) => [x.row, ...x.cells]), codes: codes(r.diagnostics) }));
    expect(shapes[0]).toEqual({ header: 2, rows: [[3, '4010', 'två\nrader', '1,00'], [6, '4011', 'x', '2,00']], codes: ['table.blank-lines'] });
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
  });

  test('case 22: mixed line endings in one file are read line by line, not as one field', async () => {
    const bytes = bytesOf('Konto;Belopp\r\n4010;1,00\n4011;2,00\r4012;3,00\r\n');
    const r = await readTable(input(bytes, F), spec);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.rows.map((x) => [x.row, x.values('Konto')])).toEqual([[2, '4010'], [3, '4011'], [4, '4012']]);
  });

  test('case 23: duplicate header names (Belopp;Belopp) → error, not the last one silently', async () => {
    const r = await readTable(input(utf8(['Konto;Belopp;Belopp', '4010;1,00;2,00']), F), spec);
    const d = expectDiagnostic(r.diagnostics, 'table.duplicate-header', { file: F, row: 1, column: 'Belopp', value: 'Belopp' });
    expect(d.message).toContain('kolumn 2 och 3');
  });

  test('case 23: a duplicated column that is not read is only a warning', async () => {
    const r = await readTable(input(utf8(['Konto;Kommentar;Belopp;Kommentar', '4010;a;1,00;b']), F), spec);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expectDiagnostic(r.diagnostics, 'table.duplicate-header-unused', { file: F, row: 1, column: 'Kommentar', value: 'Kommentar', severity: 'warning' });
  });

  test('case 24: headers __proto__ / constructor → error; Object.prototype untouched', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = await readTable(input(utf8(['Konto;__proto__;constructor;Belopp', '4010;polluted;x;1,00']), F), spec);
    expectDiagnostic(r.diagnostics, 'table.forbidden-header', { file: F, row: 1, column: '__proto__', value: '__proto__' });
    expect(errorsOf(r.diagnostics).map((d) => d.location?.column)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Even when asked for, the cell is looked up by index, not through an object key.
    expect(r.value.rows[0]!.values('__proto__')).toBe('polluted');
    expect(r.value.rows[0]!.values('toString')).toBeUndefined();
  });

  test('case 25: header with NBSP, trailing spaces or NFD → matched after normalisation, with a warning', async () => {
    const nfd = 'Kostnadsst\u0061\u030alle'; // "Kostnadsställe" with a combining ring
    const r = await readTable(input(utf8([`Konto\u00a0;Belopp ;${nfd}`, '4010;1,00;110100']), F), { required: ['Konto', 'Belopp', 'Kostnadsstålle'] });
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.value.header).toEqual(['Konto', 'Belopp', 'Kostnadsstålle']);
    const warnings = r.diagnostics.filter((d) => d.code === 'table.header-normalised');
    expect(warnings.map((w) => w.value)).toEqual(['Konto\u00a0', 'Belopp ', nfd]);
    expectDiagnostic(r.diagnostics, 'table.header-normalised', { file: F, row: 1, column: 'Konto', value: 'Konto\u00a0', severity: 'warning' });
    expect(r.value.rows[0]!.values('Kostnadsstålle')).toBe('110100');
  });

  test('case 26: missing required column → error listing missing and found headers', async () => {
    const r = await readTable(input(utf8(['Ansvar;Konto;Utfall', '110100;4010;1,00']), F), { required: ['Ansvar', 'Konto', 'Period', 'Belopp'] });
    const d = expectDiagnostic(r.diagnostics, 'table.missing-columns', { file: F, row: 1, column: 'Period', value: 'Ansvar;Konto;Utfall' });
    expect(d.message).toContain('Kolumnerna Period, Belopp saknas');
    expect(d.message).toContain("hittade: ['Ansvar', 'Konto', 'Utfall']");
  });

  test('case 27: repeated header rows mid-file → skipped with a warning and count', async () => {
    const r = await table(['Konto;Belopp', '4010;1,00', 'Konto;Belopp', '4011;2,00', 'Konto;Belopp', '4012;3,00']);
    const d = expectDiagnostic(r.diagnostics, 'table.repeated-header', { file: F, row: 3, severity: 'warning' });
    expect(d.message).toContain('2 gånger');
    expect(cells(r).map((c) => c[1])).toEqual(['4010', '4011', '4012']);
  });

  test('case 27: title lines repeated with the header after a page break are skipped too', async () => {
    const r = await table(['Rapport: Resultat 2024-08', 'Konto;Belopp', '4010;1,00', 'Rapport: Resultat 2024-08', 'Konto;Belopp', '4011;2,00']);
    expect(errorsOf(r.diagnostics)).toEqual([]);
    const d = expectDiagnostic(r.diagnostics, 'table.repeated-header', { file: F, row: 4, severity: 'warning' });
    expect(d.message).toContain('2 gånger');
    expect(cells(r).map((c) => c[0])).toEqual([3, 6]);
  });

  test('case 28: title and metadata lines before the header → found by exact match', async () => {
    const r = await table(['Rapport: Resultat 2024-08', 'Utskriven 2024-09-05;av;ekonomi', '', 'Konto;Belopp', '4010;1,00']);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.headerRow).toBe(4);
    expect(cells(r)).toEqual([[5, '4010', '1,00']]);
  });

  test('case 28: header below the search window → error', async () => {
    const titles = Array.from({ length: 30 }, (_, i) => `Rubrik ${i + 1}`);
    const r = await table([...titles, 'Konto;Belopp', '4010;1,00']);
    expectDiagnostic(r.diagnostics, 'table.missing-columns', { file: F, row: 1, value: 'Rubrik 1' });
    const wider = await table([...titles, 'Konto;Belopp', '4010;1,00'], {}, '\r\n', { headerSearchRows: 40 });
    expect(wider.value.headerRow).toBe(31);
  });

  test('case 29: a record longer than max_record_size (runaway quote) → error', async () => {
    const r = await table(['Konto;Belopp', '4010;"1,00', ...Array.from({ length: 50 }, () => '4011;2,00')], {}, '\n', { maxRecordSize: 200 });
    const d = expectDiagnostic(r.diagnostics, 'csv.max-record-size', { file: F, row: 2, value: '4010;"1,00' });
    expect(d.message).toContain('200');
  });

  test('case 30: file over the size limit or the row limit → error naming the limit', async () => {
    const big = await table(['Konto;Belopp', '4010;1,00'], {}, '\n', { maxBytes: 10 });
    const d = expectDiagnostic(big.diagnostics, 'io.file-too-large', { file: F });
    expect(d.message).toContain('10 byte');
    const many = await table(['Konto;Belopp', ...Array.from({ length: 6 }, (_, i) => `40${i};1,00`)], {}, '\n', { maxRows: 5 });
    const m = expectDiagnostic(many.diagnostics, 'table.too-many-rows', { file: F });
    expect(m.message).toContain('5 rader');
    expect(many.value.rows).toEqual([]);
  });

  test('many bad rows: errors are bounded (first 50 kept, the rest counted) and parsing stops in time', async () => {
    const bad = Array.from({ length: 400 }, (_, i) => `40${i};1,00;extra`);
    const r = await table(['Konto;Belopp', ...bad]);
    // Bounded work, not wall time: a hang ends in the test's timeout; speed is the benchmarks' business.
    expect(r.diagnostics.filter((d) => d.code === 'table.row-too-long').length).toBe(50);
    const more = r.diagnostics.find((d) => d.code === 'source.more-diagnostics');
    expect(more?.message).toContain('table.row-too-long');
    expect(more?.severity).toBe('error');
    expect(more?.message).toContain('Ytterligare 350');
  });

  test('alternating good and bad rows: resumptions are bounded and reported', async () => {
    const lines = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? `40${i};1,00` : `40${i};1,00;extra`));
    const r = await table(['Konto;Belopp', ...lines]);
    // Bounded work, not wall time: a hang ends in the test's timeout; speed is the benchmarks' business.
    const d = expectDiagnostic(r.diagnostics, 'csv.too-many-errors', { file: F });
    expect(d.message).toContain('201 strukturfel');
  });

  test('case 31: truncated last line (missing fields) → error at that line', async () => {
    const bytes = bytesOf('Ansvar;Konto;Belopp\r\n110100;4010;1,00\r\n110100;40');
    const r = await readTable(input(bytes, F), { required: ['Ansvar', 'Konto', 'Belopp'] });
    // "40" is what is left of the konto; the first field missing entirely is Belopp.
    expectDiagnostic(r.diagnostics, 'table.row-too-short', { file: F, row: 3, column: 'Belopp', value: '110100;40' });
  });
});
