/**
 * A zod schema of the ReportModel (model.ts), used to publish docs/report-model.schema.json and to check in tests
 * that what `--format json` writes is what the schema says. The type-level assertions at the bottom keep the two
 * definitions from drifting apart.
 */
import { z } from 'zod';
import type { ReportModel } from './model.js';
import { MEASURE_IDS } from '../config/layout-schema.js';

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

const ym = z.string().regex(/^\d{4}-\d{2}$/);
const provenanceTerm = z.object({
  sign: z.union([z.literal(1), z.literal(-1)]).describe('1 adderas, −1 dras ifrån.'),
  source: z.string().optional().describe('Källfilen som konfigurationen anger den; saknas när källan inte är konfigurerad (tom siffra).'),
  field: z.enum(['actual', 'budget', 'forecast', 'previousForecast']).describe('Utfall, budget, helårsprognos eller föregående prognos.'),
  from: ym.optional().describe('Första månaden som summeras (huvudboken).'),
  to: ym.optional().describe('Sista månaden som summeras (huvudboken).'),
  occasion: ym.optional().describe('Prognostillfället (prognoser).'),
});
const rowSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('net') }),
  z.object({ kind: z.literal('section'), section: z.string() }),
  z.object({ kind: z.literal('row'), section: z.string(), row: z.string() }),
]);
const figureProvenance = z
  .object({
    formula: z.string().optional().describe('Formelns id: ett fält i calc/economy.ts RowFigures (ackActual, ackDeviation, change …), andelAvOmsattning, andelAvNettokostnad, investment.*, kolada.value eller personnel.target (ett målvärde ur konfigurationen).'),
    measure: z.enum(MEASURE_IDS).optional().describe('Layoutens mått för kolumnen.'),
    sources: z.array(z.string()).optional().describe('Källfilerna siffran läses ur.'),
    terms: z.array(provenanceTerm).optional().describe('Termerna som summeras, med tecken (som rapport explain listar dem).'),
    unit: z.string().optional().describe('Enheten (nodens id) vars ansvar summeras.'),
    rows: rowSelection.optional().describe('Rapportraderna (kontogrupperna): netto, ett avsnitt eller en rad i ett avsnitt.'),
    goal: z.string().optional().describe('En indikatorrad: delmålets id i målexporten.'),
    indicator: z.string().optional().describe('En indikatorrad: indikatorns id i målexporten.'),
    area: z.string().optional().describe('Investeringsområdet; saknas på en investeringsrad: alla områden.'),
    proposedForecast: z.array(z.string()).optional().describe('Radens helårsprognos är föreslagen (forecast.propose) med dessa metoder; prognostermerna räknas fram, de läses inte ur prognosfilen.'),
    kpi: z.string().optional().describe('Kolada: nyckeltalets id.'),
    region: z.string().optional().describe('Kolada: regionens id.'),
    year: z.number().int().optional().describe('Kolada: året.'),
    gender: z.string().optional().describe('Kolada: T, K eller M.'),
  })
  .strict();
const tableProvenance = z
  .object({
    rows: z.array(figureProvenance.nullable()).describe('En post per rad; null: raden har inga siffror.'),
    columns: z.array(figureProvenance.nullable()).describe('En post per kolumn; null: kolumnen har inga siffror.'),
  })
  .describe('Varifrån tabellens siffror kommer: en siffras härkomst är dess kolumns post med radens post ovanpå (docs/report-model.md).');

const table = z.object({
  type: z.literal('table'),
  id: z.string(),
  title: z.string(),
  columns: z.array(column),
  rows: z.array(row),
  notes: z.array(z.string()),
  provenance: tableProvenance.optional(),
});

const chart = z.object({
  type: z.literal('chart'),
  id: z.string(),
  kind: z.enum(['line', 'column', 'bar', 'waterfall']),
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
