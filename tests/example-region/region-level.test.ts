/**
 * The example region's root report (region-exempel, 2024-08) has the region-level section, and its figures equal
 * sums taken straight from the fixture CSV files here, independently of the product's readers and calculation:
 * each expectation is a sum of ledger lines (ledger sign flipped to report sign) or forecast lines.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ReportModel, Table } from '../../src/report/model.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'fixtures', 'region-exempel');
const cp1252 = new TextDecoder('windows-1252');

/** A CSV of the fixture as header → value records. */
function records(file: string): Record<string, string>[] {
  const [head, ...rows] = cp1252.decode(readFileSync(path.join(FIXTURE, file))).trimEnd().split('\r\n').map((l) => l.split(';'));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

/** "−61873412,00" → öre, exactly (no floating point). */
function ore(text: string): number {
  if (text === '') return 0;
  const neg = text.startsWith('-');
  const [kr, dec = ''] = text.replace('-', '').split(',');
  const v = Number(kr) * 100 + Number(dec.padEnd(2, '0'));
  return neg ? -v : v;
}

const ledger = records('raindance-saldo.csv');
const groups = records('kontogrupper.csv');
const organisation = records('organisation.csv');
const forecasts = records('prognoser.csv').filter((r) => r['Prognostillfälle'] === '2024-08');
const sectionOf = new Map(groups.map((g) => [g['Konto']!, g['Avsnitt']!]));
const rowOf = new Map(groups.map((g) => [g['Konto']!, g['Rad']!]));

/** Report-sign sum (−ledger) of Utfall or Budget over the lines the predicate picks, Jan–Aug of a year. */
function ack(measure: 'Utfall' | 'Budget', year: number, pick: (r: Record<string, string>) => boolean): number {
  return -ledger
    .filter((r) => Number(r['Period']) >= year * 100 + 1 && Number(r['Period']) <= year * 100 + 8 && pick(r))
    .reduce((s, r) => s + ore(r[measure]!), 0);
}
const inSections = (...names: string[]) => (r: Record<string, string>) => names.includes(sectionOf.get(r['Konto']!)!);
const OPERATING = ['Verksamhetens intäkter', 'Verksamhetens kostnader'];
const ALL = [...OPERATING, 'Skatteintäkter', 'Generella statsbidrag och utjämning', 'Finansiella intäkter', 'Finansiella kostnader'];

let model: ReportModel;
let out: string;

function table(id: string): Table {
  const walk = (sections: ReportModel['sections']): Table | undefined => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === 'table' && b.id === id) return b;
      const t = walk(s.sections);
      if (t) return t;
    }
    return undefined;
  };
  const t = walk(model.sections);
  if (!t) throw new Error(`tabellen ${id} saknas`);
  return t;
}
/** A money cell by row label and column heading, in öre. */
function cell(t: Table, label: string, heading: string): number | null {
  const row = t.rows.find((r) => (r.cells[0] as { text: string }).text === label);
  const col = t.columns.findIndex((c) => c.header === heading);
  expect(row, `${t.id}: raden ${label}`).toBeDefined();
  expect(col, `${t.id}: kolumnen ${heading}`).toBeGreaterThan(0);
  const c = row!.cells[col]!;
  return c.kind === 'money' ? c.ore : null;
}
function percent(t: Table, label: string, heading: string): unknown {
  const row = t.rows.find((r) => (r.cells[0] as { text: string }).text === label)!;
  const c = row.cells[t.columns.findIndex((x) => x.header === heading)]!;
  return c.kind === 'percent' ? c.ratio : undefined;
}

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'region-level-'));
  const code = await main(['node', 'rapport', 'generate', '--period', '2024-08', '--unit', 'region-exempel', '--config', path.join(ROOT, 'rapport.config.yaml'), '--out', out, '--format', 'json']);
  expect(code).toBe(0);
  model = JSON.parse(readFileSync(path.join(out, 'region-exempel-2024-08.json'), 'utf8')) as ReportModel;
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('example region, root report 2024-08: the region level', () => {
  it('has the section Årets resultat with the cascade, the balanskravsutredning and the units side by side', () => {
    const drift = model.sections.find((s) => s.id === 'driftredovisning')!;
    expect(drift.sections[0]!.id).toBe('arets-resultat');
    expect(drift.sections[0]!.blocks.filter((b) => b.type === 'table').map((b) => (b as Table).id)).toEqual(['resultatrakning', 'balanskrav', 'forvaltningar']);
  });

  it('the cascade equals the ledger lines summed by section, Jan–Aug 2024', () => {
    const t = table('resultatrakning');
    const ackCol = 'Utfall aug 2024';
    const net = ack('Utfall', 2024, inSections(...OPERATING));
    const taxes = ack('Utfall', 2024, inSections('Skatteintäkter'));
    const grants = ack('Utfall', 2024, inSections('Generella statsbidrag och utjämning'));
    const finIncome = ack('Utfall', 2024, inSections('Finansiella intäkter'));
    const finCosts = ack('Utfall', 2024, inSections('Finansiella kostnader'));
    const depreciation = ack('Utfall', 2024, (r) => rowOf.get(r['Konto']!) === 'Avskrivningar');
    expect(cell(t, 'Verksamhetens intäkter', ackCol)).toBe(ack('Utfall', 2024, inSections('Verksamhetens intäkter')));
    expect(cell(t, 'Avskrivningar', ackCol)).toBe(depreciation);
    expect(cell(t, 'Verksamhetens kostnader', ackCol)).toBe(ack('Utfall', 2024, inSections('Verksamhetens kostnader')) - depreciation);
    expect(cell(t, 'Verksamhetens nettokostnad', ackCol)).toBe(net);
    expect(cell(t, 'Skatteintäkter', ackCol)).toBe(taxes);
    expect(cell(t, 'Generella statsbidrag och utjämning', ackCol)).toBe(grants);
    expect(cell(t, 'Verksamhetens resultat', ackCol)).toBe(net + taxes + grants);
    expect(cell(t, 'Finansiella intäkter', ackCol)).toBe(finIncome);
    expect(cell(t, 'Finansiella kostnader', ackCol)).toBe(finCosts);
    const result = ack('Utfall', 2024, inSections(...ALL));
    expect(result).toBe(net + taxes + grants + finIncome + finCosts);
    expect(cell(t, 'Årets resultat', ackCol)).toBe(result);
    expect(cell(t, 'Årets resultat', 'Utfall aug 2023')).toBe(ack('Utfall', 2023, inSections(...ALL)));
    expect(cell(t, 'Årets resultat', 'Budget aug 2024')).toBe(ack('Budget', 2024, inSections(...ALL)));
    // Prognos 2024: every forecast line of the August occasion (report sign already).
    expect(cell(t, 'Årets resultat', 'Prognos 2024')).toBe(forecasts.reduce((s, r) => s + ore(r['Prognos']!), 0));
    // Underliggande resultat = årets resultat − the AFA återbetalning (konto 3915, May 2024).
    const afa = ack('Utfall', 2024, (r) => r['Konto'] === '3915');
    expect(afa).toBe(6_187_341_200); // 61 873 412,00 kr
    expect(cell(t, 'Avgår: jämförelsestörande poster', ackCol)).toBe(-afa);
    expect(cell(t, 'Underliggande resultat', ackCol)).toBe(result - afa);
    expect(cell(t, 'Underliggande resultat', 'Prognos 2024')).toBeNull(); // one account of its row: no forecast of its own
  });

  it('the balanskravsutredning: orealiserade värdeförändringar deducted, 150 mnkr from the resultatreserv in the forecast', () => {
    const t = table('balanskrav');
    const result = ack('Utfall', 2024, inSections(...ALL));
    const unrealised = ack('Utfall', 2024, (r) => r['Konto'] === '8431');
    expect(cell(t, 'Orealiserade vinster och förluster i värdepapper', 'Utfall aug 2024')).toBe(-unrealised);
    expect(cell(t, 'Årets resultat efter balanskravsjusteringar', 'Utfall aug 2024')).toBe(result - unrealised);
    expect(cell(t, 'Årets balanskravsresultat', 'Utfall aug 2024')).toBe(result - unrealised);
    const fcAll = forecasts.reduce((s, r) => s + ore(r['Prognos']!), 0);
    const fcUnrealised = forecasts.filter((r) => r['Rad'] === 'Värdeförändring finansiella placeringar').reduce((s, r) => s + ore(r['Prognos']!), 0);
    expect(cell(t, 'Medel från resultatreserv', 'Prognos 2024')).toBe(150_000_000 * 100);
    expect(cell(t, 'Årets balanskravsresultat', 'Prognos 2024')).toBe(fcAll - fcUnrealised + 150_000_000 * 100);
  });

  it('the förvaltningar side by side: Länssjukhuset from its ansvar, deviation in % of its gross costs', () => {
    const t = table('forvaltningar');
    const ansvar = new Set(organisation.filter((o) => o['Förvaltning'] === 'Länssjukhuset').map((o) => o['Ansvar']!));
    const lss = (r: Record<string, string>) => ansvar.has(r['Ansvar']!) && OPERATING.includes(sectionOf.get(r['Konto']!)!);
    const actual = ack('Utfall', 2024, lss);
    const deviation = actual - ack('Budget', 2024, lss);
    const grossCosts = -ack('Utfall', 2024, (r) => ansvar.has(r['Ansvar']!) && sectionOf.get(r['Konto']!) === 'Verksamhetens kostnader');
    expect(cell(t, 'Länssjukhuset', 'Utfall aug 2024')).toBe(actual);
    expect(cell(t, 'Länssjukhuset', 'Avvikelse ack')).toBe(deviation);
    expect(percent(t, 'Länssjukhuset', 'Avvikelse i % av omsättning')).toEqual({ num: deviation, den: grossCosts });
    const august = (measure: 'Utfall' | 'Budget') => -ledger.filter((r) => r['Period'] === '202408' && lss(r)).reduce((s, r) => s + ore(r[measure]!), 0);
    expect(cell(t, 'Länssjukhuset', 'Avvikelse augusti')).toBe(august('Utfall') - august('Budget'));
    // Sum row: every förvaltning with figures; together they are the region's verksamhetens nettokostnad.
    expect(t.rows.map((r) => (r.cells[0] as { text: string }).text)).toEqual([
      'Regionkontoret', 'Digitalisering och service', 'Primärvård', 'Länssjukhuset', 'Regional utveckling', 'Kultur och bildning', 'Kollektivtrafik', 'Summa',
    ]);
    expect(cell(t, 'Summa', 'Utfall aug 2024')).toBe(ack('Utfall', 2024, inSections(...OPERATING)));
  });

  it('the drafted sentence calls it a result, not a net cost', () => {
    const drift = model.sections.find((s) => s.id === 'driftredovisning')!;
    const p = drift.sections[0]!.blocks.find((b) => b.type === 'paragraph') as { text: string };
    expect(p.text).toMatch(/^Region Exempels resultat per augusti 2024 är ett (över|under)skott på /);
    expect(p.text).toContain('försämring');
    expect(p.text).not.toContain('nettokostnad');
  });
});
