/**
 * Goals below the root: a delmål whose export names a unit (goals column `unit`) is followed up in that unit's
 * report where the layout places `module: goals`, and only there; the root keeps the rest. A unit name the
 * organisation file lacks is an error with the nearest name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { goalsSourceSchema } from '../../src/config/goals-schema.js';
import type { LoadedConfig } from '../../src/config/load-config.js';
import { readGoals } from '../../src/sources/goals/index.js';
import { buildUnitReport, checkGoalUnits, type LoadedData } from '../../src/pipeline/run.js';
import { loadLayout } from '../../src/pipeline/layout.js';
import type { GoalResults } from '../../src/calc/goals/assess.js';
import type { OrgNode } from '../../src/calc/hierarchy.js';
import type { ReportModel, Section } from '../../src/report/model.js';
import type { TextTemplates } from '../../src/report/texts.js';
import type { Layout } from '../../src/config/layout-schema.js';
import { exampleRun, unitNamed } from '../helpers/example-models.js';

const csv = (name: string, lines: string[]) => ({ bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n'), displayName: name });

let loaded: LoadedConfig;
let data: LoadedData;
let texts: TextTemplates;
let layout: Layout;

beforeAll(async () => {
  ({ loaded, data, texts } = await exampleRun());
  const l = await loadLayout(loaded);
  if (!l.ok) throw new Error('layout');
  layout = l.value.layout;
}, 600_000);

/** The example region's goal results with the first regionmål's delmål moved to `unit`. */
function withUnit(unit: string): { goals: GoalResults; moved: string[] } {
  const g = data.goals!;
  const first = g.topGoals[0]!;
  const moved = first.goals.map((x) => x.goal.id);
  const topGoals = g.topGoals.map((t, i) => (i === 0 ? { ...t, goals: t.goals.map((x) => ({ ...x, goal: { ...x.goal, unit } })) } : t));
  return { goals: { ...g, topGoals }, moved };
}

function goalSection(m: ReportModel): Section | undefined {
  const find = (list: readonly Section[]): Section | undefined => {
    for (const s of list) {
      if (s.id === 'god-ekonomisk-hushallning') return s;
      const inner = find(s.sections);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(m.sections);
}

const delmalIds = (s: Section | undefined): string[] =>
  (s?.sections ?? []).flatMap((top) => top.sections.map((d) => d.id)).filter((id) => id.startsWith('delmal-'));

function report(goals: GoalResults, name: string): ReportModel {
  return buildUnitReport({ ...data, goals }, unitNamed(data, name), { loaded, texts, layout, narratives: new Map(), warnings: [] });
}

describe('goals per unit', () => {
  it('the reader takes the unit column when the configuration names it', async () => {
    const spec = goalsSourceSchema.parse({ file: 'mal.csv', delimiter: ';', columns: { unit: 'Enhet' } });
    const r = await readGoals(csv('mal.csv', [
      'Delmål-id;Regionmål;Delmål;Bedömning;Analys;Enhet',
      'D1;Mål 1;Barnrätt;;;Regionkontoret',
      'D2;Mål 1;Civil beredskap;;;',
    ]), spec);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.map((g) => g.unit ?? null)).toEqual(['Regionkontoret', null]);
  });

  it('a förvaltning shows only its own delmål; the root no longer shows them', () => {
    const root = data.hierarchy.root;
    const all = delmalIds(goalSection(report(data.goals!, root.name)));
    const { goals, moved } = withUnit('Regionkontoret');
    expect(moved.length).toBeGreaterThan(0);
    const rk = goalSection(report(goals, 'Regionkontoret'));
    expect(rk).toBeDefined();
    const slug = (id: string) => `delmal-${id.toLowerCase()}`;
    expect(delmalIds(rk)).toEqual(moved.map(slug));
    // The uppdrag, åtgärder, projects and intern kontroll stay with the report owner.
    expect(rk!.sections.map((s) => s.id)).not.toContain('uppdrag');
    const rootAfter = delmalIds(goalSection(report(goals, root.name)));
    expect(rootAfter).toEqual(all.filter((id) => !moved.map(slug).includes(id)));
    // A unit with no delmål of its own has no goal section.
    expect(goalSection(report(goals, 'Primärvård'))).toBeUndefined();
  });

  it('a unit the organisation file lacks is an error naming row and column, with the nearest name', () => {
    const { goals } = withUnit('Regionkontore');
    const d = checkGoalUnits(goals, data.hierarchy, 'Enhet');
    expect(d.length).toBe(goals.topGoals[0]!.goals.length);
    expect(d[0]!.code).toBe('goals.unit-unknown');
    expect(d[0]!.severity).toBe('error');
    // The nearest is the unit's id (either id or name is accepted).
    expect(d[0]!.message).toContain('hör enligt målexporten till enheten "Regionkontore", som inte finns i organisationsfilen. Menade du "regionkontoret"?');
    expect(d[0]!.location).toMatchObject({ column: 'Enhet' });
    expect(d[0]!.location!.row).toBeGreaterThan(1);
  });

  it('a name that two units have is an error asking for the id: the delmål would be counted under both', () => {
    const { goals } = withUnit('Tvillingen');
    const node = (id: string, level: string) => ({ id, name: 'Tvillingen', level, children: [], costCentres: [] }) as unknown as OrgNode;
    const hierarchy = { ...data.hierarchy, byId: new Map([...data.hierarchy.byId, ['tvillingen-delomrade', node('tvillingen-delomrade', 'Delområde')], ['tvillingen-forvaltning', node('tvillingen-forvaltning', 'Förvaltning')]]) } as typeof data.hierarchy;
    const d = checkGoalUnits(goals, hierarchy, 'Enhet');
    expect(d.map((x) => x.code)).toEqual(goals.topGoals[0]!.goals.map(() => 'goals.unit-ambiguous'));
    expect(d[0]!.message).toContain('enheten "Tvillingen", men 2 enheter i organisationsfilen heter så (tvillingen-delomrade, tvillingen-forvaltning)');
    expect(d[0]!.location).toMatchObject({ column: 'Enhet' });
    // By id, the same delmål is unambiguous.
    expect(checkGoalUnits(withUnit('tvillingen-forvaltning').goals, hierarchy, 'Enhet')).toEqual([]);
  });
});
