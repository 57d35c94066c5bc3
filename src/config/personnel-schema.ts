import { z } from 'zod';
import { TARGET_MEASURES } from './layout-schema.js';
import { nearestName } from '../model/nearest.js';

/**
 * The `personnel:` section of `rapport.config.yaml`: where the Heroma-shaped HR extracts are, how their columns are
 * named, and the choices behind the personnel figures (SKR's sick-leave definitions leave some to the organisation:
 * age reference date, joining re-sickness, duration bands, the yearly norm for årsarbetare, the turnover definition).
 * Every choice is stated in the report's notes. Kept apart from `schema.ts`; hook it in as
 * `personnel: personnelConfigSchema.optional()`.
 */

const fileSource = {
  /** Path to the extract, relative to the config file. */
  file: z.string().min(1),
  format: z.enum(['auto', 'csv', 'xlsx']).default('auto'),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
  /** Sheet name for xlsx sources; required when the workbook has more than one sheet. */
  sheet: z.string().optional(),
  delimiter: z.enum(['auto', ';', ',', '\t']).default('auto'),
  /**
   * Further columns holding personal data (names, addresses) that the reader never reads but must never echo:
   * diagnostics about these columns carry no value. The identity and birth-date columns are always treated so.
   */
  personalColumns: z.array(z.string()).default(['Namn', 'Förnamn', 'Efternamn']),
};

/** The columns that say who a row is about and where they work, in both the employment and the absence extract. */
const personColumns = {
  /** Employee id (personnummer or anställningsnummer): pseudonymised on read, never kept. */
  employee: z.string().default('Personnummer'),
  gender: z.string().default('Kön'),
  /** Birth date (YYYY-MM-DD or YYYYMMDD); or set `age` to a column of ages and birthDate to "". */
  birthDate: z.string().default('Födelsedatum'),
  age: z.string().optional(),
  costCentre: z.string().default('Ansvar'),
};

const employmentColumns = z
  .object({
    ...personColumns,
    /** Month of the row (YYYYMM, YYYY-MM): the extract has one row per employment and month. */
    period: z.string().default('Period'),
    form: z.string().default('Anställningsform'),
    employmentRate: z.string().optional(),
    start: z.string().default('Anställd from'),
    end: z.string().default('Anställd tom'),
    endReason: z.string().default('Avgångsorsak'),
    /** Ordinarie arbetstid (scheduled hours) of the month. */
    scheduledHours: z.string().default('Schemalagd tid'),
    /** Worked hours of the month, including overtime/mertid and hourly-paid time. */
    workedHours: z.string().default('Arbetad tid'),
    overtimeHours: z.string().optional(),
    hourlyPaidHours: z.string().optional(),
    /** Hours worked under jour/beredskap, deducted for "arbetad tid exkl jour/beredskap". */
    onCallHours: z.string().optional(),
  })
  .strict();

const absenceColumns = z
  .object({
    ...personColumns,
    type: z.string().default('Frånvaroorsak'),
    from: z.string().default('Fr.o.m.'),
    to: z.string().default('T.o.m.'),
    /** Extent in percent (100 = whole days, 50 = half days). */
    extent: z.string().default('Omfattning %'),
    /** Scheduled hours of the interval (used with the extent when absence hours are blank). */
    scheduledHours: z.string().default('Schemalagd tid'),
    absenceHours: z.string().default('Frånvarotimmar'),
  })
  .strict();

export const employmentsSourceSchema = z
  .object({ ...fileSource, columns: employmentColumns.default(employmentColumns.parse({})) })
  .strict();

export const absenceSourceSchema = z
  .object({
    ...fileSource,
    columns: absenceColumns.default(absenceColumns.parse({})),
    /** Values of the absence-type column that are sick leave; other types are counted and skipped. */
    sickTypes: z.array(z.string().min(1)).min(1).default(['Sjuk', 'Sjukdom', 'Sjukfrånvaro']),
  })
  .strict();

export const hiredStaffSourceSchema = z
  .object({
    ...fileSource,
    columns: z
      .object({
        period: z.string().default('Period'),
        costCentre: z.string().default('Ansvar'),
        /** Either hours … */
        hours: z.string().optional(),
        /** … or a cost in kronor, turned into hours with `hourPrice`. */
        cost: z.string().optional(),
      })
      .strict()
      .default({ period: 'Period', costCentre: 'Ansvar', hours: 'Timmar' }),
    /** Kronor per hour for hired staff, when the file has costs (seed 002: "baserat på kostnad"). */
    hourPrice: z.number().positive().optional(),
  })
  .strict();

export const rehabSourceSchema = z
  .object({
    ...fileSource,
    columns: z
      .object({
        costCentre: z.string().default('Ansvar'),
        opened: z.string().default('Startdatum'),
        closed: z.string().default('Avslutsdatum'),
      })
      .strict()
      .default({ costCentre: 'Ansvar', opened: 'Startdatum', closed: 'Avslutsdatum' }),
  })
  .strict();

export const workEnvironmentSourceSchema = z
  .object({
    ...fileSource,
    columns: z
      .object({
        costCentre: z.string().default('Ansvar'),
        date: z.string().default('Datum'),
        kind: z.string().default('Typ'),
        category: z.string().optional(),
      })
      .strict()
      .default({ costCentre: 'Ansvar', date: 'Datum', kind: 'Typ' }),
    /** Values of the kind column: händelser (incidents) and risker (risk observations). */
    incidentKinds: z.array(z.string()).default(['Händelse', 'Tillbud', 'Arbetsskada', 'Olycksfall']),
    riskKinds: z.array(z.string()).default(['Risk', 'Riskobservation']),
    /**
     * Values of the category column printed as "varav …" rows, in this order, each with 0 when a period has none
     * (seed 002: "varav hot och våld", "varav stickskador"); other categories count in the totals only. Left out:
     * one row per category found, by name. Needs `columns.category`.
     */
    categories: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.categories !== undefined && spec.columns.category === undefined) {
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'categories kräver columns.category (kolumnen med avvikelsens kategori).' });
    }
  });

/** A day-number range of a sick-leave spell: from day `from` to day `to` (inclusive; null = open ended). */
const dayRange = z
  .object({
    label: z.string().min(1),
    from: z.number().int().min(1),
    to: z.number().int().min(1).nullable(),
  })
  .strict();

export type DayRange = z.infer<typeof dayRange>;

const DEFAULT_BANDS: DayRange[] = [
  { label: 'dag 1–14', from: 1, to: 14 },
  { label: 'dag 15–90', from: 15, to: 90 },
  { label: 'dag 91–365', from: 91, to: 365 },
  { label: 'dag 366–', from: 366, to: null },
];

const DEFAULT_CLASSES: DayRange[] = [
  { label: 'Korttidssjukfrånvaro', from: 1, to: 14 },
  { label: 'Medellång sjukfrånvaro', from: 15, to: 59 },
  { label: 'Långtidssjukfrånvaro', from: 60, to: null },
];

/** The ranges must start at day 1, follow each other without gaps or overlaps and end open. */
function contiguous(ranges: readonly DayRange[]): boolean {
  if (ranges.length === 0 || ranges[0]!.from !== 1) return false;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    const next = ranges[i + 1];
    if (next === undefined) return r.to === null;
    if (r.to === null || r.to < r.from || next.from !== r.to + 1) return false;
  }
  return true;
}

const ranges = (dflt: DayRange[]) =>
  z
    .array(dayRange)
    .min(1)
    .refine(contiguous, { message: 'Intervallen ska börja på dag 1, följa på varandra utan luckor och sluta öppet (to: null).' })
    .default(dflt);

/** Upper bounds of age groups, ascending: [29, 49] gives "29 år eller yngre", "30–49 år", "50 år eller äldre". */
const ageBounds = (dflt: number[]) =>
  z
    .array(z.number().int().min(15).max(80))
    .min(1)
    .refine((a) => a.every((v, i) => i === 0 || v > a[i - 1]!), { message: 'Åldersgränserna ska vara stigande.' })
    .default(dflt);

const formSchema = z
  .object({
    /** Label in the report, e.g. "Tillsvidareanställda". */
    label: z.string().min(1),
    /** Values of the form column that belong to this form. */
    codes: z.array(z.string().min(1)).min(1),
    /** Counted in "antal anställda" (monthly-paid staff); hourly-paid usually not. */
    headcount: z.boolean().default(true),
  })
  .strict();

export const personnelRulesSchema = z
  .object({
    /**
     * HR figures lag the ledger ("1 mån släp"): the August report shows personnel data to July. The December report
     * (årsredovisning) has no lag when `noLagInDecember`.
     */
    hrLag: z
      .object({ months: z.number().int().min(0).max(3).default(1), noLagInDecember: z.boolean().default(true) })
      .strict()
      .default({ months: 1, noLagInDecember: true }),
    gender: z
      .object({
        women: z.array(z.string()).default(['K', 'Kvinna', 'F']),
        men: z.array(z.string()).default(['M', 'Man']),
      })
      .strict()
      .default({ women: ['K', 'Kvinna', 'F'], men: ['M', 'Man'] }),
    /**
     * Age is taken at `yearEnd` (31 December of the measured year: the age one turns during the year) or at
     * `periodEnd` (last day of the measured period).
     */
    ageAt: z.enum(['yearEnd', 'periodEnd']).default('yearEnd'),
    sickLeave: z
      .object({
        /** SKR: långtidssjukfrånvaro = sick leave in a continuous spell of this many days or more. */
        longTermDays: z.number().int().min(1).default(60),
        /**
         * Re-sickness starting at most this many days after a spell ended continues that spell (sjuklönelagens
         * återinsjuknanderegel: five days). 0 turns joining off; adjacent days are always one spell.
         */
        rejoinWithinDays: z.number().int().min(0).max(30).default(5),
        bands: ranges(DEFAULT_BANDS),
        /** Korttid / medellång / lång. */
        classes: ranges(DEFAULT_CLASSES),
        /** Bands and classes by the day number within the spell (seed 002: "varav dag 1–14") or the spell's length. */
        bandBasis: z.enum(['dayNumber', 'spellLength']).default('dayNumber'),
        ageGroups: ageBounds([29, 49]),
        /** "Andel medarbetare som varit sjuka i totalt max N kalenderdagar" (seed 001: 5). */
        fewDays: z.number().int().min(1).default(5),
      })
      .strict()
      .default({
        longTermDays: 60, rejoinWithinDays: 5, bands: DEFAULT_BANDS, classes: DEFAULT_CLASSES,
        bandBasis: 'dayNumber', ageGroups: [29, 49], fewDays: 5,
      }),
    staff: z
      .object({
        /** Yearly norm for årsarbetare (worked hours / norm, pro rata for the months covered); stated in the report. */
        yearlyNormHours: z.number().int().min(1000).max(2200).default(1700),
        /** Forms of employment, in priority order: a person with two forms counts once, in the first. */
        forms: z.array(formSchema).min(1).default([
          { label: 'Tillsvidareanställda', codes: ['Tillsvidare', 'TV', 'Tillsvidareanställning'], headcount: true },
          { label: 'Visstidsanställda', codes: ['Visstid', 'VT', 'Vikariat', 'Allmän visstid', 'Särskild visstid'], headcount: true },
          { label: 'Timavlönade', codes: ['Timavlönad', 'Timanställd', 'TIM'], headcount: false },
        ]),
      })
      .strict()
      .default({
        yearlyNormHours: 1700,
        forms: [
          { label: 'Tillsvidareanställda', codes: ['Tillsvidare', 'TV', 'Tillsvidareanställning'], headcount: true },
          { label: 'Visstidsanställda', codes: ['Visstid', 'VT', 'Vikariat', 'Allmän visstid', 'Särskild visstid'], headcount: true },
          { label: 'Timavlönade', codes: ['Timavlönad', 'Timanställd', 'TIM'], headcount: false },
        ],
      }),
    turnover: z
      .object({
        /** Forms (labels from staff.forms) whose leavers and headcount make the turnover. */
        forms: z.array(z.string()).min(1).default(['Tillsvidareanställda']),
        /** Values of the reason-for-leaving column by component; `none` = not a leaver (e.g. change of form). */
        reasons: z
          .object({
            pension: z.array(z.string()).default(['Pension', 'Ålderspension', 'Sjukersättning']),
            internal: z.array(z.string()).default(['Intern rörlighet', 'Annan förvaltning', 'Intern']),
            external: z.array(z.string()).default(['Egen begäran', 'Uppsägning', 'Extern', 'Avsked', 'Dödsfall']),
            none: z.array(z.string()).default(['Byte av anställningsform', 'Ny anställning samma arbetsgivare']),
          })
          .strict()
          .default({
            pension: ['Pension', 'Ålderspension', 'Sjukersättning'],
            internal: ['Intern rörlighet', 'Annan förvaltning', 'Intern'],
            external: ['Egen begäran', 'Uppsägning', 'Extern', 'Avsked', 'Dödsfall'],
            none: ['Byte av anställningsform', 'Ny anställning samma arbetsgivare'],
          }),
        /** A reason not listed: count as an external leaver with a warning, or stop with an error. */
        unknownReason: z.enum(['external', 'error']).default('external'),
        ageGroups: ageBounds([29, 39, 49, 59]),
      })
      .strict()
      .default({
        forms: ['Tillsvidareanställda'],
        reasons: {
          pension: ['Pension', 'Ålderspension', 'Sjukersättning'],
          internal: ['Intern rörlighet', 'Annan förvaltning', 'Intern'],
          external: ['Egen begäran', 'Uppsägning', 'Extern', 'Avsked', 'Dödsfall'],
          none: ['Byte av anställningsform', 'Ny anställning samma arbetsgivare'],
        },
        unknownReason: 'external',
        ageGroups: [29, 39, 49, 59],
      }),
    privacy: z
      .object({
        /** Groups with this many employees or fewer are not shown ("högst tio"). */
        maxSuppressedGroupSize: z.number().int().min(1).default(10),
        /**
         * A figure where one employee accounts for at least this share (%) of the hours is attributable to that
         * person: not shown. null turns the rule off (not recommended).
         */
        dominancePercent: z.number().int().min(50).max(100).nullable().default(90),
      })
      .strict()
      .default({ maxSuppressedGroupSize: 10, dominancePercent: 90 }),
    /**
     * Målvärden in percent by personnel measure (seed 003: `personalomsattning: 11`, `sjukfranvaro: 5.2`), printed by
     * a layout column with `target: true`, with as many decimals as written here (at most two). Keys: TARGET_MEASURES.
     */
    targets: z
      .record(z.string(), z.number().min(0).max(100).refine(hasAtMostTwoDecimals, { message: 'Målvärdet får ha högst två decimaler.' }))
      .default({}),
  })
  .strict();

/**
 * Whether a number as written has at most two decimals. `v * 100` is not exact in binary (1.1 × 100 =
 * 110.00000000000001), so the test is its distance to the nearest whole number, far below what a third decimal
 * (0.001 → 0.1) would make.
 */
function hasAtMostTwoDecimals(v: number): boolean {
  return Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
}

export const personnelConfigSchema = personnelRulesSchema
  .extend({
    sources: z
      .object({
        employments: employmentsSourceSchema,
        absence: absenceSourceSchema,
        hiredStaff: hiredStaffSourceSchema.optional(),
        rehab: rehabSourceSchema.optional(),
        workEnvironment: workEnvironmentSourceSchema.optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    for (const key of Object.keys(cfg.targets)) {
      if ((TARGET_MEASURES as readonly string[]).includes(key)) continue;
      const near = nearestName(key, TARGET_MEASURES);
      ctx.addIssue({
        code: 'custom', path: ['targets', key],
        message: `Målvärde för okänt mått "${key}"${near ? ` — menade du "${near}"?` : '.'} Målvärden kan anges för ${TARGET_MEASURES.join(', ')}.`,
      });
    }
    const labels = new Set(cfg.staff.forms.map((f) => f.label));
    for (const [i, f] of cfg.turnover.forms.entries()) {
      if (!labels.has(f)) {
        ctx.addIssue({ code: 'custom', path: ['turnover', 'forms', i], message: `Anställningsformen "${f}" finns inte i staff.forms.` });
      }
    }
    const codes = new Map<string, string>();
    for (const [i, f] of cfg.staff.forms.entries()) {
      for (const c of f.codes) {
        const key = c.trim().toLowerCase();
        const prev = codes.get(key);
        if (prev !== undefined && prev !== f.label) {
          ctx.addIssue({ code: 'custom', path: ['staff', 'forms', i, 'codes'], message: `Koden "${c}" hör till både "${prev}" och "${f.label}".` });
        }
        codes.set(key, f.label);
      }
    }
    const hired = cfg.sources.hiredStaff;
    if (hired) {
      const { hours, cost } = hired.columns;
      if ((hours === undefined) === (cost === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['sources', 'hiredStaff', 'columns'], message: 'Ange antingen hours eller cost.' });
      }
      if (cost !== undefined && hired.hourPrice === undefined) {
        ctx.addIssue({ code: 'custom', path: ['sources', 'hiredStaff', 'hourPrice'], message: 'hourPrice krävs när filen har kostnader.' });
      }
    }
    const reasonSeen = new Map<string, string>();
    for (const [comp, list] of Object.entries(cfg.turnover.reasons)) {
      for (const r of list) {
        const key = r.trim().toLowerCase();
        const prev = reasonSeen.get(key);
        if (prev !== undefined && prev !== comp) {
          ctx.addIssue({ code: 'custom', path: ['turnover', 'reasons', comp], message: `Orsaken "${r}" finns under både ${prev} och ${comp}.` });
        }
        reasonSeen.set(key, comp);
      }
    }
  });

export type PersonnelRules = z.infer<typeof personnelRulesSchema>;
export type PersonnelConfig = z.infer<typeof personnelConfigSchema>;
export type EmploymentsSourceSpec = z.infer<typeof employmentsSourceSchema>;
export type AbsenceSourceSpec = z.infer<typeof absenceSourceSchema>;
export type HiredStaffSourceSpec = z.infer<typeof hiredStaffSourceSchema>;
export type RehabSourceSpec = z.infer<typeof rehabSourceSchema>;
export type WorkEnvironmentSourceSpec = z.infer<typeof workEnvironmentSourceSchema>;

/** The default rules (every choice at its default), for tests and for a config without `personnel` rules. */
export function defaultPersonnelRules(): PersonnelRules {
  return personnelRulesSchema.parse({});
}
