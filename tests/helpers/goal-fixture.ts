/**
 * A small hand-made goal export (six delmål, six indicators) on the example region's units, and its results assessed
 * for August 2024 with the default rules (helt ≥ 100 %, delvis ≥ 80 %, a delmål by its weakest indicator). The layout
 * tests of goal counts and indicator rows work out their expected cells from the table below by hand.
 */
import { assessGoals, type GoalResults } from '../../src/calc/goals/assess.js';
import { parseTarget } from '../../src/sources/goals/parse-values.js';
import type { Goal, GoalsData, Indicator, Measurement } from '../../src/model/goals.js';
import { EMPTY_GOALS_DATA } from '../../src/model/goals.js';

const loc = { file: 'mal.csv', row: 2 };
const m = (period: number, value: number): Measurement => ({ period, value, text: null, assessment: null, analysis: null, location: loc });
const ind = (id: string, goalId: string, target: string, measurements: Measurement[], occasions: Indicator['occasions'] = ['D1', 'D2', 'Å']): Indicator => ({
  id, goalId, name: `Indikator ${id}`, unit: '', direction: null, target: parseTarget(target), occasions, measurements, location: loc,
});
const goal = (id: string, unit: string | null, assessment: Goal['assessment'] = null): Goal => ({
  id, topGoal: 'Mål 1', name: `Delmål ${id}`, assessment, analysis: null, unit, location: loc,
});

/**
 * The fixture and its statuses in August 2024:
 *
 * | delmål | unit                        | indicators                                                      | delmål status          |
 * | G1     | (none: the root's)          | I1 95 of 90 → helt; I2 72 of 90 = 80 % → delvis                 | delvis (weakest)       |
 * | G2     | Regionstyrelsen             | I3 3 against "< 5" → helt; I4 yearly (Å) → not due, ej bedömd   | helt (a person's call) |
 * | G3     | Regionstyrelsen             | I5 7 of 10 = 70 % → inte                                        | inte                   |
 * | G4     | Regionstyrelsen             | none                                                            | inga data              |
 * | G5     | Hälso- och sjukvårdsnämnden | none                                                            | delvis (a person's)    |
 * | G6     | Regionkontoret (under RS)   | I6 no outcome this year → ej bedömd                             | inga data              |
 */
export const SMALL_GOALS: GoalsData = {
  ...EMPTY_GOALS_DATA,
  goals: [
    goal('G1', null),
    goal('G2', 'Regionstyrelsen', { status: 'helt', text: 'Helt' }),
    goal('G3', 'Regionstyrelsen'),
    goal('G4', 'Regionstyrelsen'),
    goal('G5', 'Hälso- och sjukvårdsnämnden', { status: 'delvis', text: 'Delvis' }),
    goal('G6', 'Regionkontoret'),
  ],
  indicators: [
    ind('I1', 'G1', '90', [m(202408, 95)]),
    ind('I2', 'G1', '90', [m(202408, 72)]),
    ind('I3', 'G2', '< 5', [m(202408, 3)]),
    ind('I4', 'G2', '10', [], ['Å']),
    ind('I5', 'G3', '10', [m(202408, 7)]),
    ind('I6', 'G6', '10', []),
  ],
};

/** SMALL_GOALS assessed for August 2024 with the default rules. */
export function smallGoalResults(): GoalResults {
  return assessGoals(SMALL_GOALS, { period: { year: 2024, month: 8 } }).results;
}
