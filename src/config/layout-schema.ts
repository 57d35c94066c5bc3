import { z } from 'zod';

/**
 * The report layout (`report.layout` in rapport.config.yaml; bundled layouts in templates/layouts/): which
 * sections the report has, in which order, and for each table its rows, columns (measures from the catalogue), unit,
 * decimals, headings and notes. Keys are English like the configuration's; measure ids, condition names and heading
 * placeholders are Swedish names. `docs/layout.schema.json` is generated from this schema (`npm run schema`);
 * `docs/layout.md` documents it. Names the schema cannot check (measures, placeholders, report rows) are checked by
 * `layout.ts` and `rapport validate`, each with the nearest name.
 */

/**
 * The measure catalogue: every figure a table column can show. Economy rows (sections, report rows, net, child
 * units) offer all of them; investment rows the four in INVESTMENT_MEASURES. What each one is, and what data it
 * needs, is in docs/layout.md; where it is computed is named in `report/layout/measures.ts`.
 */
export const MEASURE_IDS = [
  'manadensAvvikelse',
  'ackUtfallForegaendeAr',
  'ackUtfall',
  'ackBudget',
  'ackAvvikelse',
  'forandringProcent',
  'ackAvvikelseForegaendeAr',
  'arsbudget',
  'helarsprognos',
  'prognosavvikelse',
  'foregaendePrognos',
  'prognosforandring',
  'bokslutForegaendeAr',
  'andelAvOmsattning',
  'andelAvNettokostnad',
  // Personnel (calc/personnel), for the unit's own row (`net`) and, the first three, per child unit (`children`).
  'sjukfranvaro',
  'sjukfranvaroForegaendeAr',
  'sjukfranvaroForandring',
  'sjukfranvaroKvinnor',
  'sjukfranvaroMan',
  'andelLangtidssjukfranvaro',
  'antalAnstallda',
  'arsarbetare',
  'arbetadTid',
  // Personalomsättning over rolling 12 months (calc/personnel/staff.ts calculateTurnover), the unit's own row (`net`).
  'personalomsattning',
  // Whole-unit economy measures (calc/economy.ts GrossCostRolling), on `net` and `children` rows.
  'bruttokostnaderR12',
  'bruttokostnaderR12ForegaendeAr',
  'bruttokostnadsutveckling',
  // Region level (calc/region-result.ts): deviations as % of omsättning.
  'avvikelseAvOmsattning',
  'prognosavvikelseAvOmsattning',
  // Goals (calc/goals/counts.ts), for the unit's own row (`net`) and each child unit's (`children`, any depth): the
  // delmål the goal export gives the unit or a unit below it, and their indicators, counted by status this period.
  'antalMal',
  'malHelt',
  'malDelvis',
  'malInte',
  'malIngaData',
  'andelMalHelt',
  'antalIndikatorer',
  'indikatorerHelt',
  'indikatorerDelvis',
  'indikatorerInte',
  'indikatorerEjBedomda',
  'andelIndikatorerHelt',
  // Per indicator (calc/goals/assess.ts IndicatorResult, as the goals module's indicator tables show it), on
  // `indicators` rows only.
  'indikatorMalvarde',
  'indikatorUtfall',
  'indikatorUppfyllnad',
  'indikatorStatus',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

/** The personnel measures: shown on a `net` row (the unit itself) or, those in PERSONNEL_CHILD_MEASURES, a `children` row. */
export const PERSONNEL_MEASURES: readonly MeasureId[] = [
  'sjukfranvaro', 'sjukfranvaroForegaendeAr', 'sjukfranvaroForandring', 'sjukfranvaroKvinnor', 'sjukfranvaroMan',
  'andelLangtidssjukfranvaro', 'antalAnstallda', 'arsarbetare', 'arbetadTid', 'personalomsattning',
];

/**
 * The personnel measures a målvärde can be configured for (`personnel.targets` in rapport.config.yaml): percentages
 * of the unit itself. A column with `target: true` prints the measure's målvärde instead of its figure (seed 003:
 * "Indikator | Utfall | Målvärde").
 */
export const TARGET_MEASURES: readonly MeasureId[] = ['sjukfranvaro', 'sjukfranvaroKvinnor', 'sjukfranvaroMan', 'andelLangtidssjukfranvaro', 'personalomsattning'];

/**
 * The personnel measures a child-unit row has: the sick leave of each direct child, computed with its siblings as one
 * partition of the unit's total so complementary suppression covers the table (calc/personnel/sick-leave.ts).
 */
export const PERSONNEL_CHILD_MEASURES: readonly MeasureId[] = ['sjukfranvaro', 'sjukfranvaroForegaendeAr', 'sjukfranvaroForandring'];

/**
 * Measures of a whole unit rather than of a report row (the gross cost over 12 rolling months, calc/economy.ts
 * GrossCostRolling): only on the rows `net` (the table's unit) and `children` (each child unit).
 */
export const UNIT_MEASURES: readonly MeasureId[] = ['bruttokostnaderR12', 'bruttokostnaderR12ForegaendeAr', 'bruttokostnadsutveckling'];
/**
 * The goal measures (calc/goals/counts.ts): counts of a unit's delmål and indicators by status, and the share that
 * uppfylls helt. Figures of a whole unit like UNIT_MEASURES: only on the rows `net` and `children`.
 */
export const GOAL_MEASURES: readonly MeasureId[] = [
  'antalMal', 'malHelt', 'malDelvis', 'malInte', 'malIngaData', 'andelMalHelt',
  'antalIndikatorer', 'indikatorerHelt', 'indikatorerDelvis', 'indikatorerInte', 'indikatorerEjBedomda', 'andelIndikatorerHelt',
];
/**
 * The indicator measures (report/measures.ts indicatorMeasure): one indicator's målvärde, utfall, uppfyllnad and
 * status this period, the cells of the goals module's indicator tables. Only on `indicators` rows, which take no
 * other measure (like investment rows).
 */
export const INDICATOR_MEASURES: readonly MeasureId[] = ['indikatorMalvarde', 'indikatorUtfall', 'indikatorUppfyllnad', 'indikatorStatus'];
/** The row kinds that stand for a whole unit. */
export const UNIT_ROW_KINDS: readonly string[] = ['net', 'children'];

/** The measures an investment row (område or total) has. */
export const INVESTMENT_MEASURES: readonly MeasureId[] = ['ackUtfall', 'arsbudget', 'helarsprognos', 'prognosavvikelse'];

/** Conditions a section, block, row or column can depend on (`when:` / `unless:`). */
export const CONDITIONS = ['prognos', 'foregaendePrognos', 'investeringar', 'underenheter', 'budget', 'personal', 'arsresultat', 'mal'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Drafted sentences (templates/text/NAME.hbs) a layout can place. */
export const LAYOUT_TEXTS = [
  'sammanfattning-ekonomi', 'sammanfattning-investeringar', 'resultat', 'ekonomisk-analys', 'prognos', 'investeringar', 'arets-resultat',
  'bruttokostnadsutveckling',
  // Personnel (report/personnel-section.ts): the period the figures cover, and the turnover with its parts.
  'personal-period', 'personal-personalomsattning',
] as const;

/** Drafted sentences that need the gross cost over 12 rolling months (and so the ledger's year − 2). */
export const ROLLING_TEXTS: readonly string[] = ['bruttokostnadsutveckling'];

/** Built-in charts (`ackumulerad-nettokostnad`, `nettokostnad-per-ar` and `budgetbrygga` with their own data table). */
export const LAYOUT_CHARTS = ['ackumulerad-nettokostnad', 'nettokostnad-per-ar', 'nettokostnad-per-omrade', 'investeringar-per-omrade', 'budgetbrygga'] as const;

/** Sections built whole by a module. */
export const LAYOUT_MODULES = ['goals', 'personnel', 'forecastAccuracy', 'kolada'] as const;

/**
 * The rows and columns of the personnel module's sick-leave table (year to date, `sickLeaveTable` under
 * `module: personnel`): the total, the duration bands, the share of long-term sick leave, women, men and the age
 * groups; the previous year, this year and the change in percentage points.
 */
export const SICK_LEAVE_ROWS = ['total', 'intervall', 'andelLangtid', 'kvinnor', 'man', 'aldersgrupper'] as const;
export const SICK_LEAVE_COLUMNS = ['foregaendeAr', 'innevarandeAr', 'forandring'] as const;
/** Sick-leave rows that are a list of rows (one per configured band or age group): they take `labels`, not `label`. */
export const SICK_LEAVE_LIST_ROWS: readonly string[] = ['intervall', 'aldersgrupper'];

/**
 * The rows of the personnel module's count tables that a layout can relabel (`rehabTable`, `workEnvironmentTable`
 * under `module: personnel`); the arbetsmiljö table's category rows ("varav …") take the configured category names.
 */
export const REHAB_ROWS = ['antal', 'avslutade'] as const;
export const WORK_ENVIRONMENT_ROWS = ['handelser', 'risker', 'totalt'] as const;
export type RehabRow = (typeof REHAB_ROWS)[number];
export type WorkEnvironmentRow = (typeof WORK_ENVIRONMENT_ROWS)[number];
/** The two columns of those tables: the same months of the previous year and of this year. */
export const COUNT_TABLE_COLUMNS = ['foregaendeAr', 'innevarandeAr'] as const;

/** Placeholders in titles, headings and notes. */
export const PLACEHOLDERS = ['månad', 'Månad', 'mån', 'år', 'föregåendeÅr', 'enhet', 'beloppsenhet', 'prognosmånad', 'personalmånad', 'personalår'] as const;
/** Placeholders in notes only. */
export const NOTE_PLACEHOLDERS = ['beloppsnot', 'avrundningsnot'] as const;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'bara a–z, 0–9 och bindestreck');
const decimals = z.number().int().min(0).max(2);
/** `plus`: figures above zero print with "+" ("+24,7", seed 003); `minus` (the default): only negatives carry a sign. */
const sign = z.enum(['minus', 'plus']);
/** A unit, or the unit configured in rapport.config.yaml under `units.*`. */
const unit = z.enum(['kr', 'tkr', 'mnkr', 'units.result', 'units.netCost', 'units.investments']);
const condition = z.string().describe(`Villkor: ${CONDITIONS.join(', ')}`);
const emphasis = z.enum(['normal', 'subtotal', 'total', 'section']);

/** Applies to sections, blocks, rows and columns: shown only when the condition holds (`when`) or does not (`unless`). */
const gate = {
  when: condition.optional(),
  unless: condition.optional(),
};
/** Sections and blocks: which unit levels get them ("root", a level name from the organisation file, "Ansvar"). */
const levels = { levels: z.array(z.string()).min(1).optional() };

const rowCommon = { ...gate, emphasis: emphasis.optional() };

export const layoutRowSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sections'),
    heading: z.boolean().default(true),
    /** Label of each section's total row; false leaves the totals out. */
    total: z.union([z.string(), z.literal(false)]).default('Total'),
    /** Per-section total labels by section name, overriding `total`. */
    totals: z.record(z.string(), z.string()).optional(),
    reportRows: z.boolean().default(true),
    ...rowCommon,
  }).strict(),
  z.object({
    kind: z.literal('section'),
    name: z.string().min(1),
    heading: z.boolean().default(true),
    total: z.union([z.string(), z.literal(false)]).default('Total'),
    reportRows: z.boolean().default(true),
    ...rowCommon,
  }).strict(),
  z.object({ kind: z.literal('reportRow'), name: z.string().min(1), label: z.string().optional(), ...rowCommon }).strict(),
  z.object({ kind: z.literal('net'), label: z.string().min(1), ...rowCommon }).strict(),
  z.object({ kind: z.literal('children'), depth: z.number().int().min(1).max(9).default(1), ...rowCommon }).strict(),
  /**
   * The region level's resultaträkning cascade (calc/region-result.ts): verksamhetens intäkter … årets resultat
   * (`resultatrakning`), underliggande resultat (`underliggande`), the balanskravsutredning (`balanskrav`).
   */
  z.object({
    kind: z.literal('cascade'),
    parts: z.array(z.enum(['resultatrakning', 'underliggande', 'balanskrav'])).min(1).default(['resultatrakning', 'underliggande', 'balanskrav']),
    ...rowCommon,
  }).strict(),
  /**
   * The units at one organisation level below the report's unit side by side (seed 000 "Sjukhusens ekonomi"), each
   * with its verksamhetens nettokostnad figures, and a sum row (`total`, false leaves it out).
   */
  z.object({
    kind: z.literal('units'),
    /** An organisation level by name ("Förvaltning"), or, without it, `depth` levels below the report's unit. */
    level: z.string().min(1).optional(),
    depth: z.number().int().min(1).max(9).default(1),
    total: z.union([z.string().min(1), z.literal(false)]).default('Summa'),
    ...rowCommon,
  }).strict(),
  z.object({ kind: z.literal('investmentAreas'), ...rowCommon }).strict(),
  /**
   * One row per indicator of the unit's delmål (the goal export's delmål of the unit and the units below it, as the
   * goal measures count them), labelled with the indicator's name; each delmål a section row above its indicators
   * (`heading`, false leaves them out).
   */
  z.object({ kind: z.literal('indicators'), heading: z.boolean().default(true), ...rowCommon }).strict(),
  z.object({ kind: z.literal('investmentTotal'), label: z.string().min(1), ...rowCommon }).strict(),
]);

export const layoutColumnSchema = z
  .object({
    measure: z.string().describe(`Mått ur måttkatalogen (docs/layout.md): ${MEASURE_IDS.join(', ')}`),
    heading: z.string().optional(),
    unit: unit.optional(),
    decimals: decimals.optional(),
    sign: sign.optional(),
    /** Print the measure's målvärde (`personnel.targets`) instead of its figure; TARGET_MEASURES only. */
    target: z.boolean().optional(),
    ...gate,
  })
  .strict();

export const layoutTableSchema = z
  .object({
    id,
    title: z.string().min(1),
    unit: unit.default('units.result'),
    decimals: decimals.default(0),
    percentDecimals: decimals.default(1),
    /** The sign of every amount and percent column that sets none (default minus). */
    sign: sign.optional(),
    labelHeading: z.string().default(''),
    columns: z.array(layoutColumnSchema).min(1),
    rows: z.array(layoutRowSchema).min(1),
    notes: z.array(z.string()).default([]),
  })
  .strict();

export const layoutBlockSchema = z.union([
  z.object({ text: z.string().describe(`Formulerad text: ${LAYOUT_TEXTS.join(', ')}`), ...gate, ...levels }).strict(),
  z.object({ narrative: z.string(), ...gate, ...levels }).strict(),
  z.object({ chart: z.string().describe(`Diagram: ${LAYOUT_CHARTS.join(', ')}`), ...gate, ...levels }).strict(),
  z.object({ table: layoutTableSchema, ...gate, ...levels }).strict(),
]);

export interface LayoutSectionInput {
  id: string;
  title: string;
  when?: string | undefined;
  unless?: string | undefined;
  levels?: string[] | undefined;
  blocks?: z.input<typeof layoutBlockSchema>[] | undefined;
  sections?: (LayoutSectionInput | z.input<typeof moduleSection>)[] | undefined;
}

/**
 * personnel only: the sick-leave table (year to date) in a region's own shape — which rows in which order with which
 * labels, which columns with which headings, its title and the heading of its label column. Plain text, no
 * placeholders. Left out, the table is the standard one.
 */
const sickLeaveTableSchema = z
  .object({
    title: z.string().min(1).optional(),
    labelHeading: z.string().optional(),
    columns: z
      .array(
        z.object({
          column: z.string().describe(`Kolumn: ${SICK_LEAVE_COLUMNS.join(', ')}`),
          heading: z.string().min(1).optional(),
        }).strict(),
      )
      .min(1)
      .optional(),
    rows: z
      .array(
        z.object({
          row: z.string().describe(`Rad: ${SICK_LEAVE_ROWS.join(', ')}`),
          /** The row's label (single rows). */
          label: z.string().min(1).optional(),
          /** One label per band or age group (`intervall`, `aldersgrupper`). */
          labels: z.array(z.string().min(1)).min(1).optional(),
          /**
           * With `labels`: the limits the labels are written for, checked against the configuration — the bands' last
           * days (`personnel.sickLeave.bands`, the open last band has none: [14, 90, 365]) or the age groups' upper
           * bounds (`personnel.sickLeave.ageGroups`: [29, 49]). Labels are text, so without this a region with other
           * limits would print its figures under another region's limits.
           */
          bounds: z.array(z.number().int().min(1)).min(1).optional(),
        }).strict(),
      )
      .min(1)
      .optional(),
  })
  .strict();

/**
 * personnel only: the rehab or arbetsmiljö table in a region's own words — its title, the heading of its label
 * column, the headings of its two columns (`foregaendeAr`, `innevarandeAr`; default the months, "jan–jul 2023") and
 * row labels by row id. Plain text, no placeholders.
 */
const countTableSchema = z
  .object({
    title: z.string().min(1).optional(),
    labelHeading: z.string().optional(),
    headings: z.record(z.string().describe(`Kolumn: ${COUNT_TABLE_COLUMNS.join(', ')}`), z.string().min(1)).optional(),
    labels: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict();

const moduleSection = z
  .object({
    module: z.string().describe(`Avsnitt som en modul bygger: ${LAYOUT_MODULES.join(', ')}`),
    /** personnel only: decimals of the sick-leave percentages in its tables (default 2). */
    sickLeaveDecimals: decimals.optional(),
    sickLeaveTable: sickLeaveTableSchema.optional(),
    rehabTable: countTableSchema.describe(`Rader: ${REHAB_ROWS.join(', ')}`).optional(),
    workEnvironmentTable: countTableSchema.describe(`Rader: ${WORK_ENVIRONMENT_ROWS.join(', ')}`).optional(),
    ...gate,
    ...levels,
  })
  .strict();

export const layoutSectionSchema: z.ZodType<LayoutSection, LayoutSectionInput> = z.lazy(() =>
  z
    .object({
      id,
      title: z.string().min(1),
      ...gate,
      ...levels,
      blocks: z.array(layoutBlockSchema).default([]),
      sections: z.array(z.union([moduleSection, layoutSectionSchema])).default([]),
    })
    .strict(),
);

export const layoutSchema = z
  .object({
    version: z.literal(1),
    sections: z.array(z.union([moduleSection, layoutSectionSchema])).min(1),
  })
  .strict();

export type LayoutRow = z.infer<typeof layoutRowSchema>;
export type LayoutColumn = z.infer<typeof layoutColumnSchema>;
export type LayoutTable = z.infer<typeof layoutTableSchema>;
export type LayoutBlock = z.infer<typeof layoutBlockSchema>;
export type LayoutModuleSection = z.infer<typeof moduleSection>;
export type SickLeaveTableLayout = z.infer<typeof sickLeaveTableSchema>;
export type CountTableLayout = z.infer<typeof countTableSchema>;
export interface LayoutSection {
  id: string;
  title: string;
  when?: string | undefined;
  unless?: string | undefined;
  levels?: string[] | undefined;
  blocks: LayoutBlock[];
  sections: (LayoutSection | LayoutModuleSection)[];
}
export type Layout = z.infer<typeof layoutSchema>;
export type LayoutUnit = z.infer<typeof unit>;
