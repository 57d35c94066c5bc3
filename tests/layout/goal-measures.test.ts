/**
 * Goal and indicator counts as layout columns (measures.ts goalMeasure, calc/goals/counts.ts): a table with one row
 * per child unit, two levels deep, and the unit's own row, over a small hand-made goal export assessed for August
 * 2024 with the default rules (helt ≥ 100 %, delvis ≥ 80 %, a delmål by its weakest indicator). The expected counts
 * are worked out by hand below; the economy is the example region's (its rows decide which units are listed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLayoutAgainstConfig, parseLayout } from '../../src/config/layout.js';
import type { GoalResults } from '../../src/calc/goals/assess.js';
import { goalCounts, shareHelt } from '../../src/calc/goals/counts.js';
import { explainGoalCount } from '../../src/calc/explain-people.js';
import { goalsOfSubtree } from '../../src/report/goals-section.js';
import { formatCell } from '../../src/render/format.js';
import type { Cell, ReportModel } from '../../src/report/model.js';
import { exampleRun, reportWithLayout, tablesOf, unitNamed, type ExampleRun } from '../helpers/example-models.js';
import { smallGoalResults } from '../helpers/goal-fixture.js';

// The goal export and the statuses of its delmål and indicators in August 2024: the table above SMALL_GOALS in
// goal-fixture.ts.

const LAYOUT = `version: 1
sections:
  - id: mal
    title: Måluppfyllelse
    blocks:
      - table:
          id: mal-per-enhet
          title: "Måluppfyllelse per {{månad}} {{år}}"
          labelHeading: Enhet
          percentDecimals: 0
          columns:
            - { measure: antalMal }
            - { measure: malHelt }
            - { measure: malDelvis }
            - { measure: malInte }
            - { measure: malIngaData }
            - { measure: andelMalHelt }
            - { measure: antalIndikatorer }
            - { measure: indikatorerHelt }
            - { measure: indikatorerDelvis }
            - { measure: indikatorerInte }
            - { measure: indikatorerEjBedomda }
            - { measure: andelIndikatorerHelt, decimals: 1 }
          rows:
            - { kind: children, depth: 2 }
            - { kind: net, label: Hela regionen }
`;

let run: ExampleRun;
let goals: GoalResults;

beforeAll(async () => {
  run = await exampleRun();
  goals = smallGoalResults();
}, 600_000);

/** The root's report with this layout, over the small goal export. */
function report(layoutText: string): ReportModel {
  return reportWithLayout(run, layoutText, 'mal.yaml', { data: { ...run.data, goals } });
}

const printed = (c: Cell): string => formatCell(c, ' ');

describe('goal counts', () => {
  it('count a unit\'s delmål and indicators by status; the share is of the assessed ones', () => {
    const all = goalCounts(goals);
    expect(all.goals).toEqual({ total: 6, helt: 1, delvis: 2, inte: 1, notAssessed: 2 });
    expect(all.indicators).toEqual({ total: 6, helt: 2, delvis: 1, inte: 1, notAssessed: 2 });
    expect(shareHelt(all.goals)).toEqual({ num: 1, den: 4 });
    expect(shareHelt(all.indicators)).toEqual({ num: 2, den: 4 });
    expect(goalCounts(null)).toEqual({ goals: null, indicators: null });
    // Nothing assessed: no share (not 0 %).
    expect(shareHelt({ total: 1, helt: 0, delvis: 0, inte: 0, notAssessed: 1 })).toBeNull();
  });
});

describe('rapport explain on a goal count (the pure part)', () => {
  it('lists the delmål or indicators of the unit and those below it, marking the counted ones', () => {
    const rs = unitNamed(run.data, 'Regionstyrelsen');
    const mine = goalsOfSubtree(goals, rs, false)!;
    const e = explainGoalCount(mine, 'malIngaData', 'Regionstyrelsen');
    expect(e.items.map((i) => [i.what, i.unit, i.counted])).toEqual([
      ['Delmål G2 "Delmål G2"', 'Regionstyrelsen', false],
      ['Delmål G3 "Delmål G3"', 'Regionstyrelsen', false],
      ['Delmål G4 "Delmål G4"', 'Regionstyrelsen', true],
      ['Delmål G6 "Delmål G6"', 'Regionkontoret', true],
    ]);
    expect(e.value).toBe(2);
    expect(e.items[0]!.status).toBe('uppfylls helt, enligt ansvarigs bedömning i exporten');
    expect(e.items[1]!.status).toBe('uppfylls inte, enligt målregeln (worst) över indikatorerna');
    const ind = explainGoalCount(mine, 'andelIndikatorerHelt', 'Regionstyrelsen');
    expect(ind.ratio).toEqual({ num: 1, den: 2 });
    expect(ind.items.map((i) => [i.what, i.status])).toEqual([
      ['Indikatorn I3 "Indikator I3" (delmål G2)', 'uppfylls helt, utfall mot målvärde'],
      ['Indikatorn I4 "Indikator I4" (delmål G2)', 'ej bedömd: redovisas inte denna period (redovisas Å)'],
      ['Indikatorn I5 "Indikator I5" (delmål G3)', 'uppfylls inte, utfall mot målvärde'],
      ['Indikatorn I6 "Indikator I6" (delmål G6)', 'ej bedömd: inget utfall för perioden'],
    ]);
  });
});

describe('goal measures in a layout table', () => {
  it('one row per child unit, two levels, and the whole region: hand-counted, blank where a unit has no goals', () => {
    const t = tablesOf(report(LAYOUT).sections).find((x) => x.id === 'mal-per-enhet')!;
    expect(t.columns.map((c) => c.header)).toEqual([
      'Enhet', 'Antal mål', 'Mål, uppfylls helt', 'Mål, uppfylls delvis', 'Mål, uppfylls inte', 'Mål, inga data', 'Mål som uppfylls helt %',
      'Antal indikatorer', 'Indikatorer, uppfylls helt', 'Indikatorer, uppfylls delvis', 'Indikatorer, uppfylls inte', 'Indikatorer, ej bedömda',
      'Indikatorer som uppfylls helt %',
    ]);
    const rows = new Map(t.rows.map((r) => [printed(r.cells[0]!), r.cells.slice(1).map(printed)]));
    const blank = Array<string>(12).fill('');
    // Regionstyrelsen counts its own G2, G3, G4 and Regionkontoret's G6: helt 1 (G2), inte 1 (G3), inga data 2
    // (G4, G6); 1 of the 2 assessed = 50 %. Indicators I3 helt, I5 inte, I4 and I6 ej bedömda: 1 of 2 = 50,0 %.
    expect(rows.get('Regionstyrelsen')).toEqual(['4', '1', '0', '1', '2', '50', '4', '1', '0', '1', '2', '50,0']);
    // Regionkontoret: G6 only, not assessed: no share.
    expect(rows.get('Regionkontoret')).toEqual(['1', '0', '0', '0', '1', '', '1', '0', '0', '0', '1', '']);
    // A förvaltning without goals is blank, not 0.
    expect(rows.get('Digitalisering och service')).toEqual(blank);
    // Hälso- och sjukvårdsnämnden: G5 delvis, 0 of 1 assessed = 0 %; no indicators: indicator columns blank.
    expect(rows.get('Hälso- och sjukvårdsnämnden')).toEqual(['1', '0', '1', '0', '0', '0', '', '', '', '', '', '']);
    expect(rows.get('Regionala utvecklingsnämnden')).toEqual(blank);
    // The root counts every delmål of the export: G1 delvis, G2 helt, G3 inte, G5 delvis, G4 and G6 inga data;
    // 1 of 4 assessed = 25 %. Indicators I1 and I3 helt, I2 delvis, I5 inte, I4 and I6 ej bedömda: 2 of 4 = 50,0 %.
    expect(rows.get('Hela regionen')).toEqual(['6', '1', '2', '1', '2', '25', '6', '2', '1', '1', '2', '50,0']);
    // Every count row adds up: helt + delvis + inte + inga data/ej bedömda = antal.
    for (const cells of rows.values()) {
      if (cells[0] === '') continue;
      expect(Number(cells[1]) + Number(cells[2]) + Number(cells[3]) + Number(cells[4])).toBe(Number(cells[0]));
    }
    // The columns carry their provenance: the goal export, no ledger terms.
    expect(t.provenance?.columns[1]).toEqual({ measure: 'antalMal', formula: 'antalMal', sources: ['fixtures/region-exempel/mal/mal.xlsx'], terms: [] });
  });

  it('a goal measure on report rows is a layout error; a misspelt one gets the nearest name', () => {
    const onRows = parseLayout(LAYOUT.replace('{ kind: children, depth: 2 }', '{ kind: sections }'), 'mal.yaml');
    expect(onRows.ok).toBe(false);
    if (onRows.ok) return;
    expect(onRows.diagnostics[0]!.code).toBe('layout.unit-measure-not-for-row');
    expect(onRows.diagnostics[0]!.message).toContain("Måttet 'antalMal' gäller en hel enhet och finns bara för rader av typen net och children, inte sections i tabellen mal-per-enhet.");
    const misspelt = parseLayout(LAYOUT.replace('measure: malHelt', 'measure: malHel'), 'mal.yaml');
    expect(misspelt.ok).toBe(false);
    if (misspelt.ok) return;
    expect(misspelt.diagnostics[0]!.code).toBe('layout.unknown-measure');
    expect(misspelt.diagnostics[0]!.message).toContain("Okänt mått 'malHel' — menade du 'malHelt'?");
    expect(misspelt.diagnostics[0]!.location).toEqual({ file: 'mal.yaml', row: 13 });
  });

  it('without goals configured a goal column must be `when: mal`', () => {
    const parsed = parseLayout(LAYOUT, 'mal.yaml');
    if (!parsed.ok) throw new Error('layout');
    const { goals: _omitted, ...config } = run.loaded.config;
    const d = checkLayoutAgainstConfig(parsed.value, config, { configFile: 'rapport.config.yaml' });
    expect(d.map((x) => x.code)).toEqual(['layout.source-missing']);
    expect(d[0]!.message).toContain('kolumnen antalMal i tabellen mal-per-enhet, som läser goals');
    expect(d[0]!.message).toContain('"when: mal"');
    const gated = parseLayout(LAYOUT.replace(/\{ measure: (\w+)( ,|,)?/g, '{ measure: $1, when: mal,').replace(/, when: mal, \}/g, ', when: mal }'), 'mal.yaml');
    if (!gated.ok) throw new Error(JSON.stringify(gated.diagnostics));
    expect(checkLayoutAgainstConfig(gated.value, config, { configFile: 'rapport.config.yaml' })).toEqual([]);
  });
});

describe('the example of docs/layout.md', () => {
  it('on the example region the whole region\'s row has the goal section\'s counts', () => {
    const layout = `version: 1
sections:
  - id: mal
    title: Måluppfyllelse
    blocks:
      - table:
          id: maluppfyllelse-per-enhet
          title: "Måluppfyllelse per {{månad}} {{år}}"
          labelHeading: Nämnd
          percentDecimals: 0
          columns:
            - { measure: antalMal, heading: Delmål }
            - { measure: malHelt, heading: Uppfylls helt }
            - { measure: malDelvis, heading: Uppfylls delvis }
            - { measure: malInte, heading: Uppfylls inte }
            - { measure: malIngaData, heading: Inga data }
            - { measure: andelMalHelt, heading: "Andel helt av bedömda %" }
            - { measure: antalIndikatorer, heading: Indikatorer }
            - { measure: indikatorerEjBedomda, heading: Ej bedömda indikatorer }
          rows:
            - { kind: children }
            - { kind: net, label: Hela regionen }
        when: mal
  - module: goals
`;
    const model = reportWithLayout(run, layout, 'mal.yaml');
    const t = tablesOf(model.sections).find((x) => x.id === 'maluppfyllelse-per-enhet')!;
    const rows = new Map(t.rows.map((r) => [printed(r.cells[0]!), r.cells.slice(1).map(printed)]));
    // 6 helt of 6 + 3 + 2 = 11 assessed = 54,5… % → 55; 25 indicators, 18 due of which one without outcome: 7 + 1 = 8.
    expect(rows.get('Hela regionen')).toEqual(['17', '6', '3', '2', '6', '55', '25', '8']);
    // The goal section says the same in words.
    const paragraphs = JSON.stringify(model.sections);
    expect(paragraphs).toContain('beslutat om 17 delmål i planen för 2024 och per augusti görs en uppföljning och bedömning av elva av dessa. Av dessa är bedömningen att sex kommer uppnås, tre delvis kommer uppnås och två inte kommer uppnås.');
    expect(paragraphs).toContain('Av de 25 indikatorerna följs 18 upp per augusti. Av dessa uppfylls nio helt, fem delvis och tre inte; för en saknas utfall.');
    // No delmål of the example has a unit: the child rows are blank.
    for (const [label, cells] of rows) if (label !== 'Hela regionen') expect(cells.every((c) => c === '')).toBe(true);
  });
});
