import { describe, expect, it } from 'vitest';
import { assessGoals, assessIndicator, combineLevels, worstRag } from '../../src/calc/goals/assess.js';
import { currentMeasurement, earliestCurrentMonth, isDue } from '../../src/calc/goals/occasions.js';
import { DEFAULT_GOAL_RULES } from '../../src/model/goal-rules.js';
import { parseTarget } from '../../src/sources/goals/parse-values.js';
import type { Goal, GoalsData, Indicator, Measurement, Occasion, Uppdrag } from '../../src/model/goals.js';
import { EMPTY_GOALS_DATA } from '../../src/model/goals.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';

const loc = { file: 'mal.xlsx', sheet: 'Indikatorer', row: 2 };
const APRIL = { year: 2024, month: 4 };
const AUGUST = { year: 2024, month: 8 };
const DECEMBER = { year: 2024, month: 12 };
const R = DEFAULT_GOAL_RULES;

function m(period: number | null, value: number | null, text: string | null = null, assessment: Measurement['assessment'] = null): Measurement {
  return { period, value, text, assessment, analysis: null, location: loc };
}

function ind(over: Partial<Indicator> & { target?: Indicator['target'] } = {}): Indicator {
  return {
    id: 'I1',
    goalId: 'G1',
    name: 'Andel fel lösta inom 3 dagar',
    unit: '%',
    direction: 'higher',
    target: parseTarget('90'),
    occasions: ['D1', 'D2', 'Å'],
    measurements: [m(202404, 95), m(202408, 85)],
    location: loc,
    ...over,
  };
}

function goal(id: string, over: Partial<Goal> = {}): Goal {
  return { id, topGoal: 'Mål 1. Trygga uppväxtvillkor', name: `Delmål ${id}`, assessment: null, analysis: null, location: loc, ...over };
}

describe('occasion filtering', () => {
  const due = (occ: Occasion[], p: { year: number; month: number }) => isDue(occ, p, R.occasionMonths);
  it('a yearly (Å) indicator is not assessed in the April or August report, only in December', () => {
    expect(due(['Å'], APRIL)).toBe(false);
    expect(due(['Å'], AUGUST)).toBe(false);
    expect(due(['Å'], DECEMBER)).toBe(true);
  });
  it('D1 = April, D2 = August, M = every month, none stated = every report', () => {
    expect(due(['D1'], APRIL)).toBe(true);
    expect(due(['D1'], AUGUST)).toBe(false);
    expect(due(['D2'], AUGUST)).toBe(true);
    expect(due(['D2', 'Å'], APRIL)).toBe(false);
    expect(due(['M'], { year: 2024, month: 6 })).toBe(true);
    expect(due(['D1', 'D2', 'Å'], { year: 2024, month: 6 })).toBe(false);
    expect(due([], { year: 2024, month: 6 })).toBe(true);
  });
  it('occasion months are configurable (tertial reports in May and September)', () => {
    expect(isDue(['D1'], { year: 2024, month: 5 }, { D1: 5, D2: 9, Å: 12 })).toBe(true);
    expect(isDue(['D1'], APRIL, { D1: 5, D2: 9, Å: 12 })).toBe(false);
  });
  it('a yearly indicator in the April report is "not due", with no diagnostic and no status', () => {
    const out: Diagnostic[] = [];
    const r = assessIndicator(ind({ occasions: ['Å'], measurements: [] }), APRIL, R, out);
    expect(r).toMatchObject({ due: false, basis: 'notDue', level: 'ingaData', ruleLevel: null });
    expect(out).toEqual([]);
  });
  it('the same indicator in December is assessed', () => {
    const r = assessIndicator(ind({ occasions: ['Å'], measurements: [m(202412, 91)] }), DECEMBER, R);
    expect(r).toMatchObject({ due: true, basis: 'rule', level: 'helt' });
  });
});

describe('which measurement is assessed', () => {
  it('the latest of the year up to the report month; later ones and last year are ignored', () => {
    const ms = [m(202312, 50), m(202404, 95), m(202407, 80), m(202409, 10)];
    expect(currentMeasurement(ms, AUGUST)?.period).toBe(202407);
    expect(currentMeasurement(ms, APRIL)?.period).toBe(202404);
    expect(currentMeasurement([m(202312, 50)], APRIL)).toBeNull();
  });
  it('an outcome counts as current from the month after the previous occasion, or within the lag', () => {
    const e = (occ: Occasion[], p: { year: number; month: number }) => earliestCurrentMonth(occ, p, R.occasionMonths, 1);
    expect(e(['D1', 'D2', 'Å'], AUGUST)).toBe(5);
    expect(e(['D2', 'Å'], AUGUST)).toBe(1);
    expect(e(['M'], AUGUST)).toBe(7);
    expect(e(['Å'], DECEMBER)).toBe(1);
    expect(e(['D1', 'D2', 'Å'], DECEMBER)).toBe(9);
    expect(e(['D1'], APRIL)).toBe(1);
    expect(e([], AUGUST)).toBe(1);
    expect(earliestCurrentMonth(['M'], AUGUST, R.occasionMonths, 0)).toBe(8);
  });
  it('a blank measurement is missing; an undated one is the current outcome', () => {
    expect(currentMeasurement([m(202408, null)], AUGUST)).toBeNull();
    expect(currentMeasurement([m(null, 3)], AUGUST)?.value).toBe(3);
  });
  it('the August report uses the August outcome: 85 against 90 → delvis', () => {
    const r = assessIndicator(ind(), AUGUST, R);
    expect(r).toMatchObject({ basis: 'rule', level: 'delvis', ratio: { num: 17n, den: 18n } });
  });
});

describe('missing values', () => {
  it('a due indicator without outcome is "Inga data" with a warning naming the file and row', () => {
    const out: Diagnostic[] = [];
    const none = assessIndicator(ind({ measurements: [] }), AUGUST, R, out);
    expect(none).toMatchObject({ basis: 'noData', level: 'ingaData', measurement: null });
    expect(out.map((d) => [d.code, d.severity])).toEqual([['goals.indicator-no-measurement', 'warning']]);
    expect(out[0]!.location).toEqual(loc);
    expect(out[0]!.message).toContain('augusti 2024');
  });
  it("a blank August outcome is not replaced by April's: April's is stale in August", () => {
    const out: Diagnostic[] = [];
    const r = assessIndicator(ind({ measurements: [m(202404, 95), m(202408, null)] }), AUGUST, R, out);
    expect(r).toMatchObject({ basis: 'noData', level: 'ingaData' });
    expect(out.map((d) => d.code)).toEqual(['goals.indicator-stale']);
    expect(out[0]!.message).toContain('april 2024');
  });
  it('a monthly indicator may lag one month (sick leave to July in the August report), not two', () => {
    expect(assessIndicator(ind({ occasions: ['M'], measurements: [m(202407, 95)] }), AUGUST, R).level).toBe('helt');
    expect(assessIndicator(ind({ occasions: ['M'], measurements: [m(202406, 95)] }), AUGUST, R).basis).toBe('noData');
  });
  it('a measured qualitative indicator without a person\'s assessment is "Ej bedömd" with a warning', () => {
    const out: Diagnostic[] = [];
    const r = assessIndicator(ind({ target: parseTarget('Arbetssätt framtaget'), measurements: [m(202408, null, 'Pågår')] }), AUGUST, R, out);
    expect(r).toMatchObject({ basis: 'unassessable', level: 'ingaData' });
    expect(out.map((d) => d.code)).toEqual(['goals.indicator-unassessable']);
  });
});

describe("a person's assessment wins and is marked", () => {
  it('for an indicator, with an info diagnostic when it differs from the rule', () => {
    const out: Diagnostic[] = [];
    const r = assessIndicator(ind({ measurements: [m(202408, 85, null, { status: 'helt', text: 'Uppfylls helt' })] }), AUGUST, R, out);
    expect(r).toMatchObject({ basis: 'person', level: 'helt', ruleLevel: 'delvis' });
    expect(out.map((d) => [d.code, d.severity])).toEqual([['goals.assessment-differs', 'info']]);
  });
  it('for a qualitative indicator, without a diagnostic', () => {
    const out: Diagnostic[] = [];
    const r = assessIndicator(ind({ target: parseTarget('Plan framtagen'), measurements: [m(null, null, null, { status: 'delvis', text: 'Delvis' })] }), AUGUST, R, out);
    expect(r).toMatchObject({ basis: 'person', level: 'delvis' });
    expect(out).toEqual([]);
  });
  it("April's assessment does not carry over to August", () => {
    const r = assessIndicator(ind({ measurements: [m(202404, 95, null, { status: 'helt', text: 'Helt' }), m(202408, 85)] }), AUGUST, R);
    expect(r).toMatchObject({ basis: 'rule', level: 'delvis' });
  });
  it('for a goal, over its indicators', () => {
    const data: GoalsData = {
      ...EMPTY_GOALS_DATA,
      goals: [goal('G1', { assessment: { status: 'helt', text: 'Mål kommer helt uppfyllas' } }), goal('G2')],
      indicators: [ind({ goalId: 'G1' }), ind({ id: 'I2', goalId: 'G2' })],
    };
    const { results } = assessGoals(data, { period: AUGUST });
    const [g1, g2] = results.topGoals[0]!.goals;
    expect(g1).toMatchObject({ basis: 'person', level: 'helt', ruleLevel: 'delvis' });
    expect(g2).toMatchObject({ basis: 'indicators', level: 'delvis' });
  });
});

describe('goal assessment from indicators', () => {
  it('combines by the configured rule', () => {
    expect(combineLevels(['helt', 'delvis'], 'worst')).toBe('delvis');
    expect(combineLevels(['helt', 'helt', 'inte'], 'worst')).toBe('inte');
    expect(combineLevels(['helt', 'helt', 'inte'], 'majority')).toBe('helt');
    expect(combineLevels(['helt', 'inte'], 'majority')).toBe('inte');
    expect(combineLevels(['helt', 'inte'], 'average')).toBe('delvis');
    expect(combineLevels(['helt', 'helt', 'delvis'], 'average')).toBe('helt'); // 5/3 ≥ 1,5
    expect(combineLevels(['helt', 'delvis'], 'average')).toBe('helt'); // exactly 1,5
    expect(combineLevels(['delvis', 'inte', 'inte'], 'average')).toBe('inte'); // 1/3 < 0,5
    expect(combineLevels(['ingaData', 'helt'], 'worst')).toBe('helt'); // inga data does not count
    expect(combineLevels(['ingaData'], 'worst')).toBeNull();
  });
  it('a goal whose indicators are all yearly is "Inga data" in August', () => {
    const data: GoalsData = {
      ...EMPTY_GOALS_DATA,
      goals: [goal('G1')],
      indicators: [ind({ occasions: ['Å'] }), ind({ id: 'I2', occasions: ['Å'] })],
    };
    const { results, diagnostics } = assessGoals(data, { period: AUGUST });
    expect(results.topGoals[0]!.goals[0]).toMatchObject({ basis: 'none', level: 'ingaData', ruleLevel: null });
    expect(diagnostics).toEqual([]);
  });
  it('groups delmål under their regionmål in file order', () => {
    const data: GoalsData = {
      ...EMPTY_GOALS_DATA,
      goals: [goal('A'), goal('B', { topGoal: 'Mål 2. Goda levnadsvillkor' }), goal('C')],
    };
    const { results } = assessGoals(data, { period: AUGUST });
    expect(results.topGoals.map((t) => [t.name, t.goals.map((g) => g.goal.id)])).toEqual([
      ['Mål 1. Trygga uppväxtvillkor', ['A', 'C']],
      ['Mål 2. Goda levnadsvillkor', ['B']],
    ]);
  });
  it('an indicator of an unknown delmål is an error', () => {
    const { diagnostics } = assessGoals({ ...EMPTY_GOALS_DATA, goals: [goal('G1')], indicators: [ind({ goalId: 'G9' })] }, { period: AUGUST });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['goals.indicator-unknown-goal', 'error']]);
  });
  it('a direction that contradicts the comparator is a warning; the comparator wins', () => {
    const { results, diagnostics } = assessGoals(
      { ...EMPTY_GOALS_DATA, goals: [goal('G1')], indicators: [ind({ target: parseTarget('< 5'), direction: 'higher', measurements: [m(202408, 3)] })] },
      { period: AUGUST },
    );
    expect(results.topGoals[0]!.goals[0]!.indicators[0]).toMatchObject({ direction: 'lower', level: 'helt' });
    expect(diagnostics.map((d) => d.code)).toEqual(['goals.direction-conflict']);
  });
});

describe('uppdrag and åtgärder past their end date', () => {
  const u = (endDate: string | null, progress: Uppdrag['progress']): Uppdrag => ({
    id: null, text: 'Minska tjänsteresandet', addressedTo: null, origin: 'fullmaktige', originText: 'Fullmäktige',
    progress, statusText: String(progress), analysis: null, periodicity: null, endDate, location: loc,
  });
  it('flags an unfinished uppdrag whose end date has passed; the end date itself is not past', () => {
    const data: GoalsData = {
      ...EMPTY_GOALS_DATA,
      uppdrag: [u('2024-01-22', 'ongoing'), u('2024-08-31', 'ongoing'), u('2024-06-30', 'done'), u('2024-06-30', 'cancelled'), u('2024-06-30', null), u(null, 'ongoing')],
    };
    const { results, diagnostics } = assessGoals(data, { period: AUGUST });
    expect(results.reportDate).toBe('2024-08-31');
    expect(results.uppdrag.map((x) => x.overdue)).toEqual([true, false, false, false, true, false]);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['goals.uppdrag-overdue', 'info'], ['goals.uppdrag-overdue', 'info']]);
  });
  it('uses a given report date', () => {
    const { results } = assessGoals({ ...EMPTY_GOALS_DATA, uppdrag: [u('2024-08-31', 'ongoing')] }, { period: AUGUST, reportDate: '2024-09-15' });
    expect(results.uppdrag[0]!.overdue).toBe(true);
  });
  it('flags an åtgärd past its tidplan', () => {
    const { results } = assessGoals({
      ...EMPTY_GOALS_DATA,
      measures: [
        { number: '19', text: 'Sammanhållen journal', area: null, timeline: 'Q1-2024', timelineEnd: '2024-03-31', progress: 'ongoing', statusText: 'Pågår', comment: null, location: loc },
        { number: '20', text: 'LOU', area: null, timeline: '2023-2025', timelineEnd: '2025-12-31', progress: 'ongoing', statusText: 'Pågår', comment: null, location: loc },
      ],
    }, { period: AUGUST });
    expect(results.measures.map((x) => x.overdue)).toEqual([true, false]);
  });
});

describe('projects', () => {
  it('overall status is the weakest of Tid, Resurs and Kvalitet', () => {
    expect(worstRag(['green', 'yellow', 'green'])).toBe('yellow');
    expect(worstRag(['green', null, 'red'])).toBe('red');
    expect(worstRag([null, null, null])).toBeNull();
  });
});
