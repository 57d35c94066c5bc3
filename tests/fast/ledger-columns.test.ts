/**
 * The fast path hands the core its entries as columns (LedgerColumns) and makes the entry objects only on demand.
 * Both views must hold the same data, and the core must compute the same figures from either.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ledgerSourceSchema } from '../../src/config/schema.js';
import { readLedger } from '../../src/sources/read-ledger.js';
import { readOrganisation } from '../../src/sources/read-organisation.js';
import { readAccountGroups } from '../../src/sources/read-account-groups.js';
import { organisationSourceSchema, accountGroupsSourceSchema } from '../../src/config/schema.js';
import { buildHierarchy } from '../../src/calc/hierarchy.js';
import { computeEconomy, prepareEconomy } from '../../src/calc/economy.js';
import type { Ledger } from '../../src/model/records.js';

const dir = 'fixtures/vasterbotten-rs-2024-08/';

describe('ledger columns', () => {
  it('equal the entries, and the core gives the same figures from columns as from objects', async () => {
    const spec = ledgerSourceSchema.parse({ file: 'raindance-saldo.csv', encoding: 'windows-1252', delimiter: ';' });
    const { value: ledger, diagnostics } = await readLedger({ bytes: await readFile(dir + 'raindance-saldo.csv'), displayName: 'raindance-saldo.csv' }, spec);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const c = ledger.columns!;
    expect(c).toBeDefined();
    expect(c.has.length).toBe(ledger.entries.length);
    ledger.entries.forEach((e, k) => {
      expect([c.costCentre[k], c.account[k], c.period[k]]).toEqual([e.costCentre, e.account, e.period]);
      expect(c.has[k]! & 1 ? c.actual[k] : null).toBe(e.actual);
      expect(c.has[k]! & 2 ? c.budget[k] : null).toBe(e.budget);
    });
    const objectsOnly: Ledger = { ...ledger }; // spread drops the non-enumerable columns
    expect(objectsOnly.columns).toBeUndefined();

    const org = await readOrganisation({ bytes: await readFile(dir + 'organisation.csv'), displayName: 'organisation.csv' },
      organisationSourceSchema.parse({ file: 'organisation.csv', encoding: 'windows-1252', columns: { levels: ['Delområde', 'Område'] } }));
    const groups = await readAccountGroups({ bytes: await readFile(dir + 'kontogrupper.csv'), displayName: 'kontogrupper.csv' },
      accountGroupsSourceSchema.parse({ file: 'kontogrupper.csv', encoding: 'windows-1252' }));
    const h = buildHierarchy('Regionstyrelsen', ['Delområde', 'Område'], org.value);
    const sections = [{ name: 'Verksamhetens intäkter', kind: 'income' as const }, { name: 'Verksamhetens kostnader', kind: 'cost' as const }];
    const run = (l: Ledger) => computeEconomy(prepareEconomy({ ledger: l, accountGroups: groups.value, sections, hierarchy: h, period: { year: 2024, month: 8 }, files: { ledger: 'l', accountGroups: 'g' } }).prepared, h.root);
    expect(run(objectsOnly)).toEqual(run(ledger));
    // The published net (table 3.1): −2 515 284 tkr.
    expect(Math.round(run(ledger).net.ackActual! / 100_000)).toBe(-2_515_284);
  });
});
