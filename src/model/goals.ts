/**
 * Records of the goal follow-up system (Stratsys-style exports): the goal hierarchy, indicators with their
 * measurements, uppdrag, åtgärder, the project portfolio and intern kontroll. Readers produce these; the pure core
 * (`src/calc/goals`) assesses them; `src/report/goals-section.ts` lays them out.
 *
 * Glossary: regionmål / fokusområde = `topGoal`; delmål / nämndmål = `Goal`; indikator = `Indicator`;
 * målvärde = `target`; utfall = `measurement`; redovisningstillfälle (M, D1, D2, Å) = `Occasion`;
 * åtgärd = `Measure`; intern kontroll = `InternalControl`.
 */
import type { SourceLocation } from './diagnostics.js';
import type { StatusLevel } from './figures.js';

/** Whether a higher or a lower outcome is better (sick leave, turnover and delivery time are lower-is-better). */
export type Direction = 'higher' | 'lower';

/**
 * Reporting occasions an indicator belongs to (seed 002): M = every month, D1 = delår 1 (April), D2 = delår 2
 * (August), Å = the year (December). The months are configurable (`rules.occasionMonths`).
 */
export type Occasion = 'M' | 'D1' | 'D2' | 'Å';
export const OCCASIONS: readonly Occasion[] = ['M', 'D1', 'D2', 'Å'];

export type Comparator = '<' | '<=' | '>' | '>=';

/**
 * An indicator's target (målvärde) as written in the export:
 * - `value`: a number ("90 %", "73") — met at 100 % of it, in the indicator's direction;
 * - `comparison`: "< 5", "> 90%", "minst 90", "högst 5" — the comparator also gives the direction;
 * - `maintain`: "Behålla" (keep the level), optionally with a reference value ("Behålla (4,7% helår 2022)");
 * - `text`: a qualitative target ("Strukturerade arbetssätt är framtagna") — assessed by a person only;
 * - `none`: no target given.
 */
export type Target =
  | { readonly kind: 'value'; readonly value: number; readonly text: string }
  | { readonly kind: 'comparison'; readonly op: Comparator; readonly value: number; readonly text: string }
  | { readonly kind: 'maintain'; readonly reference: number | null; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'none'; readonly text: '' };

/** A person's assessment from the export (helt/delvis/inte/inga data) and the words they used. */
export interface PersonAssessment {
  readonly status: StatusLevel;
  readonly text: string;
}

/**
 * One follow-up of an indicator: the outcome of a period with the person's assessment and analysis written for
 * that period. `period` is YYYYMM, or null when the export holds only "the current" follow-up.
 */
export interface Measurement {
  readonly period: number | null;
  /** Numeric outcome in the indicator's unit (percent as 93.8, not 0.938); null when the cell is blank or text. */
  readonly value: number | null;
  /** The outcome as written when it is not a number (qualitative indicators: "Publicerad i juni"). */
  readonly text: string | null;
  /** A person's assessment of the indicator for this period, which wins over the rule. */
  readonly assessment: PersonAssessment | null;
  readonly analysis: string | null;
  readonly location: SourceLocation;
}

export interface Indicator {
  /** Stable id from the follow-up system; names may change between periods, ids may not. */
  readonly id: string;
  /** Id of the delmål the indicator belongs to. */
  readonly goalId: string;
  readonly name: string;
  /** Unit as written ("%", "dagar", "antal", "mnkr"); "" when not given. */
  readonly unit: string;
  /** Stated direction; null when the export does not say (then the target's comparator, else higher). */
  readonly direction: Direction | null;
  readonly target: Target;
  /** Reporting occasions; empty = not stated (assessed at every report). */
  readonly occasions: readonly Occasion[];
  /** Follow-ups (outcomes) in period order. */
  readonly measurements: readonly Measurement[];
  readonly location: SourceLocation;
}

/** A delmål / nämndmål under a regionmål / fokusområde. */
export interface Goal {
  readonly id: string;
  /** The regionmål / fokusområde it belongs to, as written ("Mål 1. Trygga uppväxtvillkor"). */
  readonly topGoal: string;
  readonly name: string;
  /** A person's assessment (prognos for the year), which wins over the rule. */
  readonly assessment: PersonAssessment | null;
  readonly analysis: string | null;
  /** The organisation unit (id or name) the delmål belongs to; null = the report owner's (goals column `unit`). */
  readonly unit?: string | null;
  readonly location: SourceLocation;
}

/** Progress of an uppdrag or åtgärd. */
export type Progress = 'done' | 'ongoing' | 'notStarted' | 'cancelled';

/** Who gave the uppdrag: fullmäktige (to the nämnd) or the nämnd (to its förvaltning); `other` keeps the text. */
export type UppdragOrigin = 'fullmaktige' | 'namnd' | 'other';

export interface Uppdrag {
  readonly id: string | null;
  readonly text: string;
  /** "Riktas till …" */
  readonly addressedTo: string | null;
  readonly origin: UppdragOrigin;
  /** The origin as written (used as the table title for `other`). */
  readonly originText: string;
  readonly progress: Progress | null;
  readonly statusText: string;
  readonly analysis: string | null;
  /** "Tertial: aug, dec" */
  readonly periodicity: string | null;
  /** ISO date (YYYY-MM-DD) or null. */
  readonly endDate: string | null;
  readonly location: SourceLocation;
}

/** An åtgärd with its timeline (tidplan) and status. */
export interface Measure {
  readonly number: string;
  readonly text: string;
  /** Målområde / regionmål the åtgärd belongs to, when the export groups them. */
  readonly area: string | null;
  /** Tidplan as written: "2023", "2023-2025", "Q1-2024", "2024-06-30". */
  readonly timeline: string | null;
  /** Last day of the timeline (ISO), when it can be read from the text. */
  readonly timelineEnd: string | null;
  readonly progress: Progress | null;
  readonly statusText: string;
  readonly comment: string | null;
  readonly location: SourceLocation;
}

/** Green / yellow / red of the project portfolio (seed 002: enligt plan / mindre avvikelse / stor avvikelse). */
export type Rag = 'green' | 'yellow' | 'red';

export interface Project {
  readonly priority: number | null;
  readonly name: string;
  readonly owner: string | null;
  readonly time: Rag | null;
  readonly resource: Rag | null;
  readonly quality: Rag | null;
  readonly comment: string | null;
  readonly location: SourceLocation;
}

/** Result of a kontrollmoment. */
export type ControlOutcome = 'met' | 'partly' | 'notMet';

export interface InternalControl {
  /** Granskningsområde / kontrollmoment. */
  readonly area: string;
  /** Berört reglemente, policy eller regler. */
  readonly regulation: string | null;
  readonly method: string | null;
  readonly result: string | null;
  readonly actions: string | null;
  readonly outcome: ControlOutcome | null;
  readonly statusText: string;
  readonly location: SourceLocation;
}

/** Everything the goal readers produce for one report. */
export interface GoalsData {
  readonly goals: readonly Goal[];
  readonly indicators: readonly Indicator[];
  readonly uppdrag: readonly Uppdrag[];
  readonly measures: readonly Measure[];
  readonly projects: readonly Project[];
  readonly internalControl: readonly InternalControl[];
}

export const EMPTY_GOALS_DATA: GoalsData = {
  goals: [],
  indicators: [],
  uppdrag: [],
  measures: [],
  projects: [],
  internalControl: [],
};
