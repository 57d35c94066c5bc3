/**
 * One row per indicator in a layout table (row kind `indicators`, measures.ts indicatorMeasure): the indicators of
 * the unit's delmål (and the delmål of the units below it) with målvärde, utfall, uppfyllnad and status, over the
 * small hand-made goal export SMALL_GOALS of goal-fixture.ts assessed for August 2024 with the default rules
 * (helt ≥ 100 %, delvis ≥ 80 %). The expected cells are worked out by hand below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLayoutAgainstConfig, parseLayout } from '../../src/config/layout.js';
import type { GoalResults } from '../../src/calc/goals/assess.js';
import type { OrgNode } from '../../src/calc/hierarchy.js';
import { formatCell } from '../../src/render/format.js';
import type { Cell, ReportModel } from '../../src/report/model.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderJson } from '../../src/render/json.js';
import { reportModelSchema } from '../../src/report/model-schema.js';
import { loadMarkdownTemplates } from '../../src/pipeline/templates.js';
import { exampleRun, reportWithLayout, tablesOf, unitNamed, type ExampleRun } from '../helpers/example-models.js';
import { smallGoalResults } from '../helpers/goal-fixture.js';
import { INDICATOR_COLUMNS_AND_ROWS } from '../helpers/layout-yaml.js';

// The goal export and the statuses of its delmål and indicators in August 2024: the table above SMALL_GOALS in
// goal-fixture.ts.

const LAYOUT = `version: 1
sections:
  - id: indikatorer
    title: Indikatorer
    blocks:
      - table:
          id: indikatorer-per-delmal
          title: "Indikatorer per {{månad}} {{år}}"
          labelHeading: Indikator
${INDICATOR_COLUMNS_AND_ROWS}        when: mal
`;

let run: ExampleRun;
let goals: GoalResults;

beforeAll(async () => {
  run = await exampleRun();
  goals = smallGoalResults();
}, 600_000);

/** The report of `unit` (the root unless given) with this layout, over the small goal export. */
function report(layoutText: string, unit?: OrgNode): ReportModel {
  return reportWithLayout(run, layoutText, 'mal.yaml', { data: { ...run.data, goals }, unit });
}

const printed = (c: Cell): string => formatCell(c, ' ');

describe('indicator rows in a layout table', () => {
  it('one row per indicator under its delmål: målvärde, utfall, uppfyllnad and status in words, hand-checked', () => {
    const model = report(LAYOUT);
    const t = tablesOf(model.sections).find((x) => x.id === 'indikatorer-per-delmal')!;
    expect(t.columns.map((c) => c.header)).toEqual(['Indikator', 'Målvärde', 'Utfall 2024', 'Uppfyllnad %', 'Status']);
    expect(t.rows.map((r) => [r.emphasis, r.level ?? 0, ...r.cells.map(printed)])).toEqual([
      // G1: I1 95 of 90 = 105,6 % → 106, helt; I2 72 of 90 = 80 % → delvis (≥ 80 %).
      ['section', 0, 'Delmål G1', '', '', '', ''],
      ['normal', 1, 'Indikator I1', '90', '95', '106', '● Uppfylls helt'],
      ['normal', 1, 'Indikator I2', '90', '72', '80', '◐ Uppfylls delvis'],
      // G2: I3 3 against "< 5", lower is better: 5 / 3 = 166,7 % → 167, helt; I4 yearly (Å): not due in August, blank,
      // the goals module's wording for when it is assessed next.
      ['section', 0, 'Delmål G2', '', '', '', ''],
      ['normal', 1, 'Indikator I3, lägre är bättre', '< 5', '3', '167', '● Uppfylls helt'],
      ['normal', 1, 'Indikator I4', '10', '', '', '– Bedöms per december'],
      // G3: I5 7 of 10 = 70 % → inte. G4 and G5 have no indicators: no rows.
      ['section', 0, 'Delmål G3', '', '', '', ''],
      ['normal', 1, 'Indikator I5', '10', '7', '70', '○ Uppfylls inte'],
      // G6: I6 due without an outcome: blank (no data is not 0), "Inga data".
      ['section', 0, 'Delmål G6', '', '', '', ''],
      ['normal', 1, 'Indikator I6', '10', '', '', '– Inga data'],
    ]);
    // The status is a status cell with its words, not a colour only.
    expect(t.rows[1]!.cells[4]).toEqual({ kind: 'status', status: 'helt', label: 'Uppfylls helt' });
    expect(t.notes).toEqual(['För indikatorer där lägre är bättre är uppfyllnad = målvärde / utfall; annars utfall / målvärde.']);
    // Provenance: the goal export, the row names the delmål and the indicator.
    expect(t.provenance?.columns[2]).toEqual({ measure: 'indikatorUtfall', formula: 'indikatorUtfall', sources: ['fixtures/region-exempel/mal/mal.xlsx'], terms: [] });
    expect(t.provenance?.rows[2]).toEqual({ unit: run.data.hierarchy.root.id, goal: 'G1', indicator: 'I2' });
    expect(t.provenance?.rows[0]).toBeNull();
  });

  it('the same cells as the goals module\'s indicator table of each delmål', () => {
    const model = report(`${LAYOUT}  - module: goals\n`);
    const tables = tablesOf(model.sections);
    const t = tables.find((x) => x.id === 'indikatorer-per-delmal')!;
    const g1 = tables.find((x) => x.id === 'indikatorer-g1')!;
    // Goals module: Indikator | Målvärde | Utfall | Uppfyllnad | Redovisas | Status.
    expect(g1.rows.map((r) => [r.cells[0], r.cells[1], r.cells[2], r.cells[3], r.cells[5]])).toEqual(t.rows.slice(1, 3).map((r) => r.cells));
  });

  it('a unit gets the indicators of its own delmål and those of the units below it; heading: false leaves out the delmål rows', () => {
    const model = report(LAYOUT.replace('{ kind: indicators }', '{ kind: indicators, heading: false }'), unitNamed(run.data, 'Regionstyrelsen'));
    const t = tablesOf(model.sections).find((x) => x.id === 'indikatorer-per-delmal')!;
    // Regionstyrelsen: G2 (I3, I4), G3 (I5), and Regionkontoret's G6 (I6); not the root's G1.
    expect(t.rows.map((r) => [r.emphasis, ...r.cells.map(printed)])).toEqual([
      ['normal', 'Indikator I3, lägre är bättre', '< 5', '3', '167', '● Uppfylls helt'],
      ['normal', 'Indikator I4', '10', '', '', '– Bedöms per december'],
      ['normal', 'Indikator I5', '10', '7', '70', '○ Uppfylls inte'],
      ['normal', 'Indikator I6', '10', '', '', '– Inga data'],
    ]);
  });

  it('renders to Markdown and JSON with the status in words', async () => {
    const model = report(LAYOUT);
    const md = renderMarkdown(model, await loadMarkdownTemplates(undefined));
    expect(md).toContain('Indikator I1');
    const line = md.split('\n').find((l) => l.includes('Indikator I4'))!;
    expect(line).toMatch(/\|\s*Indikator I4\s*\|\s*10\s*\|\s*\|\s*\|\s*– Bedöms per december\s*\|/);
    expect(md.split('\n').find((l) => l.includes('Indikator I1'))).toMatch(/90\s*\|\s*95\s*\|\s*106\s*\|\s*● Uppfylls helt/);
    const json = JSON.parse(renderJson(model)) as unknown;
    // The JSON is valid against the report model's schema (docs/report-model.schema.json), the rows' provenance with it.
    expect(reportModelSchema.safeParse(json).success).toBe(true);
    const text = JSON.stringify(json);
    expect(text).toContain('"label":"Bedöms per december"');
    expect(text).toContain('indikatorer-per-delmal');
  });
});

describe('checking a layout with indicator rows', () => {
  it('indicator rows take the indicator measures only, with the nearest one named; they are not mixed with other rows', () => {
    const other = parseLayout(LAYOUT.replace('{ measure: indikatorStatus }', '{ measure: indikatorStatu }'), 'mal.yaml');
    expect(other.ok).toBe(false);
    if (other.ok) return;
    expect(other.diagnostics[0]!.code).toBe('layout.unknown-measure');
    expect(other.diagnostics[0]!.message).toContain("menade du 'indikatorStatus'?");
    const economy = parseLayout(LAYOUT.replace('{ measure: indikatorStatus }', '{ measure: ackUtfall }'), 'mal.yaml');
    expect(economy.ok).toBe(false);
    if (economy.ok) return;
    expect(economy.diagnostics.map((d) => d.code)).toEqual(['layout.measure-not-for-row']);
    expect(economy.diagnostics[0]!.message).toBe("Måttet 'ackUtfall' finns inte för rader av typen indicators i tabellen indikatorer-per-delmal. Mått för indikatorrader: indikatorMalvarde, indikatorUtfall, indikatorUppfyllnad, indikatorStatus.");
    const near = parseLayout(LAYOUT.replace('{ measure: indikatorStatus }', '{ measure: antalIndikatorer }'), 'mal.yaml');
    expect(near.ok).toBe(false);
    if (near.ok) return;
    expect(near.diagnostics[0]!.code).toBe('layout.measure-not-for-row');
    const mixed = parseLayout(LAYOUT.replace('- { kind: indicators }', '- { kind: indicators }\n            - { kind: net, label: Totalt }'), 'mal.yaml');
    expect(mixed.ok).toBe(false);
    if (mixed.ok) return;
    expect(mixed.diagnostics.map((d) => d.code)).toContain('layout.mixed-rows');
    expect(mixed.diagnostics.find((d) => d.code === 'layout.mixed-rows')!.message).toBe('Tabellen indikatorer-per-delmal blandar indikatorrader med andra rader; lägg dem i var sin tabell.');
    const onNet = parseLayout(LAYOUT.replace('{ kind: indicators }', '{ kind: net, label: Totalt }'), 'mal.yaml');
    expect(onNet.ok).toBe(false);
    if (onNet.ok) return;
    expect(onNet.diagnostics[0]!.code).toBe('layout.indicator-measure-not-for-row');
    expect(onNet.diagnostics[0]!.message).toContain("Måttet 'indikatorMalvarde' gäller en indikator och finns bara för rader av typen indicators, inte net i tabellen indikatorer-per-delmal.");
  });

  it('without goals configured indicator rows must be `when: mal`, as goal columns', () => {
    const ungated = parseLayout(LAYOUT.replace('        when: mal\n', ''), 'mal.yaml');
    if (!ungated.ok) throw new Error(JSON.stringify(ungated.diagnostics));
    const { goals: _omitted, ...config } = run.loaded.config;
    const d = checkLayoutAgainstConfig(ungated.value, config, { configFile: 'rapport.config.yaml' });
    expect(d.map((x) => x.code)).toEqual(['layout.source-missing']);
    expect(d[0]!.message).toContain('indikatorraderna i tabellen indikatorer-per-delmal, som läser goals');
    expect(d[0]!.message).toContain('"when: mal"');
    const rowGated = parseLayout(LAYOUT.replace('        when: mal\n', '').replace('{ kind: indicators }', '{ kind: indicators, when: mal }'), 'mal.yaml');
    if (!rowGated.ok) throw new Error(JSON.stringify(rowGated.diagnostics));
    expect(checkLayoutAgainstConfig(rowGated.value, config, { configFile: 'rapport.config.yaml' })).toEqual([]);
  });
});
