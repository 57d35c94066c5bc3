import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipeline, selectUnits } from '../../src/pipeline/run.js';
import { buildHierarchy } from '../../src/calc/hierarchy.js';
import { prepareEconomy, type SectionDef } from '../../src/calc/economy.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { AccountGroupRow, Ledger, OrgRow } from '../../src/model/records.js';
import type { Ore } from '../../src/model/ore.js';
import { PACKAGE_ROOT } from '../../src/pipeline/paths.js';
import { expectDiagnostic } from '../sources/helpers.js';

/**
 * One fixture per configuration and cross-check code no other test names: the config file, the unit asked for, and
 * the checks between ledger, account groups, organisation and forecasts.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'rapport-diag-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('the configuration file', () => {
  test('config.not-found: names the path it looked for (exit 66 through the CLI)', async () => {
    const r = await loadConfig(path.join(dir, 'finns-inte.yaml'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toBe(true);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('config.not-found');
    expect(d.severity).toBe('error');
    expect(d.message).toContain(path.join(dir, 'finns-inte.yaml'));
  });

  test('config.yaml: a YAML syntax error names the file and what the parser found', async () => {
    const file = write('trasig.yaml', 'organisation:\n  name: X\n  unit: [Y\n');
    const r = await loadConfig(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = expectDiagnostic(r.diagnostics, 'config.yaml', { file });
    expect(d.message).toMatch(/^Konfigurationsfilen går inte att läsa som YAML: \S/);
    // The parser runs with prettyErrors: false, which leaves out line positions: the row is not known today.
    expect(d.location?.row).toBeUndefined();
  });

  test('config.unknown-key and config.invalid: a misspelt setting and a missing one, each on its line', async () => {
    const file = write('fel.yaml', 'organisation:\n  name: X\n  unit: Y\n  namn: fel\nsources: {}\n');
    const r = await loadConfig(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const unknown = expectDiagnostic(r.diagnostics, 'config.unknown-key', { file, row: 4 });
    expect(unknown.message).toContain('organisation.namn');
    const invalid = expectDiagnostic(r.diagnostics.filter((d) => d.message.includes('sources.ledger')), 'config.invalid', { file });
    expect(invalid.message).toContain('inställningen saknas');
  });
});

const org: OrgRow[] = [
  { costCentre: 'A1', name: 'Ansvar ett', parents: ['Delområde X', 'Område P'], row: 2 },
  { costCentre: 'A2', name: 'Ansvar två', parents: ['Delområde Y', 'Område P'], row: 3 },
];
const sections: SectionDef[] = [
  { name: 'Verksamhetens intäkter', kind: 'income' },
  { name: 'Verksamhetens kostnader', kind: 'cost' },
];
const ledger: Ledger = {
  costCentres: ['A1'],
  accounts: ['4011'],
  entries: [{ costCentre: 0, account: 0, period: 202402, actual: 1000 as Ore, budget: null, forecast: null }],
  costCentreNames: new Map(),
  accountNames: new Map(),
  dataRows: 1,
  sourceSign: 'ledger',
};
const hierarchy = buildHierarchy('Nämnden', ['Delområde', 'Område'], org);
const files = { ledger: 'huvudbok.csv', accountGroups: 'kontogrupper.csv', forecasts: 'prognoser.csv' };
const groups = (section = 'Verksamhetens kostnader'): AccountGroupRow[] => [{ account: '4011', accountName: 'Löner', reportRow: 'Personal', section, row: 2 }];

describe('units and cross-checks', () => {
  test('config.unit-not-found: --unit names no node of the organisation; the message lists the units there are', () => {
    const r = selectUnits(hierarchy, ['root'], 'finns-inte');
    expect(Array.isArray(r)).toBe(false);
    const d = r as Diagnostic;
    expect(d.code).toBe('config.unit-not-found');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('"finns-inte"');
  });

  test('accounts.unknown-section: an account group row names a section the config does not have', () => {
    const { diagnostics } = prepareEconomy({ ledger, accountGroups: groups('Okänt avsnitt'), sections, hierarchy, period: { year: 2024, month: 2 }, files });
    const d = expectDiagnostic(diagnostics, 'accounts.unknown-section', { file: 'kontogrupper.csv', row: 2, column: 'Avsnitt', value: 'Okänt avsnitt' });
    expect(d.message).toContain('Verksamhetens intäkter, Verksamhetens kostnader');
  });

  test('forecast.unknown-row and forecast.unknown-cost-centre: a forecast for a row or an ansvar that does not exist', () => {
    const { diagnostics } = prepareEconomy({
      ledger,
      accountGroups: groups(),
      sections,
      hierarchy,
      period: { year: 2024, month: 2 },
      files,
      forecasts: [
        { occasion: 202402, costCentre: 'A1', reportRow: 'Ingen sådan rad', forecast: -1 as Ore, row: 2 },
        { occasion: 202402, costCentre: 'Z9', reportRow: 'Personal', forecast: -1 as Ore, row: 3 },
      ],
    });
    expectDiagnostic(diagnostics, 'forecast.unknown-row', { file: 'prognoser.csv', row: 2, column: 'Rad', value: 'Ingen sådan rad' });
    expectDiagnostic(diagnostics, 'forecast.unknown-cost-centre', { file: 'prognoser.csv', row: 3, column: 'Ansvar', value: 'Z9' });
  });

  test('ledger.no-actuals: validate without --period on a ledger with no utfall at all', async () => {
    const root = path.join(dir, 'region');
    mkdirSync(path.join(root, 'data'), { recursive: true });
    copyFileSync(path.join(PACKAGE_ROOT, 'templates', 'rapport.config.yaml'), path.join(root, 'rapport.config.yaml'));
    writeFileSync(path.join(root, 'data', 'raindance-saldo.csv'), 'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget;Prognos\r\nA1;Ansvar ett;4011;Löner;202402;;100,00;\r\n');
    writeFileSync(path.join(root, 'data', 'organisation.csv'), 'Ansvar;Ansvar (T);Delområde;Område\r\nA1;Ansvar ett;Delområde X;Område P\r\n');
    writeFileSync(path.join(root, 'data', 'kontogrupper.csv'), 'Konto;Konto (T);Rad;Avsnitt\r\n4011;Löner;Personal;Verksamhetens kostnader\r\n');
    writeFileSync(path.join(root, 'data', 'investeringar.csv'), 'Projekt;Projekt (T);Investeringsområde;Utfall ack;Prognos helår;Årsbudget\r\nP1;Projekt;Fastigheter;1,00;2,00;3,00\r\n');
    const cfg = await loadConfig(path.join(root, 'rapport.config.yaml'));
    if (!cfg.ok) throw new Error(cfg.diagnostics.map((d) => d.message).join('\n'));
    const r = await runPipeline(cfg.value, null);
    expect(r.data).toBeNull();
    expectDiagnostic(r.diagnostics.all, 'ledger.no-actuals', { file: 'data/raindance-saldo.csv' });
  });
});
