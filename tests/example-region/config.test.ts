import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema } from '../../src/config/schema.js';

/**
 * The example region (fixtures/region-exempel/) and the repository's rapport.config.yaml: the config validates, and
 * the files hold together the way the readers expect (every account grouped, every ansvar in the organisation, …).
 * Also checks that the generator is deterministic: re-running it gives byte-identical files.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'fixtures', 'region-exempel');
const CSV_FILES = ['raindance-saldo.csv', 'organisation.csv', 'kontogrupper.csv', 'investeringar.csv', 'prognoser.csv'];

const cp1252 = new TextDecoder('windows-1252');

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function readTable(file: string): Table {
  const text = cp1252.decode(readFileSync(path.join(FIXTURE, file)));
  expect(text.endsWith('\r\n'), `${file} slutar med CRLF`).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) expect(line.includes('\n') || line.includes('\r'), `${file}: bara CRLF`).toBe(false);
  const [head, ...rest] = lines.map((l) => l.split(';'));
  const header = head ?? [];
  for (const r of rest) expect(r.length, `${file}: ${r.join(';')}`).toBe(header.length);
  return { header, rows: rest };
}

function column(table: Table, name: string): Getter {
  const i = table.header.indexOf(name);
  expect(i, `kolumnen ${name}`).toBeGreaterThanOrEqual(0);
  return (row) => row[i] ?? '';
}

type Getter = (row: readonly string[]) => string;

/** Several column getters at once, typed as a tuple of the same length. */
function columns<const N extends readonly string[]>(table: Table, ...names: N): { [K in keyof N]: Getter } {
  return names.map((n) => column(table, n)) as { [K in keyof N]: Getter };
}

const AMOUNT = /^-?\d+,\d{2}$/;

const config = configSchema.parse(parseYaml(readFileSync(path.join(ROOT, 'rapport.config.yaml'), 'utf8')));
const ledger = readTable('raindance-saldo.csv');
const org = readTable('organisation.csv');
const groups = readTable('kontogrupper.csv');
const investments = readTable('investeringar.csv');
const forecasts = readTable('prognoser.csv');

const orgCode = column(org, 'Ansvar');
const costCentres = new Map(org.rows.map((r) => [orgCode(r), r]));
const accounts = new Set(groups.rows.map(column(groups, 'Konto')));
const reportRows = new Set(groups.rows.map(column(groups, 'Rad')));

describe('rapport.config.yaml', () => {
  it('validates against the config schema', () => {
    const result = configSchema.safeParse(parseYaml(readFileSync(path.join(ROOT, 'rapport.config.yaml'), 'utf8')));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(config.organisation).toEqual({ name: 'Region Exempel', unit: 'Region Exempel' });
    expect(config.report.unitLevels).toEqual(['root', 'Nämnd', 'Förvaltning']);
    expect(config.sources.organisation.columns.levels).toEqual(['Delområde', 'Förvaltning', 'Nämnd']);
    expect(config.sources.investments?.columns.costCentre).toBe('Ansvar');
    expect(config.sources.forecasts?.sign).toBe('report');
  });

  it('points at files that exist, with the configured columns', () => {
    const s = config.sources;
    const specs = [
      [s.ledger.file, Object.values(s.ledger.columns).filter((c) => c !== 'Prognos')],
      [s.organisation.file, [s.organisation.columns.costCentre, s.organisation.columns.name, ...s.organisation.columns.levels]],
      [s.accountGroups.file, Object.values(s.accountGroups.columns)],
      [s.investments?.file, Object.values(s.investments?.columns ?? {})],
      [s.forecasts?.file, Object.values(s.forecasts?.columns ?? {})],
    ] as const;
    for (const [file, columns] of specs) {
      expect(file).toBeDefined();
      const header = cp1252.decode(readFileSync(path.join(ROOT, file ?? ''))).split('\r\n')[0]?.split(';') ?? [];
      for (const c of columns) expect(header, `${file}: ${c}`).toContain(c);
    }
  });

  it('uses the sections the account groups use', () => {
    const section = column(groups, 'Avsnitt');
    expect(new Set(groups.rows.map(section))).toEqual(new Set(config.sections.map((s) => s.name)));
  });
});

describe('fixtures/region-exempel', () => {
  it('is Windows-1252 without BOM, with Swedish letters', () => {
    for (const file of CSV_FILES) {
      const bytes = readFileSync(path.join(FIXTURE, file));
      expect(bytes[0], file).not.toBe(0xef);
      // å ä ö are single bytes (0xE5, 0xE4, 0xF6) in Windows-1252; UTF-8 would encode them as 0xC3 0x..
      expect(bytes.includes(0xe5) || bytes.includes(0xe4) || bytes.includes(0xf6), file).toBe(true);
      expect(bytes.includes(0xc3), file).toBe(false);
    }
  });

  it('has the golden files’ columns', () => {
    expect(ledger.header).toEqual(['Ansvar', 'Ansvar (T)', 'Verksamhet', 'Konto', 'Konto (T)', 'Period', 'Utfall', 'Budget']);
    expect(org.header).toEqual(['Ansvar', 'Ansvar (T)', 'Delområde', 'Förvaltning', 'Nämnd']);
    expect(groups.header).toEqual(['Konto', 'Konto (T)', 'Rad', 'Avsnitt']);
    expect(investments.header).toEqual(['Projekt', 'Projekt (T)', 'Investeringsområde', 'Ansvar', 'Utfall ack', 'Prognos helår', 'Årsbudget']);
    expect(forecasts.header).toEqual(['Prognostillfälle', 'Ansvar', 'Rad', 'Prognos']);
  });

  it('has a three-level organisation with about 150 ansvar and names unique within each level', () => {
    expect(org.rows.length).toBeGreaterThanOrEqual(140);
    expect(org.rows.length).toBeLessThanOrEqual(160);
    expect(costCentres.size).toBe(org.rows.length);
    for (const code of costCentres.keys()) expect(code).toMatch(/^\d{6}$/);
    const names = org.rows.map(column(org, 'Ansvar (T)'));
    expect(new Set(names).size).toBe(names.length);
    // Each delområde belongs to one förvaltning, each förvaltning to one nämnd.
    for (const [level, parent] of [['Delområde', 'Förvaltning'], ['Förvaltning', 'Nämnd']] as const) {
      const parents = new Map<string, Set<string>>();
      for (const r of org.rows) {
        const name = column(org, level)(r);
        if (!parents.has(name)) parents.set(name, new Set());
        parents.get(name)?.add(column(org, parent)(r));
      }
      for (const [name, p] of parents) expect(p.size, `${level} ${name}`).toBe(1);
    }
    expect(new Set(org.rows.map(column(org, 'Nämnd')))).toEqual(
      new Set(['Regionstyrelsen', 'Hälso- och sjukvårdsnämnden', 'Regionala utvecklingsnämnden']),
    );
  });

  it('groups every account into exactly one report row, rows contiguous in print order', () => {
    expect(accounts.size).toBe(groups.rows.length);
    expect(accounts.size).toBeGreaterThanOrEqual(35);
    // 45 accounts of verksamheten, the AFA återbetalning's own account and 8 of class 8 (the region level).
    expect(accounts.size).toBeLessThanOrEqual(54);
    const rowOf = column(groups, 'Rad');
    const seen: string[] = [];
    for (const r of groups.rows) if (seen.at(-1) !== rowOf(r)) seen.push(rowOf(r));
    expect(new Set(seen).size, 'each report row appears as one block').toBe(seen.length);
  });

  it('has a ledger that only uses known accounts and ansvar, one line per key', () => {
    const [code, name, konto, period, actual, budget] = columns(ledger, 'Ansvar', 'Ansvar (T)', 'Konto', 'Period', 'Utfall', 'Budget');
    // ~60 000 lines: collect problems and assert once (an expect per cell is slow).
    const problems: string[] = [];
    const check = (ok: boolean, what: string, r: readonly string[]) => {
      if (!ok && problems.length < 20) problems.push(`${what}: ${r.join(';')}`);
    };
    const keys = new Set<string>();
    for (const r of ledger.rows) {
      const p = Number(period(r));
      const a = actual(r);
      const b = budget(r);
      check(costCentres.has(code(r)), 'okänt ansvar', r);
      check(name(r) === costCentres.get(code(r))?.[1], 'annat namn än i organisationen', r);
      check(accounts.has(konto(r)), 'konto saknas i kontogrupper', r);
      check(p >= 202201 && p <= 202412 && p % 100 >= 1 && p % 100 <= 12, 'period', r);
      check(a !== '' || b !== '', 'rad utan belopp', r);
      check(a === '' || AMOUNT.test(a), 'utfall', r);
      check(b === '' || AMOUNT.test(b), 'budget', r);
      check(p <= 202408 || a === '', 'utfall efter augusti 2024', r);
      check(p >= 202401 || b === '', 'budget före 2024', r);
      const key = `${code(r)}|${konto(r)}|${p}`;
      check(!keys.has(key), 'dubblett', r);
      keys.add(key);
    }
    expect(problems).toEqual([]);
    expect(ledger.rows.length).toBeGreaterThan(40_000);
    // Every ansvar has data.
    expect(new Set(ledger.rows.map(code)).size).toBe(costCentres.size);
  });

  it('holds the blank-cell cases: prior-year-only data and utfall without budget', () => {
    const [code, konto, period, actual, budget] = columns(ledger, 'Ansvar', 'Konto', 'Period', 'Utfall', 'Budget');
    const hjalpmedel = [...costCentres.values()].find((r) => r[1] === 'Hjälpmedelscentralen')?.[0];
    const fees = ledger.rows.filter((r) => code(r) === hjalpmedel && konto(r) === '3011');
    // Abolished from 2024: utfall 2022 and 2023 only.
    expect(fees.length).toBe(24);
    expect(fees.every((r) => (period(r).startsWith('2022') || period(r).startsWith('2023')) && actual(r) !== '')).toBe(true);
    const hired = ledger.rows.filter((r) => konto(r) === '4711' || konto(r) === '4721');
    expect(hired.length).toBeGreaterThan(0);
    expect(hired.every((r) => budget(r) === '' && actual(r) !== '')).toBe(true);
  });

  it('has 2022 utfall for every key with 2023 utfall, so 12 rolling months compare with a year earlier', () => {
    const [code, konto, period, actual] = columns(ledger, 'Ansvar', 'Konto', 'Period', 'Utfall');
    const months = new Map<string, Set<number>>();
    for (const r of ledger.rows) {
      if (actual(r) === '') continue;
      const key = `${code(r)}|${konto(r)}`;
      const set = months.get(key) ?? new Set<number>();
      set.add(Number(period(r)));
      months.set(key, set);
    }
    const missing: string[] = [];
    for (const [key, set] of months) {
      if (!set.has(202301)) continue;
      // Class 8 (skatteintäkter, statsbidrag, finansiella poster) is no gross cost: 2022 is there for the rolling figure only.
      if (key.split('|')[1]!.startsWith('8')) continue;
      for (let m = 1; m <= 12; m++) if (!set.has(202200 + m) && missing.length < 10) missing.push(`${key}|2022${String(m).padStart(2, '0')}`);
    }
    expect(missing).toEqual([]);
  });

  it('has ledger sign: income accounts negative, costs positive, in total', () => {
    const [konto, actual] = columns(ledger, 'Konto', 'Utfall');
    let income = 0;
    let cost = 0;
    // Class 8 (skatteintäkter, generella statsbidrag, finansiella poster) lies below verksamhetens nettokostnad.
    let taxes = 0;
    for (const r of ledger.rows) {
      const a = actual(r);
      if (a === '') continue;
      const v = Number(a.replace(',', '.'));
      if (konto(r).startsWith('8')) {
        if (/^8[0-3]/.test(konto(r))) taxes += v;
      } else if (konto(r).startsWith('3')) income += v;
      else cost += v;
    }
    expect(income).toBeLessThan(0);
    expect(cost).toBeGreaterThan(0);
    // Skatteintäkter and generella statsbidrag are income: negative in ledger sign, about the size of the net cost.
    expect(taxes / 20 * 12).toBeLessThan(-12e9);
    expect(taxes / 20 * 12).toBeGreaterThan(-15e9);
    // Net cost per year of a region of ~300 000 inhabitants: 12–15 miljarder kronor (2022, 2023 plus Jan–Aug 2024).
    const perYear = (income + cost) / 32 * 12;
    expect(perYear).toBeGreaterThan(12e9);
    expect(perYear).toBeLessThan(15e9);
  });

  it('has investments owned by known ansvar', () => {
    const [code, area, actual, forecast, budget] = columns(investments, 'Ansvar', 'Investeringsområde', 'Utfall ack', 'Prognos helår', 'Årsbudget');
    expect(investments.rows.length).toBeGreaterThanOrEqual(25);
    for (const r of investments.rows) {
      expect(costCentres.has(code(r)), r.join(';')).toBe(true);
      for (const v of [actual(r), forecast(r), budget(r)]) expect(v).toMatch(AMOUNT);
    }
    expect(new Set(investments.rows.map(area))).toEqual(
      new Set(['Fastighet', 'Medicinsk teknik', 'IT', 'Hjälpmedel', 'Verksamhetsservice', 'Regional utveckling']),
    );
  });

  it('has forecasts for both occasions on known ansvar and report rows', () => {
    const [occasion, code, row, value] = columns(forecasts, 'Prognostillfälle', 'Ansvar', 'Rad', 'Prognos');
    const keys = new Set<string>();
    for (const r of forecasts.rows) {
      expect(['2024-04', '2024-08']).toContain(occasion(r));
      expect(costCentres.has(code(r)), r.join(';')).toBe(true);
      expect(reportRows.has(row(r)), r.join(';')).toBe(true);
      expect(value(r)).toMatch(AMOUNT);
      const key = `${occasion(r)}|${code(r)}|${row(r)}`;
      expect(keys.has(key), `dubblett ${key}`).toBe(false);
      keys.add(key);
    }
    // Every ansvar forecasts at both occasions.
    for (const occ of ['2024-04', '2024-08']) {
      expect(new Set(forecasts.rows.filter((r) => occasion(r) === occ).map(code)).size).toBe(costCentres.size);
    }
  });
});

describe('scripts/generate-example-region.mjs', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'region-exempel-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('re-creates the committed files byte for byte', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-example-region.mjs'), '--out', out, '--quiet']);
    expect(readdirSync(out).sort()).toEqual([...CSV_FILES].sort());
    for (const file of CSV_FILES) {
      const fresh = readFileSync(path.join(out, file));
      const committed = readFileSync(path.join(FIXTURE, file));
      expect(fresh.equals(committed), file).toBe(true);
    }
  });
});
