/**
 * The goal follow-up's pure core: (records, period, report date, rules) → assessed goals, indicators, uppdrag,
 * åtgärder, projects and intern kontroll, plus cross-check diagnostics. No file system, no clock: the report date
 * is an input (the last day of the period unless the report says otherwise).
 */
import type { Diagnostic } from '../../model/diagnostics.js';
import { lastDayOfPeriod, monthName, type Period } from '../../model/period.js';
import { diag } from '../../messages/index.js';
import type { StatusLevel } from '../../model/figures.js';
import type {
  Direction,
  Goal,
  GoalsData,
  Indicator,
  InternalControl,
  Measure,
  Measurement,
  Project,
  Rag,
  Uppdrag,
} from '../../model/goals.js';
import type { BigRatio } from './decimal.js';
import { currentMeasurement, earliestCurrentMonth, isDue } from './occasions.js';
import { DEFAULT_GOAL_RULES, type GoalRule, type GoalRules } from '../../model/goal-rules.js';
import { assessValue, directionOfComparator } from './status.js';

/**
 * Why an indicator has its status:
 * - `rule`: outcome against target by the thresholds;
 * - `person`: a person's assessment in the export (wins over the rule);
 * - `notDue`: not one of its reporting occasions (e.g. a yearly indicator in the April report) — not assessed;
 * - `noData`: due, but no outcome this period → "Inga data";
 * - `unassessable`: measured, but the target cannot be assessed by a rule and no person assessed it.
 */
export type IndicatorBasis = 'rule' | 'person' | 'notDue' | 'noData' | 'unassessable';

export interface IndicatorResult {
  readonly indicator: Indicator;
  readonly direction: Direction;
  readonly due: boolean;
  /** The measurement assessed (latest of the year up to the report month), or null. */
  readonly measurement: Measurement | null;
  /** Uppfyllnadsgrad when a ratio is meaningful. */
  readonly ratio: BigRatio | null;
  /** The level by the rule, whether or not a person's assessment overrides it. */
  readonly ruleLevel: StatusLevel | null;
  readonly level: StatusLevel;
  readonly basis: IndicatorBasis;
}

/** `person`: assessed by a person (marked in the report); `indicators`: by the goal rule; `none`: inga data. */
export type GoalBasis = 'person' | 'indicators' | 'none';

export interface GoalResult {
  readonly goal: Goal;
  readonly indicators: readonly IndicatorResult[];
  readonly level: StatusLevel;
  readonly basis: GoalBasis;
  /** What the goal rule gives from the indicators (null when none is assessed), shown beside a person's call. */
  readonly ruleLevel: StatusLevel | null;
}

export interface TopGoalResult {
  /** "Mål 1. Trygga uppväxtvillkor" */
  readonly name: string;
  readonly goals: readonly GoalResult[];
}

export interface UppdragResult {
  readonly uppdrag: Uppdrag;
  /** Past its end date and neither done nor cancelled. */
  readonly overdue: boolean;
}

export interface MeasureResult {
  readonly measure: Measure;
  /** Past the end of its tidplan and neither done nor cancelled. */
  readonly overdue: boolean;
}

export interface ProjectResult {
  readonly project: Project;
  /** The weakest of Tid, Resurs and Kvalitet (null when none is reported). */
  readonly overall: Rag | null;
}

export interface GoalResults {
  readonly period: Period;
  /** ISO date the report is made as of (overdue checks). */
  readonly reportDate: string;
  readonly rules: GoalRules;
  /** Regionmål in the order of the export, each with its delmål. */
  readonly topGoals: readonly TopGoalResult[];
  readonly uppdrag: readonly UppdragResult[];
  readonly measures: readonly MeasureResult[];
  readonly projects: readonly ProjectResult[];
  readonly internalControl: readonly InternalControl[];
}

export interface AssessOptions {
  readonly period: Period;
  /** Defaults to the last day of the period. */
  readonly reportDate?: string;
  readonly rules?: GoalRules;
}

const ORDER: Record<Exclude<StatusLevel, 'ingaData'>, number> = { inte: 0, delvis: 1, helt: 2 };
const BY_POINTS: readonly Exclude<StatusLevel, 'ingaData'>[] = ['inte', 'delvis', 'helt'];

/**
 * A goal's level from its assessed indicator levels by the rule (see `GoalRule`); null when there are none.
 * Examples: worst([helt, delvis]) = delvis; majority([helt, helt, inte]) = helt; majority([helt, inte]) = inte;
 * average([helt, inte]) = delvis (mean 1); average([helt, helt, delvis]) = helt (mean 1,67).
 */
export function combineLevels(levels: readonly StatusLevel[], rule: GoalRule): StatusLevel | null {
  const assessed = levels.filter((l): l is Exclude<StatusLevel, 'ingaData'> => l !== 'ingaData');
  if (assessed.length === 0) return null;
  switch (rule) {
    case 'worst':
      return BY_POINTS[Math.min(...assessed.map((l) => ORDER[l]))] ?? null;
    case 'majority': {
      const counts = [0, 0, 0];
      for (const l of assessed) counts[ORDER[l]]! += 1;
      let best = 0;
      // Ascending order so a tie keeps the weaker level.
      for (let i = 1; i < 3; i++) if (counts[i]! > counts[best]!) best = i;
      return BY_POINTS[best] ?? null;
    }
    case 'average': {
      const points = assessed.reduce((s, l) => s + ORDER[l], 0);
      // mean ≥ 1,5 ⇔ 2·points ≥ 3·n; mean ≥ 0,5 ⇔ 2·points ≥ n (integers, exact)
      if (2 * points >= 3 * assessed.length) return 'helt';
      if (2 * points >= assessed.length) return 'delvis';
      return 'inte';
    }
  }
}

function resolveDirection(ind: Indicator, rules: GoalRules, out: Diagnostic[]): Direction {
  const fromTarget = ind.target.kind === 'comparison' ? directionOfComparator(ind.target.op) : null;
  if (fromTarget && ind.direction && fromTarget !== ind.direction) {
    out.push(
      diag('goals.direction-conflict', {
        id: ind.id,
        name: ind.name,
        target: ind.target.text,
        direction: ind.direction === 'higher' ? 'högre är bättre' : 'lägre är bättre',
      }, ind.location),
    );
  }
  return fromTarget ?? ind.direction ?? rules.defaultDirection;
}

/** Assesses one indicator for the report period (see `IndicatorBasis`). */
export function assessIndicator(ind: Indicator, period: Period, rules: GoalRules, out: Diagnostic[] = []): IndicatorResult {
  const direction = resolveDirection(ind, rules, out);
  const due = isDue(ind.occasions, period, rules.occasionMonths);
  const firstMonth = earliestCurrentMonth(ind.occasions, period, rules.occasionMonths, rules.maxLagMonths);
  const measurement = due ? currentMeasurement(ind.measurements, period, firstMonth) : null;
  const base = { indicator: ind, direction, due, measurement };
  if (!due) {
    return { ...base, ratio: null, ruleLevel: null, level: 'ingaData', basis: 'notDue' };
  }
  let ruleLevel: StatusLevel | null = null;
  let ratio: BigRatio | null = null;
  if (measurement === null) {
    ruleLevel = 'ingaData';
  } else if (measurement.value !== null) {
    const r = assessValue(ind.target, direction, measurement.value, rules.thresholds);
    ruleLevel = r.level;
    ratio = r.ratio;
  }
  const person = measurement?.assessment ?? null;
  if (person) {
    if (ruleLevel !== null && ruleLevel !== 'ingaData' && ruleLevel !== person.status) {
      out.push(diag('goals.assessment-differs', {
        kind: 'Indikatorn', name: `${ind.id} "${ind.name}"`, person: person.text, rule: ruleLevel,
      }, measurement?.location ?? ind.location));
    }
    return { ...base, ratio, ruleLevel, level: person.status, basis: 'person' };
  }
  if (measurement === null) {
    const stale = currentMeasurement(ind.measurements, period);
    out.push(stale !== null && stale.period !== null
      ? diag('goals.indicator-stale', {
        id: ind.id, name: ind.name, month: monthName(period.month), year: period.year,
        last: `${monthName(stale.period % 100)} ${Math.trunc(stale.period / 100)}`,
      }, stale.location)
      : diag('goals.indicator-no-measurement', {
        id: ind.id, name: ind.name, month: monthName(period.month), year: period.year,
      }, ind.location));
    return { ...base, ratio: null, ruleLevel, level: 'ingaData', basis: 'noData' };
  }
  if (ruleLevel === null) {
    out.push(diag('goals.indicator-unassessable', {
      id: ind.id, name: ind.name, target: ind.target.text || '(inget)',
    }, ind.location));
    return { ...base, ratio, ruleLevel, level: 'ingaData', basis: 'unassessable' };
  }
  return { ...base, ratio, ruleLevel, level: ruleLevel, basis: 'rule' };
}

function isFinished(p: Uppdrag['progress']): boolean {
  return p === 'done' || p === 'cancelled';
}

const RAG_ORDER: Record<Rag, number> = { red: 0, yellow: 1, green: 2 };

/** The weakest of the reported Tid/Resurs/Kvalitet colours. */
export function worstRag(values: readonly (Rag | null)[]): Rag | null {
  let worst: Rag | null = null;
  for (const v of values) if (v !== null && (worst === null || RAG_ORDER[v] < RAG_ORDER[worst])) worst = v;
  return worst;
}

/**
 * Assesses everything for the report period. Cross-checks: an indicator whose delmål is missing (error), a due
 * indicator without outcome (warning), a measured indicator whose target needs a person's assessment (warning),
 * a direction that contradicts the target's comparator (warning), a person's assessment that differs from the
 * rule (info), an uppdrag or åtgärd past its end date and not finished (info; the report flags it).
 */
export function assessGoals(data: GoalsData, options: AssessOptions): { results: GoalResults; diagnostics: Diagnostic[] } {
  const rules = options.rules ?? DEFAULT_GOAL_RULES;
  const period = options.period;
  const reportDate = options.reportDate ?? lastDayOfPeriod(period);
  const out: Diagnostic[] = [];

  const goalIds = new Set(data.goals.map((g) => g.id));
  const byGoal = new Map<string, IndicatorResult[]>();
  for (const ind of data.indicators) {
    if (!goalIds.has(ind.goalId)) {
      out.push(diag('goals.indicator-unknown-goal', { id: ind.id, name: ind.name, goalId: ind.goalId }, ind.location));
      continue;
    }
    const list = byGoal.get(ind.goalId) ?? [];
    list.push(assessIndicator(ind, period, rules, out));
    byGoal.set(ind.goalId, list);
  }

  const topGoals: { name: string; goals: GoalResult[] }[] = [];
  const topIndex = new Map<string, number>();
  for (const goal of data.goals) {
    const indicators = byGoal.get(goal.id) ?? [];
    const ruleLevel = combineLevels(indicators.filter((i) => i.due).map((i) => i.level), rules.goalRule);
    let result: GoalResult;
    if (goal.assessment) {
      if (ruleLevel !== null && ruleLevel !== goal.assessment.status) {
        out.push(diag('goals.assessment-differs', {
          kind: 'Delmålet', name: `"${goal.name}"`, person: goal.assessment.text, rule: ruleLevel,
        }, goal.location));
      }
      result = { goal, indicators, level: goal.assessment.status, basis: 'person', ruleLevel };
    } else if (ruleLevel !== null) {
      result = { goal, indicators, level: ruleLevel, basis: 'indicators', ruleLevel };
    } else {
      result = { goal, indicators, level: 'ingaData', basis: 'none', ruleLevel };
    }
    let i = topIndex.get(goal.topGoal);
    if (i === undefined) {
      i = topGoals.length;
      topIndex.set(goal.topGoal, i);
      topGoals.push({ name: goal.topGoal, goals: [] });
    }
    topGoals[i]!.goals.push(result);
  }

  const uppdrag = data.uppdrag.map((u): UppdragResult => {
    const overdue = u.endDate !== null && u.endDate < reportDate && !isFinished(u.progress);
    if (overdue) {
      out.push(diag('goals.uppdrag-overdue', { text: u.text, endDate: u.endDate ?? '', status: u.statusText || 'ingen status' }, u.location));
    }
    return { uppdrag: u, overdue };
  });

  const measures = data.measures.map((m): MeasureResult => {
    const overdue = m.timelineEnd !== null && m.timelineEnd < reportDate && !isFinished(m.progress);
    if (overdue) {
      out.push(diag('goals.measure-overdue', { number: m.number, text: m.text, timeline: m.timeline ?? '' }, m.location));
    }
    return { measure: m, overdue };
  });

  const projects = data.projects.map((p): ProjectResult => ({ project: p, overall: worstRag([p.time, p.resource, p.quality]) }));

  return {
    results: { period, reportDate, rules, topGoals, uppdrag, measures, projects, internalControl: data.internalControl },
    diagnostics: out,
  };
}
