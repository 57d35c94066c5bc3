/**
 * The template context: the values an organisation's Word template can print with inline placeholders
 * (`{{enhet}}`, `{{mnkr ekonomi.budgetavvikelse}}`). Built purely from the ReportModel — the report's meta data and
 * the total rows of its tables `resultat` and `investeringar` — so a figure in a template is the same figure as in the
 * report's tables. Money is in öre and percentages are exact ratios, like the model: the helpers (`expressions.ts`)
 * format them, nothing here rounds.
 *
 * The schema is the documentation: `TEMPLATE_VARIABLES` lists every variable with its kind and Swedish description,
 * and `template check` tells an author who misspells one which ones exist.
 */
import { z } from 'zod';
import { findTable, type Cell, type ReportModel, type Row, type Table } from '../../../report/model.js';
import { documentTitle } from '../report-text.js';
import { SWEDISH_MONTHS } from '../../../model/period.js';

/** What a variable holds; decides which helpers may format it. */
export type VariableKind = 'text' | 'money' | 'ratio';

const ratio = z.object({ num: z.number().int(), den: z.number().int().positive() }).strict();
const money = z.number().int().nullable();
const text = z.string().max(2000);

export const templateContextSchema = z
  .object({
    organisation: text,
    enhet: text,
    titel: text,
    undertitel: text,
    dokumenttitel: text,
    period: text,
    periodkod: text,
    rapportdatum: text,
    diarienummer: text,
    forfattare: text,
    ekonomi: z
      .object({
        nettokostnad: money,
        nettokostnadForegaendeAr: money,
        budget: money,
        budgetavvikelse: money,
        manadsavvikelse: money,
        nettokostnadsutveckling: ratio.nullable(),
        arsbudget: money,
        prognos: money,
        prognosavvikelse: money,
      })
      .strict(),
    investeringar: z
      .object({
        utfall: money,
        prognos: money,
        budget: money,
        avvikelse: money,
      })
      .strict(),
  })
  .strict();

export type TemplateContext = z.infer<typeof templateContextSchema>;

export interface VariableInfo {
  readonly kind: VariableKind;
  /** Swedish: what it is, for `template check` and the template author's guide. */
  readonly description: string;
}

/** Every variable of the context, by its path. Kept in step with the schema by a test. */
export const TEMPLATE_VARIABLES: Readonly<Record<string, VariableInfo>> = {
  organisation: { kind: 'text', description: 'Organisationens namn, t.ex. "Region Västerbotten".' },
  enhet: { kind: 'text', description: 'Enheten rapporten gäller, t.ex. "Regionstyrelsen".' },
  titel: { kind: 'text', description: 'Rapportens titel, t.ex. "Delårsrapport per augusti".' },
  undertitel: { kind: 'text', description: 'Undertiteln, t.ex. "Tertial 2 2024".' },
  dokumenttitel: { kind: 'text', description: 'Dokumentets titel, t.ex. "Delårsrapport per augusti 2024 – Regionstyrelsen".' },
  period: { kind: 'text', description: 'Perioden i ord, t.ex. "januari–augusti 2024".' },
  periodkod: { kind: 'text', description: 'Perioden som ÅÅÅÅ-MM, t.ex. "2024-08".' },
  rapportdatum: { kind: 'text', description: 'Rapportdatum (ÅÅÅÅ-MM-DD).' },
  diarienummer: { kind: 'text', description: 'Diarienumret, eller tomt.' },
  forfattare: { kind: 'text', description: 'Författaren enligt konfigurationen, annars organisationen.' },
  'ekonomi.nettokostnad': { kind: 'money', description: 'Ackumulerat utfall (netto) i år, tabell "resultat", raden Total (netto). Negativt = kostnad.' },
  'ekonomi.nettokostnadForegaendeAr': { kind: 'money', description: 'Ackumulerat utfall samma period föregående år.' },
  'ekonomi.budget': { kind: 'money', description: 'Ackumulerad (periodiserad) budget.' },
  'ekonomi.budgetavvikelse': { kind: 'money', description: 'Ackumulerad avvikelse mot budget; negativt = sämre än budget.' },
  'ekonomi.manadsavvikelse': { kind: 'money', description: 'Periodens månads avvikelse mot budget.' },
  'ekonomi.nettokostnadsutveckling': { kind: 'ratio', description: 'Förändring av nettokostnaden mot föregående år (andel).' },
  'ekonomi.arsbudget': { kind: 'money', description: 'Årsbudget (netto).' },
  'ekonomi.prognos': { kind: 'money', description: 'Helårsprognos (netto), om prognoser finns.' },
  'ekonomi.prognosavvikelse': { kind: 'money', description: 'Helårsprognosens avvikelse mot årsbudget, om prognoser finns.' },
  'investeringar.utfall': { kind: 'money', description: 'Investeringsutgifter hittills i år, tabell "investeringar", raden Totalt.' },
  'investeringar.prognos': { kind: 'money', description: 'Investeringsprognos för året.' },
  'investeringar.budget': { kind: 'money', description: 'Investeringsbudget för året.' },
  'investeringar.avvikelse': { kind: 'money', description: 'Prognosavvikelse för investeringarna (budget − prognos).' },
};

/** Paths that are groups of variables, not values ("ekonomi"). */
export const VARIABLE_GROUPS: readonly string[] = ['ekonomi', 'investeringar'];

// ---------------------------------------------------------------------------------------------------------------
// Building the context from the model

/** The last row of the given emphasis ("total"), or undefined. */
function totalRow(table: Table | undefined): Row | undefined {
  if (!table) return undefined;
  for (let i = table.rows.length - 1; i >= 0; i--) if (table.rows[i]!.emphasis === 'total') return table.rows[i];
  return undefined;
}

/**
 * The cell of the first column that matches, in a row. A column matches by its header ("Ack avvikelse"), or by its
 * group and header together ("Ackumulerat" + "Avvikelse") when the table has grouped headers.
 */
function cellBy(table: Table | undefined, row: Row | undefined, header: RegExp, grouped?: { readonly group: RegExp; readonly header: RegExp }): Cell | undefined {
  if (!table || !row) return undefined;
  const j = table.columns.findIndex((c) => header.test(c.header) || (grouped !== undefined && c.group !== undefined && grouped.group.test(c.group) && grouped.header.test(c.header)));
  return j < 0 ? undefined : row.cells[j];
}

function moneyOf(cell: Cell | undefined): number | null {
  return cell?.kind === 'money' ? cell.ore : null;
}

function ratioOf(cell: Cell | undefined): { num: number; den: number } | null {
  return cell?.kind === 'percent' && cell.ratio !== null ? { num: cell.ratio.num, den: cell.ratio.den } : null;
}

const MONTH_DEVIATION = new RegExp(`^(${SWEDISH_MONTHS.join('|')}) avvikelse$`, 'i');
const MONTH = new RegExp(`^(${SWEDISH_MONTHS.join('|')})$`, 'i');

/**
 * The context of a report. Column headers are those `build-report.ts` writes for table 3.1 (`resultat`) and table 4
 * (`investeringar`); a value whose column the report does not have (no forecasts, no investments) is null and prints
 * blank.
 */
export function buildTemplateContext(model: ReportModel): TemplateContext {
  const { meta } = model;
  const resultat = findTable(model.sections, 'resultat');
  const net = totalRow(resultat);
  const inv = findTable(model.sections, 'investeringar');
  const invTotal = totalRow(inv);
  const context: TemplateContext = {
    organisation: meta.organisation,
    enhet: meta.unit,
    titel: meta.title,
    undertitel: meta.subtitle,
    dokumenttitel: documentTitle(model),
    period: meta.period.span,
    periodkod: meta.period.code,
    rapportdatum: meta.reportDate,
    diarienummer: meta.diarienummer ?? '',
    forfattare: meta.author ?? meta.organisation,
    ekonomi: {
      nettokostnad: moneyOf(cellBy(resultat, net, /^Ack utfall innev år$/i)),
      nettokostnadForegaendeAr: moneyOf(cellBy(resultat, net, /^Ack utfall föreg år$/i)),
      budget: moneyOf(cellBy(resultat, net, /^Ack budget innev år$/i)),
      budgetavvikelse: moneyOf(cellBy(resultat, net, /^Ack avvikelse$/i, { group: /^Ackumulerat$/i, header: /^Avvikelse$/i })),
      manadsavvikelse: moneyOf(cellBy(resultat, net, MONTH_DEVIATION, { group: MONTH, header: /^Avvikelse$/i })),
      nettokostnadsutveckling: ratioOf(cellBy(resultat, net, /^Förändring utfall i %$/i)),
      arsbudget: moneyOf(cellBy(resultat, net, /^Årsbudget$/i)),
      prognos: moneyOf(cellBy(resultat, net, /^Helårsprognos$/i)),
      prognosavvikelse: moneyOf(cellBy(resultat, net, /^Prognosavvikelse$/i)),
    },
    investeringar: {
      utfall: moneyOf(cellBy(inv, invTotal, /^Utfall\b/i)),
      prognos: moneyOf(cellBy(inv, invTotal, /^Prognos\b/i)),
      budget: moneyOf(cellBy(inv, invTotal, /^Årsbudget\b/i)),
      avvikelse: moneyOf(cellBy(inv, invTotal, /^Prognosavvikelse$/i)),
    },
  };
  // The schema is the contract with template authors: a builder change that breaks it fails here, not in a template.
  return templateContextSchema.parse(context);
}
