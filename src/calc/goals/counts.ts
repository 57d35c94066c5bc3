/**
 * A unit's goal follow-up counted by status, for the layout's goal measures (report/measures.ts goalMeasure) and
 * `rapport explain`. The input is a row's assessed goals (report/goals-section.ts goalsOfSubtree: the delmål the goal
 * export gives the unit or a unit below it, each with its indicators):
 *
 *   delmål:      helt + delvis + inte + ingaData = all delmål       (GoalResult.level: a person's call or the goal rule)
 *   indikatorer: helt + delvis + inte + ejBedomda = all indicators  (IndicatorResult.level this period)
 *
 * An indicator is ej bedömd when it is not assessed this period: not one of its reporting occasions (basis `notDue`),
 * due without an outcome (`noData`), measured against a target no rule can assess and no person assessed
 * (`unassessable`), or assessed "inga data" by a person.
 *
 *   andel helt = helt / (helt + delvis + inte)   of the assessed ones only; null when none is assessed
 *
 * Example: delmål levels [helt, helt, delvis, ingaData] → antal 4, helt 2, delvis 1, inte 0, inga data 1,
 * andel helt 2/3. A unit without delmål in the export has no counts at all (null), never zeros; a unit whose delmål
 * have no indicators has no indicator counts (null).
 */
import type { StatusLevel } from '../../model/figures.js';
import type { GoalResult, GoalResults, IndicatorResult } from './assess.js';

export interface StatusCounts {
  readonly total: number;
  readonly helt: number;
  readonly delvis: number;
  readonly inte: number;
  /** Not assessed: a delmål with inga data; an indicator not assessed this period. */
  readonly notAssessed: number;
}

export interface GoalCounts {
  /** null when the unit has no delmål in the goal export. */
  readonly goals: StatusCounts | null;
  /** null when the unit's delmål have no indicators. */
  readonly indicators: StatusCounts | null;
}

function countLevels(levels: readonly StatusLevel[]): StatusCounts | null {
  if (levels.length === 0) return null;
  const n = (l: StatusLevel) => levels.filter((x) => x === l).length;
  return { total: levels.length, helt: n('helt'), delvis: n('delvis'), inte: n('inte'), notAssessed: n('ingaData') };
}

/** The unit's delmål, in the export's order (regionmål by regionmål). */
export function goalsOf(results: GoalResults): GoalResult[] {
  return results.topGoals.flatMap((t) => [...t.goals]);
}

/** The indicators of the unit's delmål, in order. */
export function indicatorsOf(results: GoalResults): IndicatorResult[] {
  return goalsOf(results).flatMap((g) => [...g.indicators]);
}

/** The counts of one unit's goal results; both null for a unit without goals (`results` null or no delmål). */
export function goalCounts(results: GoalResults | null): GoalCounts {
  if (results === null) return { goals: null, indicators: null };
  return {
    goals: countLevels(goalsOf(results).map((g) => g.level)),
    indicators: countLevels(indicatorsOf(results).map((i) => i.level)),
  };
}

/** helt / (helt + delvis + inte), or null when nothing is assessed. */
export function shareHelt(c: StatusCounts | null): { readonly num: number; readonly den: number } | null {
  if (c === null) return null;
  const assessed = c.helt + c.delvis + c.inte;
  return assessed === 0 ? null : { num: c.helt, den: assessed };
}
