/**
 * A zod schema of the ReportModel (model.ts), used to publish docs/report-model.schema.json and to check in tests
 * that what `--format json` writes is what the schema says. The type-level assertions at the bottom keep the two
 * definitions from drifting apart.
 */
import { z } from 'zod';
import type { ReportModel } from './model.js';

const unit = z.enum(['kr', 'tkr', 'mnkr']);
const ratio = z.object({ num: z.number().int(), den: z.number().int().positive() }).describe('Exakt kvot num/den; visas som procent (num/den × 100).');
const status = z.enum(['helt', 'delvis', 'inte', 'ingaData']);

export const cellSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('money'), ore: z.number().int().nullable().describe('Belopp i öre; null = inga data (tom cell).'), unit, decimals: z.number().int().min(0).max(2).optional().describe('Decimaler i visningen (saknas = 0).'), mark: z.string().min(1).optional().describe('Markering efter beloppet, t.ex. "(f)" för en föreslagen prognos; förklaras i tabellens noter.'), plus: z.literal(true).optional().describe('Ett belopp som visas större än noll skrivs med plustecken ("+24,7").') }),
  z.object({ kind: z.literal('percent'), ratio: ratio.nullable(), decimals: z.number().int().min(0), plus: z.literal(true).optional().describe('En andel som visas större än noll skrivs med plustecken.') }),
  z.object({ kind: z.literal('number'), value: z.number().nullable(), decimals: z.number().int().min(0) }),
  z.object({ kind: z.literal('count'), value: z.number().int().nullable() }),
  z.object({ kind: z.literal('suppressed'), note: z.string() }),
  z.object({ kind: z.literal('status'), status, label: z.string() }),
]);

const row = z.object({
  cells: z.array(cellSchema),
  emphasis: z.enum(['normal', 'section', 'subtotal', 'total']),
  level: z.number().int().min(0).optional(),
});

const column = z.object({ header: z.string(), group: z.string().optional(), align: z.enum(['left', 'right']) });

const table = z.object({
  type: z.literal('table'),
  id: z.string(),
  title: z.string(),
  columns: z.array(column),
  rows: z.array(row),
  notes: z.array(z.string()),
});

const chart = z.object({
  type: z.literal('chart'),
  id: z.string(),
  kind: z.enum(['line', 'column', 'bar']),
  title: z.string(),
  altText: z.string(),
  categories: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  unit: z.string(),
  dataTableId: z.string(),
});

const paragraph = z.object({ type: z.literal('paragraph'), text: z.string(), drafted: z.boolean() });
const narrative = z.object({ type: z.literal('narrative'), key: z.string(), required: z.boolean(), markdown: z.string().nullable() });
const block = z.discriminatedUnion('type', [paragraph, table, chart, narrative]);

interface SectionShape {
  id: string;
  number: string;
  title: string;
  level: number;
  blocks: z.infer<typeof block>[];
  sections: SectionShape[];
}

const section: z.ZodType<SectionShape> = z.lazy(() =>
  z.object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    level: z.number().int().min(1),
    blocks: z.array(block),
    sections: z.array(section),
  }),
);

export const reportModelSchema = z.object({
  version: z.literal(1),
  meta: z.object({
    title: z.string(),
    subtitle: z.string(),
    organisation: z.string(),
    unit: z.string(),
    unitId: z.string(),
    period: z.string().regex(/^\d{4}-\d{2}$/),
    kind: z.enum(['tertial1', 'tertial2', 'annual', 'monthly']),
    reportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    diarienummer: z.string().optional(),
    author: z.string().optional(),
    language: z.literal('sv-SE'),
  }),
  sections: z.array(section),
  caveats: z.array(z.string()),
});

// Drift guard: whatever the schema accepts must be the JSON document of a ReportModel (the period as its code).
type Parsed = z.infer<typeof reportModelSchema>;
type JsonDocument = Omit<ReportModel, 'meta'> & { readonly meta: Omit<ReportModel['meta'], 'period'> & { readonly period: string } };
const _toModel = (p: Parsed): JsonDocument => p;
void _toModel;
