import { afterEach, describe, expect, test } from 'vitest';
import { excelSerialToIsoDate, isPeriodIssue, parsePeriod, parseYearAndMonth, periodDiagnostic, type PeriodParse } from '../../src/sources/parse-period.js';
import { expectDiagnostic } from './helpers.js';

/** Group D of docs/bad-input.md: dates and periods (49–56, 58). 49–51 against real workbooks: xlsx.test.ts. */

function period(p: PeriodParse): number | string {
  return isPeriodIssue(p) ? p.issue : p.period;
}

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

describe('D. dates and periods', () => {
  test('case 49: serial 45535 → 2024-08-31 under TZ=UTC and TZ=Europe/Stockholm', () => {
    for (const tz of ['UTC', 'Europe/Stockholm', 'America/Los_Angeles']) {
      process.env['TZ'] = tz;
      expect(excelSerialToIsoDate(45535, false), tz).toBe('2024-08-31');
      expect(period(parsePeriod('45535', { numericCell: true })), tz).toBe(202408);
      // A time of day does not move the date.
      expect(excelSerialToIsoDate(45535.99, false), tz).toBe('2024-08-31');
    }
  });

  test('case 50: an unformatted serial is accepted only from a numeric cell, only for 2000–2100', () => {
    expect(period(parsePeriod('45535'))).toBe('period.unparseable'); // text, e.g. CSV
    expect(period(parsePeriod('36526', { numericCell: true }))).toBe(200001); // 2000-01-01
    expect(period(parsePeriod('36525', { numericCell: true }))).toBe('period.serial-out-of-range'); // 1999-12-31
    // 1970-01-01 → 2101-01-01 is 131 years with 32 leap days (1972…2096) = 47 847 days; + 25 569 = 73 416.
    expect(period(parsePeriod('73416', { numericCell: true }))).toBe('period.serial-out-of-range'); // 2101-01-01
    expect(period(parsePeriod('73415', { numericCell: true }))).toBe(210012); // 2100-12-31
    expect(period(parsePeriod('73051', { numericCell: true }))).toBe(210001); // 2100-01-01 (73 415 − 364)
  });

  test('case 51: date1904 → serials offset by 1462 days', () => {
    // 45535 − 1462 = 44073 is 2024-08-31 in the 1904 system.
    expect(excelSerialToIsoDate(44073, true)).toBe('2024-08-31');
    expect(period(parsePeriod('44073', { numericCell: true, date1904: true }))).toBe(202408);
    expect(period(parsePeriod('44073', { numericCell: true, date1904: false }))).toBe(202008); // 2020-08-30
    expect(excelSerialToIsoDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToIsoDate(61, false)).toBe('1900-03-01');
  });

  test('case 52: "2024-08" → 202408', () => {
    expect(parsePeriod('2024-08')).toEqual({ period: 202408, format: 'yyyy-mm' });
    expect(period(parsePeriod('2024-8'))).toBe(202408);
  });

  test('case 53: "202408" → period 2024-08, not the year 202408', () => {
    expect(parsePeriod('202408')).toEqual({ period: 202408, format: 'yyyymm' });
    expect(period(parsePeriod(' 202401 '))).toBe(202401);
    expect(period(parsePeriod('202408', { numericCell: true }))).toBe(202408);
  });

  test('YYMM and ISO dates', () => {
    expect(parsePeriod('2408')).toEqual({ period: 202408, format: 'yymm' });
    expect(parsePeriod('2024-08-31')).toEqual({ period: 202408, format: 'date' });
    expect(period(parsePeriod('2024-02-29'))).toBe(202402);
  });

  test('case 54: Swedish month names and abbreviations', () => {
    const cases: Array<[string, number]> = [
      ['aug-24', 202408],
      ['aug. 24', 202408],
      ['Aug 2024', 202408],
      ['augusti 2024', 202408],
      ['maj 2024', 202405],
      ['okt-24', 202410],
      ['Okt 24', 202410],
      ['jan-25', 202501],
      ['mars 2024', 202403],
      ['sept 2024', 202409],
      ['dec-23', 202312],
      ['2024 augusti', 202408],
      ['jun-24', 202406],
      ['jul-24', 202407],
    ];
    for (const [raw, expected] of cases) expect(period(parsePeriod(raw)), raw).toBe(expected);
    // English names that are not Swedish abbreviations are not guessed.
    for (const raw of ['may 2024', 'oct-24', 'ma 2024']) expect(period(parsePeriod(raw)), raw).toBe('period.unparseable');
  });

  test('case 55: "08/09/2024" without a configured format → ambiguous', () => {
    for (const raw of ['08/09/2024', '8/9/24', '31.08.2024', '09-08-2024']) expect(period(parsePeriod(raw)), raw).toBe('period.ambiguous');
  });

  test('case 56: months and days that do not exist → invalid', () => {
    expect(parsePeriod('2024-13')).toEqual({ issue: 'period.invalid', detail: 'månad 13 finns inte' });
    expect(period(parsePeriod('202400'))).toBe('period.invalid');
    expect(period(parsePeriod('202413'))).toBe('period.invalid');
    expect(parsePeriod('2024-02-30')).toEqual({ issue: 'period.invalid', detail: 'dag 30 finns inte i februari 2024' });
    expect(parsePeriod('2023-02-29')).toEqual({ issue: 'period.invalid', detail: 'dag 29 finns inte i februari 2023' });
    expect(period(parsePeriod('2413'))).toBe('period.invalid'); // YYMM month 13
  });

  test('case 58: year-to-date or whole-year values are refused as "not a month"', () => {
    for (const raw of ['2024', '202401-202408', 'jan-aug 2024', 'ack 202408', 'Helår 2024', '2024-01--2024-08']) {
      expect(period(parsePeriod(raw)), raw).toBe('period.not-a-month');
    }
  });

  test('year and month in two columns', () => {
    expect(parseYearAndMonth('2024', '8')).toEqual({ period: 202408, format: 'year-and-month' });
    expect(period(parseYearAndMonth('2024', '08'))).toBe(202408);
    expect(period(parseYearAndMonth('24', 'augusti'))).toBe(202408);
    expect(period(parseYearAndMonth('2024', '13'))).toBe('period.invalid');
    expect(period(parseYearAndMonth('', '8'))).toBe('period.unparseable');
  });

  test('garbage is unparseable', () => {
    for (const raw of ['', 'x', '2024/08/31/1', 'period 8']) expect(period(parsePeriod(raw)), raw).toBe('period.unparseable');
  });

  test('the diagnostic names column and raw value', () => {
    const p = parsePeriod('2023-02-29');
    if (!isPeriodIssue(p)) throw new Error('expected an issue');
    const d = periodDiagnostic(p, '2023-02-29', { file: 'saldo.csv', row: 7, column: 'Period' });
    expectDiagnostic([d], 'period.invalid', { file: 'saldo.csv', row: 7, column: 'Period', value: '2023-02-29' });
    expect(d.message).toContain('februari 2023');
  });
});
