/**
 * The assessment rules of the goal follow-up, as plain data (the `goals.rules` config section parses into this).
 * Defaults follow seed 001: an indicator at 100 % of its target or more is "uppfylls helt", 80–99 % "delvis",
 * under 80 % "inte"; a yearly (Å) indicator is assessed in December only.
 */
import type { Direction, Occasion } from './goals.js';

/**
 * How a delmål is assessed from its indicators when no person has assessed it:
 * - `worst`: the weakest assessed indicator (one "inte" makes the goal "inte") — the cautious default;
 * - `majority`: the most common level, a tie going to the weaker level;
 * - `average`: points helt = 2, delvis = 1, inte = 0; mean ≥ 1,5 → helt, ≥ 0,5 → delvis, else inte.
 */
export type GoalRule = 'worst' | 'majority' | 'average';

export interface GoalRules {
  /** Percent of target for "uppfylls helt" and "uppfylls delvis" (helt ≥ delvis). */
  readonly thresholds: { readonly helt: number; readonly delvis: number };
  readonly goalRule: GoalRule;
  /** The closing month of each occasion; M is every month. */
  readonly occasionMonths: Readonly<Record<Exclude<Occasion, 'M'>, number>>;
  /**
   * How many months an outcome may lag the report month and still be current (sick leave: one month). An outcome
   * from before the indicator's previous occasion and outside this lag is stale: "Inga data".
   */
  readonly maxLagMonths: number;
  /** Direction of indicators whose export states none and whose target has no comparator. */
  readonly defaultDirection: Direction;
}

export const DEFAULT_GOAL_RULES: GoalRules = {
  thresholds: { helt: 100, delvis: 80 },
  goalRule: 'worst',
  occasionMonths: { D1: 4, D2: 8, Å: 12 },
  maxLagMonths: 1,
  defaultDirection: 'higher',
};
