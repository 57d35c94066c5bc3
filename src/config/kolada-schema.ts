import { z } from 'zod';

/**
 * The `kolada:` section of `rapport.config.yaml`: a file downloaded from Kolada (RKA's open database of key ratios,
 * api.kolada.se) and what the root report compares from it — which key ratios (KPI id, Swedish label, unit) and
 * which regions (the own region, the regions to compare with, and Kolada's average "Riket"). Nothing is fetched
 * at run time: the user saves the API's answer (JSON) or a CSV and names it here. The file's shapes are in
 * docs/config.md ("Jämförelse med Kolada"); `sources/read-kolada.ts` reads them. Kept apart from `schema.ts`; hooked
 * in as `kolada: koladaConfigSchema.optional()`.
 */

/** Kolada's municipality/region ids are four digits: "0000" Riket, "0001"… the regions, "0114"… the kommuner. */
const regionId = z.string().regex(/^\d{4}$/, 'ange id med fyra siffror, t.ex. "0024" (Kolada-id, skriv det inom citattecken)');
/** Kolada's KPI ids: a letter (N: nyckeltal, U: …) and digits, e.g. N60026. */
const kpiId = z.string().regex(/^[A-Z]\d{3,6}$/, 'ange Kolada-id för nyckeltalet, t.ex. "N60026"');

export const koladaKpiSchema = z
  .object({
    id: kpiId,
    /** The key ratio's name as the report prints it (Swedish). */
    label: z.string().min(1),
    /** The unit as printed after the label: "kr/inv", "%", "antal". */
    unit: z.string().min(1),
    /** Decimals shown (the value is kept as Kolada gives it). */
    decimals: z.number().int().min(0).max(3).default(0),
  })
  .strict();

export const koladaColumnsSchema = z
  .object({
    kpi: z.string().default('kpi'),
    /** The region (or kommun) id: Kolada calls it "municipality" for both. */
    region: z.string().default('municipality'),
    period: z.string().default('period'),
    /** T (totalt), K (kvinnor), M (män). Left out ("") when the file has only totals. */
    gender: z.string().default('gender'),
    value: z.string().default('value'),
    /** Optional column with the region's name (used when `names` does not give one). */
    name: z.string().optional(),
  })
  .strict();

export const koladaConfigSchema = z
  .object({
    /** The downloaded file, relative to this file: Kolada's JSON (api v2/v3 `data`) or a CSV. */
    file: z.string().min(1),
    /** `auto`: by the file's first character (`{` or `[` is JSON) and otherwise CSV. */
    format: z.enum(['auto', 'json', 'csv']).default('auto'),
    encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
    delimiter: z.enum(['auto', ';', ',', '\t']).default('auto'),
    /** CSV only: the column names. */
    columns: koladaColumnsSchema.default({ kpi: 'kpi', region: 'municipality', period: 'period', gender: 'gender', value: 'value' }),
    /** The own region's Kolada id (the first column of the table). */
    region: regionId,
    /** The regions to compare with, in print order. */
    compare: z.array(regionId).min(1),
    /** Kolada's average for all regions ("0000", Riket), printed last; left out when the file has no value. */
    average: regionId.optional(),
    /** Region names by id (the JSON file carries none); a name here wins over a name column of a CSV. */
    names: z.record(regionId, z.string().min(1)).default({}),
    /** The year compared. Left out: per key ratio, the latest year not after the report year with a value for the own region. */
    year: z.number().int().min(1990).max(2100).optional(),
    /** Which of Kolada's values: T (totalt, the default), K (kvinnor) or M (män). */
    gender: z.enum(['T', 'K', 'M']).default('T'),
    kpis: z.array(koladaKpiSchema).min(1),
    /** The section's title in the report. */
    title: z.string().min(1).default('Jämförelse med andra regioner'),
    /** Extra notes printed under the table (after "Källa: Kolada …"). */
    notes: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type KoladaConfig = z.infer<typeof koladaConfigSchema>;
export type KoladaKpi = z.infer<typeof koladaKpiSchema>;
