import { z } from 'zod';
import { sourceBase } from './source-fields.js';
import type { GoalRules } from '../model/goal-rules.js';

/**
 * The `goals:` section of `rapport.config.yaml`: where the goal follow-up exports are (Stratsys-style: mål,
 * indikatorer, uppdrag, åtgärder, projekt, intern kontroll), how their columns are named, and the assessment rules.
 * Kept apart from `schema.ts`; hook it in as `goals: goalsConfigSchema.optional()`.
 *
 * Each source may point at its own file or at a sheet of one workbook. A column set to "" is not read (the
 * records get no value for it); an optional column that is named but missing from the file is a warning.
 */

/** file, format, encoding, sheet, delimiter — the same as every other source. */
const fileSource = { file: sourceBase.file, format: sourceBase.format, encoding: sourceBase.encoding, sheet: sourceBase.sheet, delimiter: sourceBase.delimiter };

/** A column mapping with defaults; the `required` columns must be named, the others may be "" (not read). */
function columns<T extends Record<string, string>>(defaults: T, required: readonly (keyof T)[]) {
  const shape = Object.fromEntries(
    Object.entries(defaults).map(([k, v]) => [k, (required.includes(k) ? z.string().min(1) : z.string()).default(v)]),
  ) as { [K in keyof T]: z.ZodDefault<z.ZodString> };
  return z.object(shape).strict().default(defaults as never);
}

export const GOAL_COLUMNS = {
  /** Stable id of the delmål (indicators refer to it). */
  id: 'Delmål-id',
  /** Regionmål / fokusområde the delmål belongs to. */
  topGoal: 'Regionmål',
  name: 'Delmål',
  /** A person's assessment (prognos): "Mål kommer helt uppfyllas", "Delvis", … Wins over the rule. */
  assessment: 'Bedömning',
  analysis: 'Analys',
  /**
   * The organisation unit the delmål belongs to (its id or name in the organisation file): its report places the
   * delmål where the layout has `module: goals`. "" (the default) or an empty cell: the report owner's (the root's).
   */
  unit: '',
} as const;

export const INDICATOR_COLUMNS = {
  /** Stable id: a renamed indicator keeps its id, so a rename is flagged instead of silently dropped. */
  id: 'Indikator-id',
  goalId: 'Delmål-id',
  name: 'Indikator',
  unit: 'Enhet',
  /** "Högre är bättre" / "Lägre är bättre". */
  direction: 'Riktning',
  /** Målvärde: a number, "< 5", "> 90 %", "minst 90", "Behålla (4,7 %)", or text. */
  target: 'Målvärde',
  /** Reporting occasions: "M, D1, D2, Å" (D = both delår). */
  occasions: 'Redovisas',
  /** Period of the outcome (YYYYMM, YYYY-MM, "aug 2024"); "" when the file holds only the current outcome. */
  period: 'Period',
  outcome: 'Utfall',
  assessment: 'Bedömning',
  analysis: 'Analys',
} as const;

export const UPPDRAG_COLUMNS = {
  id: 'Id',
  text: 'Uppdrag',
  addressedTo: 'Riktas till',
  /** "Fullmäktige", "Nämnd", or another origin as written ("Nämnd till beredning folkhälsa"). */
  origin: 'Uppdrag från',
  status: 'Status',
  analysis: 'Analys',
  periodicity: 'Periodicitet',
  endDate: 'Slutdatum',
} as const;

export const MEASURE_COLUMNS = {
  number: 'Nr',
  text: 'Åtgärd',
  /** Målområde the åtgärd belongs to (groups the table); "" when the export has none. */
  area: 'Målområde',
  timeline: 'Tidplan',
  status: 'Status',
  comment: 'Kommentar',
} as const;

export const PROJECT_COLUMNS = {
  priority: 'Prio',
  name: 'Projekt',
  owner: 'Ägare/PL',
  time: 'Tid',
  resource: 'Resurs',
  quality: 'Kvalitet',
  comment: 'Kommentar',
} as const;

export const INTERNAL_CONTROL_COLUMNS = {
  area: 'Granskningsområde',
  regulation: 'Berört reglemente, policy eller regler',
  method: 'Metod för granskningen',
  result: 'Resultat av granskningen',
  actions: 'Åtgärder',
  status: 'Status',
} as const;

/** Columns a reader cannot do without; the others are read when present. */
export const REQUIRED_COLUMNS = {
  goals: ['id', 'topGoal', 'name'],
  indicators: ['id', 'goalId', 'name', 'target', 'outcome'],
  uppdrag: ['text', 'status'],
  measures: ['number', 'text', 'status'],
  projects: ['name', 'time', 'resource', 'quality'],
  internalControl: ['area'],
} as const satisfies Record<string, readonly string[]>;

const source = <T extends Record<string, string>>(cols: T, required: readonly (keyof T)[]) =>
  z.object({ ...fileSource, columns: columns(cols, required) }).strict();

export const goalsSourceSchema = source(GOAL_COLUMNS, REQUIRED_COLUMNS.goals);
export const indicatorsSourceSchema = source(INDICATOR_COLUMNS, REQUIRED_COLUMNS.indicators);
export const uppdragSourceSchema = source(UPPDRAG_COLUMNS, REQUIRED_COLUMNS.uppdrag);
export const measuresSourceSchema = source(MEASURE_COLUMNS, REQUIRED_COLUMNS.measures);
export const projectsSourceSchema = source(PROJECT_COLUMNS, REQUIRED_COLUMNS.projects);
export const internalControlSourceSchema = source(INTERNAL_CONTROL_COLUMNS, REQUIRED_COLUMNS.internalControl);

const percent = z.number().min(0).max(1000);
const month = z.number().int().min(1).max(12);

export const goalRulesSchema = z
  .object({
    /** Percent of target: at least `helt` → uppfylls helt; at least `delvis` → delvis; below → inte. */
    thresholds: z
      .object({ helt: percent.default(100), delvis: percent.default(80) })
      .strict()
      .refine((t) => t.delvis <= t.helt, { message: 'delvis får inte vara större än helt' })
      .default({ helt: 100, delvis: 80 }),
    /** How a delmål without a person's assessment is assessed from its indicators: worst | majority | average. */
    goalRule: z.enum(['worst', 'majority', 'average']).default('worst'),
    /** The report month of each occasion (M is every month). */
    occasionMonths: z
      .object({ D1: month.default(4), D2: month.default(8), Å: month.default(12) })
      .strict()
      .default({ D1: 4, D2: 8, Å: 12 }),
    /** Months an outcome may lag the report month and still count (sick leave: 1). */
    maxLagMonths: z.number().int().min(0).max(11).default(1),
    /** Direction of indicators whose export states none (and whose target has no < or >). */
    defaultDirection: z.enum(['higher', 'lower']).default('higher'),
  })
  .strict();

export const goalsConfigSchema = z
  .object({
    sources: z
      .object({
        /** The goal hierarchy: one row per delmål with its regionmål. */
        goals: goalsSourceSchema,
        /** Indicators: one row per indicator and period (or one per indicator with the current outcome). */
        indicators: indicatorsSourceSchema.optional(),
        /** The previous report's indicator export: ids are compared so a renamed or dropped indicator is flagged. */
        previousIndicators: indicatorsSourceSchema.optional(),
        uppdrag: uppdragSourceSchema.optional(),
        measures: measuresSourceSchema.optional(),
        projects: projectsSourceSchema.optional(),
        internalControl: internalControlSourceSchema.optional(),
      })
      .strict(),
    rules: goalRulesSchema.default(goalRulesSchema.parse({})),
    labels: z
      .object({
        /** Header of the top level: "Regionmål", "Fokusområde", "Målområde". */
        topGoal: z.string().min(1).default('Regionmål'),
        /** The delmål level: "Delmål", "Nämndmål". */
        goal: z.string().min(1).default('Delmål'),
        /** What the goals are decided in: "nämndplanen", "verksamhetsplanen". */
        plan: z.string().min(1).default('nämndplanen'),
      })
      .strict()
      .default({ topGoal: 'Regionmål', goal: 'Delmål', plan: 'nämndplanen' }),
    /** A final report requires an analysis for every delmål assessed this period. */
    requireAnalysis: z.boolean().default(false),
  })
  .strict();

export type GoalsConfig = z.infer<typeof goalsConfigSchema>;
export type GoalsSourceSpec = z.infer<typeof goalsSourceSchema>;
export type IndicatorsSourceSpec = z.infer<typeof indicatorsSourceSchema>;
export type UppdragSourceSpec = z.infer<typeof uppdragSourceSchema>;
export type MeasuresSourceSpec = z.infer<typeof measuresSourceSchema>;
export type ProjectsSourceSpec = z.infer<typeof projectsSourceSchema>;
export type InternalControlSourceSpec = z.infer<typeof internalControlSourceSchema>;

/** The config's rules as the calculation core takes them. */
export function goalRulesFromConfig(c: GoalsConfig): GoalRules {
  return c.rules;
}
