/**
 * Personnel figures as layout columns (measures.ts personnelMeasure): a per-unit table of Regionkontoret in the
 * example region with sick leave per delområde and the unit's own staff figures. Every cell is the figure the
 * personnel section prints, with the same suppression: the small delområde "Hälsoval och beställning" (10 or fewer
 * employees) stays withheld, and so does its complementary partner.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLayoutAgainstConfig, parseLayout } from '../../src/config/layout.js';
import type { Cell, ReportModel } from '../../src/report/model.js';
import type { LoadedConfig } from '../../src/config/load-config.js';
import { exampleRun, reportWithLayout, tablesOf, unitNamed } from '../helpers/example-models.js';
import { SICK_LEAVE_PER_CHILD } from '../helpers/layout-yaml.js';

const LAYOUT = `version: 1
sections:
  - id: personal
    title: Personal per delområde
    blocks:
      - table:
          id: personal-per-enhet
          title: "Sjukfrånvaro per delområde januari–{{månad}} {{år}}"
          percentDecimals: 2
${SICK_LEAVE_PER_CHILD}      - table:
          id: personal-enheten
          title: Personal
          labelHeading: Enhet
          columns:
            - { measure: antalAnstallda }
            - { measure: arsarbetare }
            - { measure: arbetadTid }
            - { measure: sjukfranvaroKvinnor, decimals: 2 }
            - { measure: sjukfranvaroMan, decimals: 2 }
            - { measure: andelLangtidssjukfranvaro, decimals: 2 }
          rows:
            - { kind: net, label: Regionkontoret }
  - module: personnel
`;

let model: ReportModel;
let loaded: LoadedConfig;

beforeAll(async () => {
  const run = await exampleRun();
  loaded = run.loaded;
  model = reportWithLayout(run, LAYOUT, 'personal.yaml', { unit: unitNamed(run.data, 'Regionkontoret') });
}, 600_000);

describe('personnel measures in a layout table', () => {
  it('sick leave per delområde: the personnel section\'s figures, cell for cell, suppression included', () => {
    const all = tablesOf(model.sections);
    const mine = all.find((t) => t.id === 'personal-per-enhet')!;
    const section = all.find((t) => t.id === 'personal-sjukfranvaro-enheter')!;
    expect(mine.columns.map((c) => c.header)).toEqual(['Delområde', 'Sjukfrånvaro föreg år %', 'Sjukfrånvaro %', 'Förändring sjukfrånvaro, procentenheter']);
    const label = (c: Cell) => (c as { text: string }).text;
    // The section lists the same delområden (plus "Övriga" for ansvar in none, which this layout does not show).
    const byName = new Map(section.rows.map((r) => [label(r.cells[0]!), r.cells]));
    expect(mine.rows.map((r) => label(r.cells[0]!))).toEqual([...section.rows.map((r) => label(r.cells[0]!)).filter((n) => n !== 'Övriga' && n !== 'Totalt'), 'Totalt']);
    for (const row of mine.rows) {
      const expected = byName.get(label(row.cells[0]!))!;
      // Both tables print two decimals here (the section's default), so the cells are equal as they stand.
      expect(row.cells.slice(1)).toEqual(expected.slice(1));
    }
    const small = mine.rows.find((r) => label(r.cells[0]!) === 'Hälsoval och beställning')!;
    expect(small.cells.slice(1).map((c) => c.kind)).toEqual(['suppressed', 'suppressed', 'suppressed']);
    // Complementary suppression: at least one other delområde this year is withheld too, as in the section.
    expect(mine.rows.filter((r) => r.cells[2]!.kind === 'suppressed').length).toBeGreaterThanOrEqual(2);
  });

  it('the unit\'s own staff figures: headcount, årsarbetare and worked time as the section\'s tables print them', () => {
    const all = tablesOf(model.sections);
    const mine = all.find((t) => t.id === 'personal-enheten')!;
    expect(mine.rows).toHaveLength(1);
    const cells = mine.rows[0]!.cells;
    expect(label(cells[0]!)).toBe('Regionkontoret');
    const headcount = all.find((t) => t.id === 'personal-antal-anstallda')!;
    const total = headcount.rows.find((r) => r.emphasis === 'total')!;
    expect(cells[1]).toEqual(total.cells[2]); // this year's column of the Antal anställda table
    const worked = all.find((t) => t.id === 'personal-arbetad-tid')!;
    const exkl = worked.rows.find((r) => label(r.cells[0]!) === 'Arbetad tid exkl jour/beredskap')!;
    const fte = worked.rows.find((r) => label(r.cells[0]!).startsWith('Antal årsarbetare'))!;
    expect(cells[2]).toEqual(fte.cells[2]);
    expect(cells[3]).toEqual(exkl.cells[2]);
    const sick = all.find((t) => t.id === 'personal-sjukfranvaro')!;
    const pick = (name: string) => sick.rows.find((r) => label(r.cells[0]!).startsWith(name))!.cells[2];
    expect(cells[4]).toEqual(pick('Kvinnor'));
    expect(cells[5]).toEqual(pick('Män'));
    expect(cells[6]).toEqual(pick('Andel långtidssjukfrånvaro'));
  });

  it('layout errors: a staff measure per child unit, a personnel measure on resultaträkning rows, and no personnel configured', () => {
    const perChild = parseLayout(LAYOUT.replace('            - { measure: sjukfranvaroForandring }', '            - { measure: antalAnstallda }'), 'personal.yaml');
    expect(perChild.ok).toBe(false);
    if (perChild.ok) return;
    expect(perChild.diagnostics.map((d) => d.message)).toEqual([
      "Personalmåttet 'antalAnstallda' i tabellen personal-per-enhet finns inte per underenhet (children). Personalmått per underenhet: sjukfranvaro, sjukfranvaroForegaendeAr, sjukfranvaroForandring; övriga personalmått visas på raden för enheten själv (kind: net).",
    ]);
    // Line 14 of LAYOUT: the third column of the first table.
    expect(perChild.diagnostics[0]!.location).toEqual({ file: 'personal.yaml', row: 14 });
    const deep = parseLayout(LAYOUT.replace('            - { kind: children }', '            - { kind: children, depth: 2 }'), 'personal.yaml');
    expect(deep.ok ? [] : deep.diagnostics.map((d) => d.code)).toEqual(['layout.personnel-measure-row', 'layout.personnel-measure-row', 'layout.personnel-measure-row']);
    const parsed = parseLayout(LAYOUT, 'personal.yaml');
    if (!parsed.ok) throw new Error('layout');
    const { personnel: _omitted, ...withoutPersonnel } = loaded.config;
    const d = checkLayoutAgainstConfig({ ...parsed.value, file: 'personal.yaml' }, withoutPersonnel, { configFile: 'rapport.config.yaml' });
    expect(d.map((x) => x.code)).toEqual(['layout.source-missing', 'layout.source-missing']);
    expect(d[0]!.message).toContain('kolumnen sjukfranvaroForegaendeAr i tabellen personal-per-enhet');
  });
});

function label(c: Cell): string {
  return (c as { text: string }).text;
}
