/**
 * Indicator status from outcome against target (seed 001, "Bedömning av indikator"):
 *
 *   uppfyllnadsgrad = utfall / målvärde            (higher is better)
 *                   = målvärde / utfall            (lower is better: sick leave, turnover, delivery time)
 *   ≥ helt (100 %) → helt · ≥ delvis (80 %) → delvis · below → inte            (thresholds configurable)
 *
 * Example: sick leave 5,2 % against a target of 5,0 % (lower is better) → 5,0 / 5,2 = 96,2 % → delvis.
 *
 * Where a ratio means nothing — a target or outcome of zero or below (a result target of 0 mnkr, zero incidents) —
 * the indicator is helt when the target is met and inte otherwise. A strict comparison target ("< 5") is helt only
 * when it holds: an outcome of exactly 5 is at 100 % but not under 5, so it is delvis. "Behålla" is met when the
 * outcome is no worse than its reference value. Comparisons are exact (see `decimal.ts`): 72 against 90 is exactly
 * 80 %, i.e. delvis, never 79,999… %.
 */
import type { StatusLevel } from '../../model/figures.js';
import type { Comparator, Direction, Target } from '../../model/goals.js';
import { compareNumbers, ratioAtLeastPercent, ratioOf, type BigRatio } from './decimal.js';
import type { GoalRules } from '../../model/goal-rules.js';

export type Thresholds = GoalRules['thresholds'];

/** The direction a comparison target implies: "< 5" → lower is better, "minst 90" → higher. */
export function directionOfComparator(op: Comparator): Direction {
  return op === '<' || op === '<=' ? 'lower' : 'higher';
}

export interface ValueAssessment {
  /** null = the target cannot be assessed by a rule (qualitative, or "Behålla" without a reference). */
  readonly level: Exclude<StatusLevel, 'ingaData'> | null;
  /** Uppfyllnadsgrad, when a ratio is meaningful. */
  readonly ratio: BigRatio | null;
}

/** The level a ratio reaches: ratio ≥ helt % → helt, ≥ delvis % → delvis, else inte. */
export function levelOfRatio(ratio: BigRatio, t: Thresholds): Exclude<StatusLevel, 'ingaData'> {
  if (ratioAtLeastPercent(ratio, t.helt)) return 'helt';
  if (ratioAtLeastPercent(ratio, t.delvis)) return 'delvis';
  return 'inte';
}

/**
 * Uppfyllnadsgrad of an outcome against a numeric target in a direction, or null when either side is zero or
 * negative (then only "met / not met" is meaningful).
 */
export function fulfilmentRatio(value: number, target: number, direction: Direction): BigRatio | null {
  if (compareNumbers(target, 0) <= 0) return null;
  if (direction === 'higher') {
    // A negative outcome against a positive target is simply far from it: the ratio (negative) says so.
    return ratioOf(value, target);
  }
  if (compareNumbers(value, 0) <= 0) return null;
  return ratioOf(target, value);
}

/** Whether the outcome meets the target in the given direction (equal counts as met). */
function meets(value: number, target: number, direction: Direction): boolean {
  const c = compareNumbers(value, target);
  return direction === 'higher' ? c >= 0 : c <= 0;
}

function byRatioOrMet(value: number, target: number, direction: Direction, t: Thresholds): ValueAssessment {
  const ratio = fulfilmentRatio(value, target, direction);
  if (ratio === null) return { level: meets(value, target, direction) ? 'helt' : 'inte', ratio: null };
  return { level: levelOfRatio(ratio, t), ratio };
}

/**
 * The level of a numeric outcome against a target. `direction` is the indicator's resolved direction (for a
 * comparison target it is the comparator's). Examples with the default thresholds:
 * - target 90, outcome 72 (higher) → exactly 80 % → delvis; 71,9 → inte; 90 → helt.
 * - target 5 (lower), outcome 6,25 → 80 % → delvis.
 * - "< 5", outcome 3 → helt; outcome 5 → delvis (100 % but not under 5); outcome 7 → 71 % → inte.
 * - "Behålla (4,7 %)" (lower), outcome 4,4 → helt.
 */
export function assessValue(target: Target, direction: Direction, value: number, t: Thresholds): ValueAssessment {
  switch (target.kind) {
    case 'none':
    case 'text':
      return { level: null, ratio: null };
    case 'maintain':
      if (target.reference === null) return { level: null, ratio: null };
      return byRatioOrMet(value, target.reference, direction, t);
    case 'value':
      return byRatioOrMet(value, target.value, direction, t);
    case 'comparison': {
      const dir = directionOfComparator(target.op);
      const result = byRatioOrMet(value, target.value, dir, t);
      const strict = target.op === '<' || target.op === '>';
      if (strict && compareNumbers(value, target.value) === 0) {
        // On the line of a strict target: not met. Near it (delvis) when a ratio is meaningful, else not met.
        return { level: result.ratio === null ? 'inte' : 'delvis', ratio: result.ratio };
      }
      return result;
    }
  }
}
