import { z } from 'zod';
import { amountProfile, sourceBase } from './source-fields.js';
import { goalsConfigSchema } from './goals-schema.js';
import { calendarConfigSchema } from './calendar-schema.js';
import { personnelConfigSchema } from './personnel-schema.js';
import { koladaConfigSchema } from './kolada-schema.js';

/**
 * The configuration of one organisation (`rapport.config.yaml`). Keys are English, comments in the starter file
 * and all messages Swedish. Paths are relative to the config file. `docs/config.schema.json` is generated from this
 * schema (`npm run schema`).
 */

const ledgerColumns = z
  .object({
    account: z.string().default('Konto'),
    accountName: z.string().default('Konto (T)'),
    costCentre: z.string().default('Ansvar'),
    costCentreName: z.string().default('Ansvar (T)'),
    /**
     * Single period column (YYYYMM, YYYY-MM or YYMM), default "Period" … … or year + month in two columns: naming
     * both is enough (period left out or ""). A period named here wins over year + month.
     */
    period: z.string().optional(),
    year: z.string().optional(),
    month: z.string().optional(),
    /**
     * Utfall, budget and prognos. A column named here must be in the file: a misspelt name is an error with the
     * headers found, never an empty budget column. One not named is read under Raindance's name (Utfall, Budget,
     * Prognos) when the file has it, and left out otherwise; "" says the export has no such column.
     */
    actual: z.string().optional(),
    budget: z.string().optional(),
    forecast: z.string().optional(),
  })
  .strict();

export const ledgerSourceSchema = z
  .object({
    ...sourceBase,
    /** `ledger`: debet positive (costs positive, income negative), as Raindance exports; `report`: income positive. */
    sign: z.enum(['ledger', 'report']).default('ledger'),
    columns: ledgerColumns.default(ledgerColumns.parse({})),
    /** Several lines with the same ansvar × konto × period: `error` (a saldo export has one) or `sum`. */
    duplicates: z.enum(['error', 'sum']).default('error'),
  })
  .strict();

export const organisationSourceSchema = z
  .object({
    ...sourceBase,
    columns: z
      .object({
        costCentre: z.string().default('Ansvar'),
        name: z.string().default('Ansvar (T)'),
        /** Parent levels, lowest first: e.g. [Delområde, Område]. */
        levels: z.array(z.string()).min(1),
      })
      .strict(),
  })
  .strict();

export const accountGroupsSourceSchema = z
  .object({
    ...sourceBase,
    columns: z
      .object({
        account: z.string().default('Konto'),
        accountName: z.string().default('Konto (T)'),
        reportRow: z.string().default('Rad'),
        section: z.string().default('Avsnitt'),
      })
      .strict()
      .default({ account: 'Konto', accountName: 'Konto (T)', reportRow: 'Rad', section: 'Avsnitt' }),
  })
  .strict();

export const investmentsSourceSchema = z
  .object({
    ...sourceBase,
    columns: z
      .object({
        project: z.string().default('Projekt'),
        projectName: z.string().default('Projekt (T)'),
        area: z.string().default('Investeringsområde'),
        costCentre: z.string().optional(),
        actual: z.string().default('Utfall ack'),
        forecast: z.string().default('Prognos helår'),
        budget: z.string().default('Årsbudget'),
      })
      .strict()
      .default({
        project: 'Projekt', projectName: 'Projekt (T)', area: 'Investeringsområde',
        actual: 'Utfall ack', forecast: 'Prognos helår', budget: 'Årsbudget',
      }),
  })
  .strict();

export const forecastsSourceSchema = z
  .object({
    ...sourceBase,
    sign: z.enum(['ledger', 'report']).default('report'),
    columns: z
      .object({
        occasion: z.string().default('Prognostillfälle'),
        costCentre: z.string().default('Ansvar'),
        /**
         * Either an account column or a report-row column. Neither named: the file's "Rad" (report row) or "Konto"
         * (account), whichever it has.
         */
        account: z.string().optional(),
        reportRow: z.string().optional(),
        forecast: z.string().default('Prognos'),
      })
      .strict()
      .default({ occasion: 'Prognostillfälle', costCentre: 'Ansvar', forecast: 'Prognos' }),
  })
  .strict();

/**
 * The kinds of resultaträkning section. `income` and `cost` are verksamhetens intäkter and kostnader: their sum is
 * verksamhetens nettokostnad, the net every unit's tables show. The other four are the region level's lines below
 * that net (docs/domain.md, "Resultaträkning cascade"; Region-Bas class 8): skatteintäkter (80), generella
 * statsbidrag och utjämning (82–83), finansiella intäkter (84) and finansiella kostnader (85). They never enter a
 * unit's net; they make the cascade to årets resultat (calc/region-result.ts).
 */
export const SECTION_KINDS = ['income', 'cost', 'taxes', 'grants', 'financialIncome', 'financialCosts'] as const;
export type SectionKindName = (typeof SECTION_KINDS)[number];

const section = z
  .object({
    name: z.string(),
    /** income/cost: verksamhetens intäkter/kostnader (the net is their sum); taxes, grants, financialIncome, financialCosts: below the net. */
    kind: z.enum(SECTION_KINDS),
  })
  .strict();

/** Accounts chosen by account number and/or by report row of the account grouping (every account of that row). */
const accountSelection = z
  .object({
    accounts: z.array(z.string().min(1)).default([]),
    reportRows: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** Decided transfers to and from the resultatreserv (resultatutjämningsreserv before 2024) for one year, in kronor. */
const reserveYear = z
  .object({
    toReserve: z.number().nonnegative().default(0),
    fromReserve: z.number().nonnegative().default(0),
  })
  .strict();

/**
 * The region level (calc/region-result.ts, docs/config.md "Regionnivå"): what the resultaträkning cascade, the
 * underliggande resultat and the balanskravsresultat need beyond the sections. Every account and report row named
 * must exist in the account grouping (an unknown name is an error with the nearest one).
 */
export const regionResultSchema = z
  .object({
    /** Jämförelsestörande poster: left out of underliggande resultat. */
    itemsAffectingComparability: accountSelection.default({ accounts: [], reportRows: [] }),
    /** Avskrivningar: rows/accounts of the cost sections shown on their own line of the cascade. */
    depreciation: accountSelection.default({ accounts: [], reportRows: [] }),
    /** Realisationsvinster (sale of fixed assets): deducted in the balanskravsutredning. */
    realisedGains: accountSelection.default({ accounts: [], reportRows: [] }),
    /** Orealiserade vinster och förluster i värdepapper: deducted (a loss added back) in the balanskravsutredning. */
    unrealisedSecurities: accountSelection.default({ accounts: [], reportRows: [] }),
    /** Per year ("2024"): decided transfers to/from the resultatreserv (resultatutjämningsreserv before 2024). */
    reserve: z.record(z.string().regex(/^\d{4}$/, 'ett årtal, t.ex. "2024"'), reserveYear).default({}),
  })
  .strict();

const displayUnit = z.enum(['kr', 'tkr', 'mnkr']);

/**
 * The methods a proposed helårsprognos can be made by (calc/forecast-proposals.ts). Names are checked in
 * `load-config.ts` (an unknown one is an error with the nearest name), so the schema takes any string.
 */
export const FORECAST_METHODS = ['remainingBudget', 'seasonal', 'previousForecast'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** The built-in periodisation keys; a region's own seasonal keys are named under `budget.periodisation.seasonalKeys`. */
export const BUILTIN_PERIODISATION_KEYS = ['twelfths', 'workingDays', 'previousYear'] as const;

/** A rule per ansvar (cost centre code) or per report row of the account grouping ("Rad"): name → method or key. */
const perName = z.record(z.string(), z.string().min(1));

export const forecastConfigSchema = z
  .object({
    /**
     * Propose a helårsprognos for every ansvar × report row that the forecast file has none for at the report
     * period, by `method`; `costCentres` and `reportRows` name another method for some ansvar or rows (an ansvar's
     * rule wins over a row's). Without `propose` only supplied forecasts are shown.
     */
    propose: z
      .object({
        method: z.string().min(1),
        costCentres: perName.optional(),
        reportRows: perName.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const budgetConfigSchema = z
  .object({
    /**
     * Spread each ansvar × report row's yearly budget (the sum of its budget lines of the year, whatever months
     * they are on) over the months by a key: twelfths, workingDays, previousYear (the report row's outcome per
     * month the year before, over the whole organisation) or a seasonal key named under `seasonalKeys`.
     * Without `periodisation` the ledger's monthly budget is used as exported.
     */
    periodisation: z
      .object({
        key: z.string().min(1),
        /** The region's own seasonal keys: name → twelve non-negative weights, January first (only proportions count). */
        seasonalKeys: z.record(z.string(), z.array(z.number().nonnegative()).length(12)).default({}),
        costCentres: perName.optional(),
        reportRows: perName.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    organisation: z
      .object({
        /** The region, e.g. "Region Exempel". */
        name: z.string().min(1),
        /** The nämnd/styrelse that owns the report, e.g. "Regionstyrelsen". Root of the hierarchy. */
        unit: z.string().min(1),
      })
      .strict(),
    report: z
      .object({
        title: z.string().optional(),
        diarienummer: z.string().optional(),
        author: z.string().optional(),
        /** Hierarchy levels whose nodes get their own report in a batch run (names from organisation.columns.levels, or "root"). */
        unitLevels: z.array(z.string()).default(['root']),
        /** The report layout (docs/layout.md): a bundled layout's name ("standard", the default) or a YAML file relative to this file. */
        layout: z.string().min(1).optional(),
      })
      .strict()
      .default({ unitLevels: ['root'] }),
    sources: z
      .object({
        ledger: ledgerSourceSchema,
        organisation: organisationSourceSchema,
        accountGroups: accountGroupsSourceSchema,
        investments: investmentsSourceSchema.optional(),
        forecasts: forecastsSourceSchema.optional(),
      })
      .strict(),
    /** Sections of the resultaträkning in print order; rows follow the account-group file's order. */
    sections: z.array(section).min(1).default([
      { name: 'Verksamhetens intäkter', kind: 'income' },
      { name: 'Verksamhetens kostnader', kind: 'cost' },
    ]),
    /** The region level: jämförelsestörande poster, avskrivningar and the balanskravsutredning (docs/config.md). */
    regionResult: regionResultSchema.optional(),
    units: z
      .object({
        result: displayUnit.default('tkr'),
        netCost: displayUnit.default('mnkr'),
        investments: displayUnit.default('mnkr'),
        /** Unit of the auto-drafted sentences ("52 miljoner kronor"). */
        text: displayUnit.default('mnkr'),
      })
      .strict()
      .default({ result: 'tkr', netCost: 'mnkr', investments: 'mnkr', text: 'mnkr' }),
    output: z
      .object({
        dir: z.string().default('rapporter'),
        formats: z.array(z.enum(['json', 'md', 'docx', 'xlsx', 'pdf'])).default(['json', 'md']),
        /** The organisation's own Word template (.docx/.dotx with {{…}} placeholders) for docx and pdf output. */
        template: z.string().optional(),
      })
      .strict()
      .default({ dir: 'rapporter', formats: ['json', 'md'] }),
    /** Folder of person-written narrative (Markdown), relative to the config file. */
    narrative: z.string().optional(),
    /** An organisation's own Handlebars templates overriding those in templates/. */
    templates: z.string().optional(),
    /** Goal follow-up (section 2.3): mål, indikatorer, uppdrag, åtgärder, projekt, intern kontroll. */
    goals: goalsConfigSchema.optional(),
    /** Personnel (section 2.4) from Heroma-shaped extracts; without it the section is left out. */
    personnel: personnelConfigSchema.optional(),
    /** Closing dates and the reporting year's other dates (`--period latest`, `rapport calendar`). */
    calendar: calendarConfigSchema.optional(),
    /** Proposed helårsprognoser where the forecast file has none (docs/config.md, "forecast"). */
    forecast: forecastConfigSchema.optional(),
    /** Budget periodisation keys (docs/config.md, "budget"). */
    budget: budgetConfigSchema.optional(),
    /** Key ratios beside other regions' from a downloaded Kolada file (the root report's comparison section). */
    kolada: koladaConfigSchema.optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type LedgerSourceSpec = z.infer<typeof ledgerSourceSchema>;
export type OrganisationSourceSpec = z.infer<typeof organisationSourceSchema>;
export type AccountGroupsSourceSpec = z.infer<typeof accountGroupsSourceSchema>;
export type InvestmentsSourceSpec = z.infer<typeof investmentsSourceSchema>;
export type ForecastsSourceSpec = z.infer<typeof forecastsSourceSchema>;
export type AmountProfile = z.infer<typeof amountProfile>;
export type DisplayUnit = z.infer<typeof displayUnit>;
export type ForecastConfig = z.infer<typeof forecastConfigSchema>;
export type BudgetConfig = z.infer<typeof budgetConfigSchema>;
export type RegionResultSpec = z.infer<typeof regionResultSchema>;
export type AccountSelection = z.infer<typeof accountSelection>;
