/**
 * Results → ReportModel, purely. Decides what the report contains and in which order (seed 001's structure:
 * 1 Sammanfattning · 2 Förvaltningsberättelse · 3 Driftredovisning · 4 Investeringsredovisning), which columns a
 * table has and what each cell holds. Formatting is left to the renderers; drafted sentences come from the text
 * templates (`texts.ts`).
 */
import { ore, type MaybeOre } from '../model/ore.js';
import { reportPeriod } from './period.js';
import { monthName, monthAbbrev, reportKindFor, type Period, lastDayOfPeriod } from '../model/period.js';
import type { EconomyResult, RowFigures } from '../calc/economy.js';
import type { InvestmentResult } from '../calc/investments.js';
import type { OrgNode } from '../calc/hierarchy.js';
import {
  REPORT_MODEL_VERSION, type Block, type Cell, type Chart, type Column, type DisplayUnit, type ReportMeta,
  type ReportModel, type Row, type Section, type Table,
} from './model.js';
import type { TextTemplates } from './texts.js';

/** Measures that table 3.1 can show (the union of seed 001 table 3.1 and seed 002's nine-column resultaträkning). */
export const RESULT_MEASURES = [
  'monthDeviation', 'prevAckActual', 'ackActual', 'ackBudget', 'ackDeviation', 'change', 'ackDeviationPrevYear',
  'annualBudget', 'forecast', 'forecastDeviation', 'prevYearActual',
] as const;
export type ResultMeasure = (typeof RESULT_MEASURES)[number];

/** Seed 001 table 3.1, plus the forecast columns when forecasts exist. */
export const DEFAULT_RESULT_MEASURES: readonly ResultMeasure[] = [
  'monthDeviation', 'prevAckActual', 'ackActual', 'ackBudget', 'ackDeviation', 'change', 'annualBudget', 'forecast', 'forecastDeviation',
];

export interface BuildOptions {
  readonly period: Period;
  readonly organisation: string;
  readonly node: OrgNode;
  /** The report owner's name for a root report ("Regionstyrelsen"), else the node's name. */
  readonly unitName: string;
  readonly title?: string;
  readonly diarienummer?: string;
  readonly author?: string;
  readonly units: { readonly result: DisplayUnit; readonly netCost: DisplayUnit; readonly investments: DisplayUnit };
  readonly resultMeasures?: readonly ResultMeasure[];
  readonly texts: TextTemplates;
  /** Narrative Markdown by key (see NARRATIVE_KEYS); missing keys are shown as missing. */
  readonly narratives: ReadonlyMap<string, string>;
  /** Sections built by other parts (goals 2.3, personnel 2.4), inserted in the förvaltningsberättelse. */
  readonly goalsSection?: Section;
  readonly personnelSection?: Section;
  /** Data caveats the report reader must see (e.g. warnings that changed nothing but matter). */
  readonly caveats?: readonly string[];
}

export interface EconomyInput {
  readonly result: EconomyResult;
  /** The node's children with their own results, each with its children (table 3.2 shows two levels). */
  readonly children: readonly { readonly node: OrgNode; readonly result: EconomyResult; readonly children: readonly { readonly node: OrgNode; readonly result: EconomyResult }[] }[];
  readonly investments: InvestmentResult | null;
}

/** Narrative sections people write, by key, and whether a final report requires them. */
export const NARRATIVE_KEYS = {
  sammanfattning: { title: 'Sammanfattning', required: false },
  'perioden-som-gatt': { title: 'Perioden som gått', required: true },
  'handelser-av-vasentlig-betydelse': { title: 'Händelser av väsentlig betydelse', required: true },
  'forvantad-utveckling': { title: 'Förväntad utveckling', required: true },
  'ekonomisk-analys': { title: 'Ekonomisk analys', required: true },
  prognos: { title: 'Prognos', required: false },
  investeringar: { title: 'Investeringsredovisning', required: false },
} as const;
export type NarrativeKey = keyof typeof NARRATIVE_KEYS;

const MEASURE_HEADER: Record<ResultMeasure, (p: Period) => string> = {
  monthDeviation: (p) => `${capitalise(monthName(p.month))} avvikelse`,
  prevAckActual: () => 'Ack utfall föreg år',
  ackActual: () => 'Ack utfall innev år',
  ackBudget: () => 'Ack budget innev år',
  ackDeviation: () => 'Ack avvikelse',
  change: () => 'Förändring utfall i %',
  ackDeviationPrevYear: () => 'Ack avvikelse mot föreg år',
  annualBudget: () => 'Årsbudget',
  forecast: () => 'Helårsprognos',
  forecastDeviation: () => 'Prognosavvikelse',
  prevYearActual: () => 'Bokslut föreg år',
};

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Swedish genitive: "Regionstyrelsen" → "Regionstyrelsens"; names ending in s, x or z take no extra s. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

function money(o: MaybeOre, unit: DisplayUnit): Cell {
  return { kind: 'money', ore: o, unit };
}

function text(t: string): Cell {
  return { kind: 'text', text: t };
}

function measureCell(f: RowFigures, m: ResultMeasure, unit: DisplayUnit): Cell {
  if (m === 'change') return { kind: 'percent', ratio: f.change, decimals: 1 };
  return money(f[m], unit);
}

const ROUNDING_NOTE = 'Varje belopp är avrundat för sig; summor kan därför avvika med ±1 från summan av de avrundade raderna.';

function unitNote(unit: DisplayUnit): string {
  return unit === 'kr' ? 'Belopp i kronor.' : unit === 'tkr' ? 'Belopp i tusental kronor (tkr).' : 'Belopp i miljoner kronor (mnkr).';
}

const SIGN_NOTE = 'Intäkter och överskott visas med positivt tecken, kostnader med negativt; en positiv avvikelse är bättre än budget.';

/** True when any measure of the row has data (this year, last year, budget or forecast). */
export function hasData(f: RowFigures): boolean {
  return f.ackActual !== null || f.prevYearActual !== null || f.annualBudget !== null || f.forecast !== null || f.previousForecast !== null;
}

/** Table 3.1 Ekonomiskt resultat: rows per report row, grouped by section, with section totals and the net. */
export function buildResultTable(r: EconomyResult, period: Period, unit: DisplayUnit, measures: readonly ResultMeasure[]): Table {
  const columns: Column[] = [
    { header: 'Gruppering', align: 'left' },
    ...measures.map((m): Column => ({ header: MEASURE_HEADER[m](period), align: 'right' })),
  ];
  const rows: Row[] = [];
  const blanks = measures.map(() => text(''));
  for (const s of r.sections) {
    rows.push({ cells: [text(s.name), ...blanks], emphasis: 'section' });
    for (const row of s.rows) {
      // A row with no data at all for this unit (an account group it never uses) is left out, not printed blank.
      if (!hasData(row.figures)) continue;
      rows.push({ cells: [text(row.name), ...measures.map((m) => measureCell(row.figures, m, unit))], emphasis: 'normal', level: 1 });
    }
    rows.push({ cells: [text('Total'), ...measures.map((m) => measureCell(s.total, m, unit))], emphasis: 'subtotal' });
  }
  rows.push({ cells: [text('Total (netto)'), ...measures.map((m) => measureCell(r.net, m, unit))], emphasis: 'total' });
  return {
    type: 'table',
    id: 'resultat',
    title: `Ekonomiskt resultat per ${monthName(period.month)} ${period.year}`,
    columns,
    rows,
    notes: [unitNote(unit), SIGN_NOTE, ROUNDING_NOTE, 'Tom cell: inga underliggande data.'],
  };
}

/** Table 3.2 Nettokostnad per verksamhetsområde: each child as a subtotal row followed by its own children. */
export function buildNetCostTable(input: EconomyInput, period: Period, unit: DisplayUnit, withForecast: boolean): Table {
  const mon = monthAbbrev(period.month);
  const columns: Column[] = [
    { header: `Belopp i ${unit === 'mnkr' ? 'miljoner kronor' : unit === 'tkr' ? 'tusental kronor' : 'kronor'}`, align: 'left' },
    { header: `Utfall ${mon} ${period.year - 1}`, align: 'right' },
    { header: `Utfall ${mon} ${period.year}`, align: 'right' },
    { header: 'Nettokostnadsutv. %', align: 'right' },
    { header: 'Budgetavvikelse', align: 'right' },
    { header: 'Årsbudget', align: 'right' },
    ...(withForecast ? [{ header: 'Prognos', align: 'right' } as Column, { header: 'Prognosavvikelse', align: 'right' } as Column] : []),
  ];
  const cells = (name: string, f: RowFigures): Cell[] => [
    text(name),
    money(f.prevAckActual, unit),
    money(f.ackActual, unit),
    { kind: 'percent', ratio: f.change, decimals: 1 },
    money(f.ackDeviation, unit),
    money(f.annualBudget, unit),
    ...(withForecast ? [money(f.forecast, unit), money(f.forecastDeviation, unit)] : []),
  ];
  const rows: Row[] = [];
  for (const c of input.children) {
    const hasKids = c.children.length > 0;
    rows.push({ cells: cells(c.node.name, c.result.net), emphasis: hasKids ? 'subtotal' : 'normal' });
    for (const g of c.children) rows.push({ cells: cells(g.node.name, g.result.net), emphasis: 'normal', level: 1 });
  }
  rows.push({ cells: cells('Verksamhetens nettokostnader', input.result.net), emphasis: 'total' });
  return {
    type: 'table',
    id: 'nettokostnad',
    title: `Nettokostnad per verksamhetsområde per ${monthName(period.month)} ${period.year}`,
    columns,
    rows,
    notes: [unitNote(unit), 'Nettokostnadsutveckling = ackumulerad nettokostnad jämfört med samma månader föregående år.', ROUNDING_NOTE],
  };
}

/** Table 3.3 Prognos per verksamhetsområde: årsbudget, helårsprognos, prognosavvikelse, and the change since the previous forecast. */
export function buildForecastTable(input: EconomyInput, period: Period, unit: DisplayUnit): Table {
  const r = input.result;
  const prev = r.previousForecastOccasion;
  const prevLabel = prev === null ? null : monthName(prev % 100);
  const columns: Column[] = [
    { header: 'Verksamhetsområde', align: 'left' },
    { header: `Årsbudget ${period.year}`, align: 'right' },
    { header: `Helårsprognos ${period.year}`, align: 'right' },
    { header: 'Prognosavvikelse', align: 'right' },
    ...(prevLabel ? [{ header: `Prognos per ${prevLabel}`, align: 'right' } as Column, { header: 'Prognosförändring', align: 'right' } as Column] : []),
  ];
  const cells = (name: string, f: RowFigures): Cell[] => [
    text(name), money(f.annualBudget, unit), money(f.forecast, unit), money(f.forecastDeviation, unit),
    ...(prevLabel ? [money(f.previousForecast, unit), money(f.forecastChange, unit)] : []),
  ];
  const rows: Row[] = input.children.map((c) => ({ cells: cells(c.node.name, c.result.net), emphasis: 'normal' as const }));
  rows.push({ cells: cells('Verksamhetens nettokostnader', r.net), emphasis: 'total' });
  return {
    type: 'table',
    id: 'prognos',
    title: `Helårsprognos ${period.year} för verksamhetens nettokostnader`,
    columns,
    rows,
    notes: [unitNote(unit), 'Prognosavvikelse = helårsprognos − årsbudget; negativt tal betyder underskott mot budget.', ROUNDING_NOTE],
  };
}

/** Table 4 Investeringar: per investeringsområde and in total. */
export function buildInvestmentTable(inv: InvestmentResult, period: Period, unit: DisplayUnit): Table {
  const mon = monthAbbrev(period.month);
  const y = period.year;
  const cells = (name: string, f: InvestmentResult['total']): Cell[] => [
    text(name), money(f.actual, unit), money(f.forecast, unit), money(f.budget, unit), money(f.forecastDeviation, unit),
  ];
  return {
    type: 'table',
    id: 'investeringar',
    title: `Investeringar ${y}`,
    columns: [
      { header: 'Investeringsområde', align: 'left' },
      { header: `Utfall ack ${mon} ${y}`, align: 'right' },
      { header: `Prognos ${y}`, align: 'right' },
      { header: `Årsbudget ${y}`, align: 'right' },
      { header: 'Prognosavvikelse', align: 'right' },
    ],
    rows: [
      ...inv.areas.map((a): Row => ({ cells: cells(a.area, a.figures), emphasis: 'normal' })),
      { cells: cells('Totalt', inv.total), emphasis: 'total' },
    ],
    notes: [unitNote(unit), 'Årsbudget inklusive överförda medel från tidigare år. Prognosavvikelse = årsbudget − prognos.', ROUNDING_NOTE],
  };
}

/** Chart values are plain numbers in the chart's unit (display data; the exact figures are in the data table). */
function scaled(o: MaybeOre, unit: DisplayUnit): number | null {
  if (o === null) return null;
  const div = unit === 'mnkr' ? 1e8 : unit === 'tkr' ? 1e5 : 100;
  return Math.round((o / div) * 10) / 10;
}

/** Picks mnkr for large amounts and tkr for small ones so a small unit's chart is not a row of zeros. */
function chartUnit(values: readonly MaybeOre[]): DisplayUnit {
  const max = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  return max >= 100 * 1e8 ? 'mnkr' : 'tkr';
}

function negate(o: MaybeOre): MaybeOre {
  return o === null ? null : ore(-o);
}

/** Running totals of a monthly series; null from the first month without data on. */
function cumulative(values: readonly MaybeOre[]): MaybeOre[] {
  let acc: MaybeOre = null;
  let ended = false;
  return values.map((v) => {
    if (v === null || ended) {
      if (v === null) ended = true;
      return null;
    }
    acc = ore((acc ?? 0) + v);
    return acc;
  });
}

/** Chart + data table: accumulated net cost per month this year against budget and last year. */
function buildMonthlyChart(r: EconomyResult, period: Period): Block[] {
  const actual = cumulative(r.monthly.map((m) => negate(m.actual)));
  const budget = cumulative(r.monthly.map((m) => negate(m.budget)));
  const prev = cumulative(r.monthly.map((m) => negate(m.prevActual)));
  const unit = chartUnit([...actual, ...budget, ...prev]);
  const categories = r.monthly.map((m) => monthAbbrev(m.month));
  const y = period.year;
  const table: Table = {
    type: 'table',
    id: 'diagram-ackumulerad-nettokostnad',
    title: `Ackumulerad nettokostnad per månad ${y}, data till diagrammet`,
    columns: [
      { header: 'Månad', align: 'left' },
      { header: `Utfall ${y}`, align: 'right' },
      { header: `Budget ${y}`, align: 'right' },
      { header: `Utfall ${y - 1}`, align: 'right' },
    ],
    rows: r.monthly.map((m, i): Row => ({
      cells: [text(capitalise(monthName(m.month))), money(actual[i]!, unit), money(budget[i]!, unit), money(prev[i]!, unit)],
      emphasis: 'normal',
    })),
    notes: [`${unitNote(unit)} Nettokostnad visas som positivt belopp.`],
  };
  const last = actual[period.month - 1] ?? null;
  const lastBudget = budget[period.month - 1] ?? null;
  const relation = last === null || lastBudget === null ? '' : last > lastBudget ? ' Utfallet ligger över budget.' : last < lastBudget ? ' Utfallet ligger under budget.' : ' Utfallet är i nivå med budget.';
  const chart: Chart = {
    type: 'chart',
    id: 'ackumulerad-nettokostnad',
    kind: 'line',
    title: `Ackumulerad nettokostnad ${y} jämfört med budget och ${y - 1}`,
    altText: `Linjediagram över ackumulerad nettokostnad per månad ${y} i ${unit}, jämfört med periodiserad budget och utfallet ${y - 1}.${relation} Data finns i tabellen under diagrammet.`,
    categories,
    series: [
      { name: `Utfall ${y}`, values: actual.map((v) => scaled(v, unit)) },
      { name: `Budget ${y}`, values: budget.map((v) => scaled(v, unit)) },
      { name: `Utfall ${y - 1}`, values: prev.map((v) => scaled(v, unit)) },
    ],
    unit,
    dataTableId: table.id,
  };
  return [chart, table];
}

function buildNetCostChart(input: EconomyInput, period: Period, unit: DisplayUnit): Block[] {
  const y = period.year;
  const chart: Chart = {
    type: 'chart',
    id: 'nettokostnad-per-omrade',
    kind: 'column',
    title: `Nettokostnad per verksamhetsområde, ackumulerat per ${monthName(period.month)}`,
    altText: `Stapeldiagram över nettokostnaden per verksamhetsområde ${y - 1} och ${y}, januari–${monthName(period.month)}, i ${unit}, visad som positivt belopp. Data finns i tabellen ovan.`,
    categories: input.children.map((c) => c.node.name),
    series: [
      { name: `Utfall ${y - 1}`, values: input.children.map((c) => scaled(negate(c.result.net.prevAckActual), unit)) },
      { name: `Utfall ${y}`, values: input.children.map((c) => scaled(negate(c.result.net.ackActual), unit)) },
    ],
    unit,
    dataTableId: 'nettokostnad',
  };
  return [chart];
}

/**
 * Chart + data table: the net cost over the years — last year's outcome (bokslut), this year's budget and, where
 * there is one, this year's forecast — with this year's accumulated outcome for scale.
 */
function buildYearlyChart(r: EconomyResult, period: Period): Block[] {
  const y = period.year;
  const f = r.net;
  const points: { label: string; value: MaybeOre }[] = [
    { label: `Utfall ${y - 1}`, value: negate(f.prevYearActual) },
    { label: `Budget ${y}`, value: negate(f.annualBudget) },
    ...(f.forecast !== null ? [{ label: `Prognos ${y}`, value: negate(f.forecast) }] : []),
    { label: `Utfall jan–${monthAbbrev(period.month)} ${y}`, value: negate(f.ackActual) },
  ];
  const unit = chartUnit(points.map((p) => p.value));
  const table: Table = {
    type: 'table',
    id: 'diagram-nettokostnad-per-ar',
    title: `Nettokostnad ${y - 1}–${y}, data till diagrammet`,
    columns: [{ header: 'Avser', align: 'left' }, { header: 'Nettokostnad', align: 'right' }],
    rows: points.map((p): Row => ({ cells: [text(p.label), money(p.value, unit)], emphasis: 'normal' })),
    notes: [`${unitNote(unit)} Nettokostnad visas som positivt belopp.`],
  };
  const chart: Chart = {
    type: 'chart',
    id: 'nettokostnad-per-ar',
    kind: 'column',
    // The title says which bars are whole years and which is the year so far, so the shorter bar is not misread.
    title: `Nettokostnadens utveckling ${y - 1}–${y}: helårsutfall ${y - 1}, budget${f.forecast !== null ? ' och prognos' : ''} för ${y} samt utfall januari–${monthName(period.month)} ${y}`,
    altText: `Stapeldiagram i ${unit} över nettokostnaden: utfallet ${y - 1}, budgeten ${y}${f.forecast !== null ? `, helårsprognosen ${y}` : ''} och utfallet januari–${monthName(period.month)} ${y}. Data finns i tabellen under diagrammet.`,
    categories: points.map((p) => p.label),
    series: [{ name: 'Nettokostnad', values: points.map((p) => scaled(p.value, unit)) }],
    unit,
    dataTableId: table.id,
  };
  return [chart, table];
}

function buildInvestmentChart(inv: InvestmentResult, period: Period, unit: DisplayUnit): Chart {
  const y = period.year;
  return {
    type: 'chart',
    id: 'investeringar-per-omrade',
    kind: 'column',
    title: `Investeringar ${y} per investeringsområde`,
    altText: `Stapeldiagram över investeringar per investeringsområde ${y} i ${unit}: utfall till och med ${monthName(period.month)}, helårsprognos och årsbudget. Data finns i tabellen ovan.`,
    categories: inv.areas.map((a) => a.area),
    series: [
      { name: `Utfall ack ${monthAbbrev(period.month)}`, values: inv.areas.map((a) => scaled(a.figures.actual, unit)) },
      { name: 'Prognos', values: inv.areas.map((a) => scaled(a.figures.forecast, unit)) },
      { name: 'Årsbudget', values: inv.areas.map((a) => scaled(a.figures.budget, unit)) },
    ],
    unit,
    dataTableId: 'investeringar',
  };
}

function narrative(key: NarrativeKey, narratives: ReadonlyMap<string, string>): Block {
  return { type: 'narrative', key, required: NARRATIVE_KEYS[key].required, markdown: narratives.get(key) ?? null };
}

function paragraph(t: string): Block {
  return { type: 'paragraph', text: t, drafted: true };
}

/** "efter andra tertialet", "efter första tertialet", "för helåret", else "efter augusti". */
export function afterPeriodPhrase(p: Period): string {
  switch (reportKindFor(p)) {
    case 'tertial1': return 'efter första tertialet';
    case 'tertial2': return 'efter andra tertialet';
    case 'annual': return 'för helåret';
    default: return `efter ${monthName(p.month)}`;
  }
}

export function reportTitles(p: Period): { title: string; subtitle: string } {
  switch (reportKindFor(p)) {
    case 'tertial1': return { title: 'Delårsrapport per april', subtitle: `Tertial 1 ${p.year}` };
    case 'tertial2': return { title: 'Delårsrapport per augusti', subtitle: `Tertial 2 ${p.year}` };
    case 'annual': return { title: `Verksamhetsberättelse ${p.year}`, subtitle: `Årsredovisning ${p.year}` };
    default: return { title: `Månadsrapport per ${monthName(p.month)}`, subtitle: `${capitalise(monthName(p.month))} ${p.year}` };
  }
}

/** Gives a section tree its heading numbers: "3", "3.1", … */
export function numberSections(sections: readonly Section[], prefix = '', level = 1): Section[] {
  return sections.map((s, i) => {
    const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
    return { ...s, number, level, sections: numberSections(s.sections, number, level + 1) };
  });
}

function section(id: string, title: string, blocks: Block[], sections: Section[] = []): Section {
  return { id, number: '', title, level: 1, blocks, sections };
}

/** The whole report for one node. */
export function buildReport(input: EconomyInput, o: BuildOptions): ReportModel {
  const { period } = o;
  const r = input.result;
  const hasForecast = r.net.forecast !== null;
  const unitText = o.unitName;
  const month = monthName(period.month);
  const inv = input.investments;
  const invHasForecast = inv !== null && inv.total.forecast !== null;
  // No budget in the ledger: the sentences say so instead of a deviation (the core leaves every deviation blank).
  const harBudget = r.net.ackDeviation !== null || r.net.forecastDeviation !== null;

  // 1 Sammanfattning
  const summary: Block[] = [
    paragraph(o.texts['sammanfattning-ekonomi']({
      enhet: unitText,
      efterPerioden: afterPeriodPhrase(period),
      avvikelse: r.net.ackDeviation ?? 0,
      harBudget,
      nettoUtfall: r.net.ackActual ?? 0,
      utveckling: r.net.change,
      harPrognos: hasForecast,
      prognosavvikelse: r.net.forecastDeviation ?? 0,
    })),
  ];
  if (inv) {
    summary.push(paragraph(o.texts['sammanfattning-investeringar']({
      manad: month,
      utfall: inv.total.actual ?? 0,
      harPrognos: invHasForecast,
      prognos: inv.total.forecast ?? 0,
      avvikelse: inv.total.forecastDeviation ?? 0,
    })));
  }
  summary.push(narrative('sammanfattning', o.narratives));

  // 2 Förvaltningsberättelse
  const fb: Section[] = [
    section('perioden-som-gatt', 'Perioden som gått', [narrative('perioden-som-gatt', o.narratives)]),
    section('handelser-av-vasentlig-betydelse', 'Händelser av väsentlig betydelse', [narrative('handelser-av-vasentlig-betydelse', o.narratives)]),
  ];
  if (o.goalsSection) fb.push(o.goalsSection);
  if (o.personnelSection) fb.push(o.personnelSection);
  fb.push(section('forvantad-utveckling', 'Förväntad utveckling', [narrative('forvantad-utveckling', o.narratives)]));

  // 3 Driftredovisning
  const measures = (o.resultMeasures ?? DEFAULT_RESULT_MEASURES).filter(
    (m) => hasForecast || (m !== 'forecast' && m !== 'forecastDeviation'),
  );
  const resultTable = buildResultTable(r, period, o.units.result, measures);
  const income = r.sections.find((s) => s.kind === 'income');
  const cost = r.sections.find((s) => s.kind === 'cost');
  const drift: Section[] = [
    section('ekonomiskt-resultat', 'Ekonomiskt resultat', [
      paragraph(o.texts.resultat({
        manad: month, ar: period.year,
        nettoUtfall: r.net.ackActual ?? 0, nettoBudget: r.net.ackBudget ?? 0, avvikelse: r.net.ackDeviation ?? 0, harBudget,
        intakterAvvikelse: income ? income.total.ackDeviation : null,
        kostnaderAvvikelse: cost ? cost.total.ackDeviation : null,
      })),
      resultTable,
      ...buildMonthlyChart(r, period),
    ]),
  ];
  const netCost = r.net.ackActual;
  const analysis: Block[] = [
    paragraph(o.texts['ekonomisk-analys']({
      enhetGenitiv: genitive(unitText), manad: month, ar: period.year,
      nettokostnad: netCost ?? 0,
      // A growing net cost (more negative) is an increase: the core's change against last year, told in cost terms.
      forandring: -(r.net.ackDeviationPrevYear ?? 0),
      utveckling: r.net.change,
      avvikelse: r.net.ackDeviation ?? 0,
      harBudget,
    })),
  ];
  if (input.children.length > 0) {
    analysis.push(buildNetCostTable(input, period, o.units.netCost, hasForecast));
    analysis.push(...buildNetCostChart(input, period, o.units.netCost));
  }
  if (!hasForecast) analysis.push(...buildYearlyChart(r, period));
  analysis.push(narrative('ekonomisk-analys', o.narratives));
  drift.push(section('ekonomisk-analys', 'Ekonomisk analys', analysis));
  if (hasForecast) {
    const prevOcc = r.previousForecastOccasion;
    drift.push(section('prognos', 'Prognos för verksamhetens nettokostnader', [
      paragraph(o.texts.prognos({
        ar: period.year, enhetGenitiv: genitive(unitText), avvikelse: r.net.forecastDeviation ?? 0, harBudget,
        harForegaende: r.net.forecastChange !== null,
        forandring: r.net.forecastChange ?? 0,
        foregaendeManad: prevOcc === null ? '' : monthName(prevOcc % 100),
      })),
      ...(input.children.length > 0 ? [buildForecastTable(input, period, o.units.netCost)] : []),
      ...buildYearlyChart(r, period),
      narrative('prognos', o.narratives),
    ]));
  }

  const top: Section[] = [
    section('sammanfattning', 'Sammanfattning', summary),
    section('forvaltningsberattelse', 'Förvaltningsberättelse', [], fb),
    section('driftredovisning', 'Driftredovisning', [], drift),
  ];
  if (inv) {
    top.push(section('investeringsredovisning', 'Investeringsredovisning', [
      paragraph(o.texts.investeringar({
        manad: month, utfall: inv.total.actual ?? 0, harPrognos: invHasForecast,
        prognos: inv.total.forecast ?? 0, avvikelse: inv.total.forecastDeviation ?? 0,
      })),
      buildInvestmentTable(inv, period, o.units.investments),
      buildInvestmentChart(inv, period, o.units.investments),
      narrative('investeringar', o.narratives),
    ]));
  }

  const titles = reportTitles(period);
  const meta: ReportMeta = {
    title: o.title ?? titles.title,
    subtitle: titles.subtitle,
    organisation: o.organisation,
    unit: unitText,
    unitId: o.node.id,
    period: reportPeriod(period),
    kind: reportKindFor(period),
    reportDate: lastDayOfPeriod(period),
    ...(o.diarienummer ? { diarienummer: o.diarienummer } : {}),
    ...(o.author ? { author: o.author } : {}),
    language: 'sv-SE',
  };
  return { version: REPORT_MODEL_VERSION, meta, sections: numberSections(top), caveats: o.caveats ?? [] };
}

