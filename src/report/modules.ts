/**
 * The report's sections as modules with one contract (`ReportModule`): each declares the sources it reads
 * (rapport.config.yaml `sources.*`, `goals`, `personnel`), what it computes for a unit, and the drafted sentences,
 * charts, table rows and conditions it offers a layout; the report builder (`build-report.ts`) walks the layout and
 * asks the module that offers a name to build it. Tables are built by `layout-table.ts` from the rows the modules
 * supply; the charts and the contexts of the drafted sentences are here, next to the module that owns them.
 */
import { ore, type MaybeOre } from '../model/ore.js';
import { monthName, monthAbbrev, reportKindFor, type Period } from '../model/period.js';
import type { EconomyResult } from '../calc/economy.js';
import type { InvestmentResult } from '../calc/investments.js';
import type { RegionResult } from '../calc/region-result.js';
import type { OrgNode } from '../calc/hierarchy.js';
import type { Block, Cell, Chart, DisplayUnit, Row, Section, Table } from './model.js';
import type { TextTemplates } from './texts.js';
import type { ChildResult } from './layout-table.js';
import { monthRanges, unitNote, roundingNote, proposedNote, PROPOSED_MARK } from './layout-table.js';
import { amountWithUnitWord, capitalise, PARAGRAPH_BREAK } from './texts.js';
import { personnelTextParagraphs } from './personnel-section.js';
import type { PersonnelResults } from '../calc/personnel/index.js';
import { formatPercent } from '../model/format.js';

/** "september 2023–augusti 2024": the twelve months up to `to` (YYYYMM), in words. */
export function rollingPeriodWords(to: number): string {
  const y = Math.trunc(to / 100);
  const m = to % 100;
  const from = m === 12 ? { y, m: 1 } : { y: y - 1, m: m + 1 };
  return `${monthName(from.m)} ${from.y}–${monthName(m)} ${y}`;
}

export interface EconomyInput {
  readonly result: EconomyResult;
  /** The node's children with their own results, each with its children (two levels computed up front). */
  readonly children: readonly { readonly node: OrgNode; readonly result: EconomyResult; readonly children: readonly ChildResult[] }[];
  readonly investments: InvestmentResult | null;
  /** The economy of any node (for child-unit rows deeper than two levels), when the caller can compute it. */
  readonly economyOf?: (node: OrgNode) => EconomyResult;
  /** The region level's cascade (calc/region-result.ts), when the pipeline computed it. */
  readonly region?: RegionResult;
}

export { capitalise } from './texts.js';

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
export function buildMonthlyChart(r: EconomyResult, period: Period): Block[] {
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
    notes: [`${unitNote(unit)} Nettokostnad visas som positivt belopp.`, ...(r.budgetNote !== null ? [r.budgetNote] : [])],
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

export function buildNetCostChart(input: EconomyInput, period: Period, unit: DisplayUnit, dataTableId = 'nettokostnad'): Block[] {
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
    dataTableId,
  };
  return [chart];
}

/**
 * Chart + data table: the net cost over the years — last year's outcome (bokslut), this year's budget and, where
 * there is one, this year's forecast — with this year's accumulated outcome for scale.
 */
export function buildYearlyChart(r: EconomyResult, period: Period): Block[] {
  const y = period.year;
  const f = r.net;
  const points: { label: string; value: MaybeOre; proposed?: boolean }[] = [
    { label: `Utfall ${y - 1}`, value: negate(f.prevYearActual) },
    { label: `Budget ${y}`, value: negate(f.annualBudget) },
    ...(f.forecast !== null ? [{ label: `Prognos ${y}`, value: negate(f.forecast), proposed: f.forecastMethods.length > 0 }] : []),
    { label: `Utfall jan–${monthAbbrev(period.month)} ${y}`, value: negate(f.ackActual) },
  ];
  const prev = r.previousForecastOccasion;
  const unit = chartUnit(points.map((p) => p.value));
  const table: Table = {
    type: 'table',
    id: 'diagram-nettokostnad-per-ar',
    title: `Nettokostnad ${y - 1}–${y}, data till diagrammet`,
    columns: [{ header: 'Avser', align: 'left' }, { header: 'Nettokostnad', align: 'right' }],
    rows: points.map((p): Row => ({
      cells: [text(p.label), p.proposed && p.value !== null ? { kind: 'money', ore: p.value, unit, mark: PROPOSED_MARK } : money(p.value, unit)],
      emphasis: 'normal',
    })),
    notes: [
      `${unitNote(unit)} Nettokostnad visas som positivt belopp.`,
      ...(f.forecastMethods.length > 0 ? [proposedNote(f.forecastMethods, y, prev === null ? '' : monthName(prev % 100))] : []),
    ],
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

/** One bar of the budget bridge: its label, the amount (a total's level or a step's change) and the level after it. */
export interface BridgeStep {
  readonly label: string;
  readonly total: boolean;
  readonly amount: MaybeOre;
  readonly level: MaybeOre;
}

/**
 * The budget-to-outcome bridge (seed 000, "Brygga budget mot utfall"), in result sign (income positive, costs
 * negative): ack budget of the net → the ack avvikelse of each report row that has one (utfall − budget, positive =
 * better than budget) → ack utfall of the net. Exact: ack budget + Σ row avvikelser = ack utfall, because the net's
 * utfall and budget are the sums of the rows' and each row's avvikelse is its utfall − budget (a blank budget counts
 * as 0, as in table 3.1). Rows without avvikelse (no utfall and no budget) have no bar. Empty without a budget.
 */
export function bridgeSteps(r: EconomyResult, period: Period): BridgeStep[] {
  const budget = r.net.ackBudget;
  const actual = r.net.ackActual;
  if (r.net.ackDeviation === null || budget === null || actual === null) return [];
  const span = `jan–${monthAbbrev(period.month)} ${period.year}`;
  const steps: BridgeStep[] = [{ label: `Budget ${span}`, total: true, amount: budget, level: budget }];
  let level: number = budget;
  for (const sec of r.sections) {
    for (const row of sec.rows) {
      const d = row.figures.ackDeviation;
      if (d === null) continue;
      level += d;
      steps.push({ label: row.name, total: false, amount: d, level: ore(level) });
    }
  }
  if (level !== actual) throw new Error(`Budgetbryggan går inte ihop: ${level} ≠ ${actual} öre.`);
  steps.push({ label: `Utfall ${span}`, total: true, amount: actual, level: actual });
  return steps;
}

/** Chart + data table: the budget-to-outcome bridge (waterfall), with the table holding every step exactly. */
export function buildBridgeChart(r: EconomyResult, period: Period): Block[] {
  const steps = bridgeSteps(r, period);
  if (steps.length === 0) return [];
  const unit = chartUnit(steps.map((s) => s.level));
  const month = monthName(period.month);
  const table: Table = {
    type: 'table',
    id: 'diagram-budgetbrygga',
    title: `Från budget till utfall januari–${month} ${period.year}, data till diagrammet`,
    columns: [
      { header: 'Avser', align: 'left' },
      { header: 'Avvikelse mot budget', align: 'right' },
      { header: 'Resultat efter steget', align: 'right' },
    ],
    rows: steps.map((s): Row => ({
      cells: [text(s.label), s.total ? text('') : money(s.amount, unit), money(s.level, unit)],
      emphasis: s.total ? 'total' : 'normal',
    })),
    notes: [
      `${unitNote(unit)} Resultat med intäkter positiva och kostnader negativa; en positiv avvikelse är bättre än budget.`,
      'Ackumulerad budget plus radernas avvikelser (utfall − budget) ger ackumulerat utfall.',
    ],
  };
  const devs = steps.filter((s) => !s.total);
  const worst = devs.reduce<BridgeStep | null>((w, s) => (w === null || (s.amount ?? 0) < (w.amount ?? 0) ? s : w), null);
  const best = devs.reduce<BridgeStep | null>((w, s) => (w === null || (s.amount ?? 0) > (w.amount ?? 0) ? s : w), null);
  const total = (r.net.ackDeviation ?? 0);
  const drivers = [
    worst && (worst.amount ?? 0) < 0 ? ` Störst negativ avvikelse: ${worst.label}.` : '',
    best && (best.amount ?? 0) > 0 ? ` Störst positiv avvikelse: ${best.label}.` : '',
  ].join('');
  const chart: Chart = {
    type: 'chart',
    id: 'budgetbrygga',
    kind: 'waterfall',
    title: `Från budget till utfall januari–${month} ${period.year}: avvikelse per rad`,
    altText: `Vattenfallsdiagram i ${unit} från ackumulerad budget till ackumulerat utfall januari–${month} ${period.year}, med avvikelsen mot budget för varje rad i resultaträkningen som ett steg. Sammantaget är utfallet ${total > 0 ? 'bättre än' : total < 0 ? 'sämre än' : 'i nivå med'} budget.${drivers} Data finns i tabellen under diagrammet.`,
    categories: steps.map((s) => s.label),
    series: [{ name: 'Belopp', values: steps.map((s) => scaled(s.amount, unit)) }],
    unit,
    dataTableId: table.id,
  };
  return [chart, table];
}

export function buildInvestmentChart(inv: InvestmentResult, period: Period, unit: DisplayUnit, dataTableId = 'investeringar'): Chart {
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
    dataTableId,
  };
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

/** One unit's report material: its figures and what other parts have built for it. */
export interface UnitContext {
  readonly input: EconomyInput;
  readonly period: Period;
  readonly unitName: string;
  readonly texts: TextTemplates;
  /** The goal follow-up (goals-section.ts), when the goal export has this unit's goals. */
  readonly goalsSection?: Section;
  /** The personnel section (personnel-section.ts), when personnel data is configured. */
  readonly personnelSection?: Section;
  /** Whether the goal follow-up (`goals`) is configured, whether or not this unit has goals of its own. */
  readonly goalsConfigured?: boolean;
  /** The unit's personnel results, for the personnel sentences a layout places (`text: personal-…`). */
  readonly personnel?: PersonnelResults;
  /** The configured display units (`units.*`), for what a module builds whole. */
  readonly units?: { readonly result: DisplayUnit; readonly netCost: DisplayUnit; readonly investments: DisplayUnit };
  /** The Kolada comparison (kolada-section.ts), in the root report when `kolada` is configured. */
  readonly koladaSection?: Section;
}

/** The table a chart is drawn from (its unit and id), when the layout places one before the chart. */
export interface ChartSource {
  readonly unit: DisplayUnit;
  readonly tableId: string;
}

export type ModuleId = 'economy' | 'forecasts' | 'forecastAccuracy' | 'investments' | 'goals' | 'personnel' | 'kolada';

/**
 * The contract every section module keeps. `sources` are the configuration keys it reads; `computes` names the
 * calculation; `texts`, `charts`, `rowKinds`, `measures` and `conditions` are the names it offers a layout. Builders
 * are pure: the unit's context in, report blocks out.
 */
export interface ReportModule {
  readonly id: ModuleId;
  readonly sources: readonly string[];
  readonly computes: string;
  readonly texts: readonly string[];
  readonly charts: readonly string[];
  readonly rowKinds: readonly string[];
  readonly conditions: readonly string[];
  /** Whether a condition this module offers holds for the unit. */
  holds?(condition: string, ctx: UnitContext): boolean;
  /** A drafted sentence (templates/text/NAME.hbs) for the unit. */
  text?(name: string, ctx: UnitContext): string;
  /** A chart (and, for some, its data table) for the unit. */
  chart?(name: string, ctx: UnitContext, source: ChartSource | undefined, units: { readonly netCost: DisplayUnit; readonly investments: DisplayUnit }): Block[];
  /** A whole section built by the module, or undefined when the unit has none. */
  section?(ctx: UnitContext): Section | undefined;
}

/** No budget in the ledger: the sentences say so instead of a deviation (the core leaves every deviation blank). */
function hasBudget(r: EconomyResult): boolean {
  return r.net.ackDeviation !== null || r.net.forecastDeviation !== null;
}

/**
 * The context of the region-level sentence (templates/text/arets-resultat.hbs). Årets resultat is a result after
 * tax income, not a cost: the words are "underskott"/"överskott" and "försämring"/"förbättring", and the change is
 * this year's result − last year's (a result that falls from −388 to −479 is a försämring by 91, seed 000 / issue 15).
 */
function aretsResultatText(ctx: UnitContext): string {
  const region = ctx.input.region;
  if (!region) return '';
  const r = region.yearResult;
  const u = region.underlying;
  const b = region.balanceResult;
  return ctx.texts['arets-resultat']({
    enhetGenitiv: genitive(ctx.unitName), manad: monthName(ctx.period.month), ar: ctx.period.year,
    resultat: r.ackActual ?? 0,
    harForegaende: r.prevAckActual !== null && r.ackActual !== null,
    foregaende: r.prevAckActual ?? 0,
    // Förändring = ack årets resultat − ack resultat samma period föregående år (positive = förbättring).
    forandring: r.ackDeviationPrevYear ?? 0,
    harBudget: r.ackDeviation !== null,
    avvikelse: r.ackDeviation ?? 0,
    harJamforelsestorande: region.comparability !== null && region.comparability.ackActual !== null,
    jamforelsestorande: region.comparability?.ackActual ?? 0,
    underliggande: u.ackActual ?? 0,
    harPrognos: r.forecast !== null,
    prognos: r.forecast ?? 0,
    harBalanskravsprognos: b.forecast !== null,
    balanskrav: b.forecast ?? 0,
  });
}

export const economyModule: ReportModule = {
  id: 'economy',
  sources: ['sources.ledger', 'sources.organisation', 'sources.accountGroups'],
  computes: 'calc/economy.ts computeEconomy: utfall, budget, avvikelser och förändringar per rad, avsnitt och enhet',
  texts: ['sammanfattning-ekonomi', 'resultat', 'ekonomisk-analys', 'bruttokostnadsutveckling', 'arets-resultat'],
  charts: ['ackumulerad-nettokostnad', 'nettokostnad-per-ar', 'nettokostnad-per-omrade', 'budgetbrygga'],
  rowKinds: ['sections', 'section', 'reportRow', 'net', 'children', 'cascade', 'units'],
  conditions: ['underenheter', 'budget', 'arsresultat'],
  holds(c, ctx) {
    switch (c) {
      case 'underenheter': return ctx.input.children.length > 0;
      case 'budget': return hasBudget(ctx.input.result);
      // The unit has figures below the net (skatteintäkter, statsbidrag, finansiella poster): a result after tax income.
      case 'arsresultat': return ctx.input.region?.hasFinancing ?? false;
      default: return false;
    }
  },
  text(name, ctx) {
    const r = ctx.input.result;
    const { period } = ctx;
    const harBudget = hasBudget(r);
    const month = monthName(period.month);
    // Nettokostnadsutveckling (current / previous − 1) reads as the development of a cost only when both years are a
    // net cost: for a unit financed by its own income (a surplus in either year) "minus 49 procent" would say the
    // cost fell when the surplus did. The sentences then leave the percentage out.
    const netCostChange = (r.net.ackActual ?? 0) < 0 && (r.net.prevAckActual ?? 0) < 0 ? r.net.change : null;
    switch (name) {
      case 'sammanfattning-ekonomi': {
        const drafted = ctx.texts['sammanfattning-ekonomi']({
          enhet: ctx.unitName,
          efterPerioden: afterPeriodPhrase(period),
          avvikelse: r.net.ackDeviation ?? 0,
          harBudget,
          nettoUtfall: r.net.ackActual ?? 0,
          utveckling: netCostChange,
          harPrognos: r.net.forecast !== null,
          prognosavvikelse: r.net.forecastDeviation ?? 0,
        });
        // A proposed forecast is never summarised as if the units had made it.
        return r.net.forecast !== null && r.net.forecastMethods.length > 0
          ? `${drafted} Helårsprognosen är helt eller delvis föreslagen av rapport (markerad (f) i tabellerna), inte lämnad av verksamheterna.`
          : drafted;
      }
      case 'resultat': {
        const income = r.sections.find((s) => s.kind === 'income');
        const cost = r.sections.find((s) => s.kind === 'cost');
        return ctx.texts.resultat({
          manad: month, ar: period.year,
          nettoUtfall: r.net.ackActual ?? 0, nettoBudget: r.net.ackBudget ?? 0, avvikelse: r.net.ackDeviation ?? 0, harBudget,
          intakterAvvikelse: income ? income.total.ackDeviation : null,
          kostnaderAvvikelse: cost ? cost.total.ackDeviation : null,
        });
      }
      case 'bruttokostnadsutveckling': {
        // The figures are calc/economy.ts grossCostRolling's; the sentence only tells them (blank → why, never 0).
        const g = r.grossCost;
        const ranges = g === null ? [] : monthRanges(g.missingMonths);
        return ctx.texts.bruttokostnadsutveckling({
          enhet: ctx.unitName,
          enhetGenitiv: genitive(ctx.unitName),
          period: g === null ? '' : rollingPeriodWords(g.to),
          harUtveckling: g !== null && g.change !== null && g.current !== null,
          bruttokostnader: g?.current ?? 0,
          utveckling: g?.change ?? null,
          saknas: g === null ? 'de år som behövs' : ranges.length > 3 ? `${ranges.slice(0, 3).join(', ')} m.fl.` : ranges.join(', '),
        });
      }
      case 'arets-resultat':
        return aretsResultatText(ctx);
      default:
        return ctx.texts['ekonomisk-analys']({
          enhet: ctx.unitName, enhetGenitiv: genitive(ctx.unitName), manad: month, ar: period.year,
          // No utfall at all is said as such, never as a net cost (or surplus) of 0.
          harUtfall: r.net.ackActual !== null,
          nettokostnad: r.net.ackActual ?? 0,
          // A growing net cost (more negative) is an increase: the core's change against last year, told in cost terms.
          forandring: -(r.net.ackDeviationPrevYear ?? 0),
          utveckling: netCostChange,
          avvikelse: r.net.ackDeviation ?? 0,
          harBudget,
        });
    }
  },
  chart(name, ctx, source, units) {
    const r = ctx.input.result;
    switch (name) {
      case 'ackumulerad-nettokostnad': return buildMonthlyChart(r, ctx.period);
      case 'nettokostnad-per-ar': return buildYearlyChart(r, ctx.period);
      case 'budgetbrygga': return buildBridgeChart(r, ctx.period);
      default: return buildNetCostChart(ctx.input, ctx.period, source?.unit ?? units.netCost, source?.tableId);
    }
  },
};

export const forecastsModule: ReportModule = {
  id: 'forecasts',
  sources: ['sources.forecasts', 'sources.ledger (kolumnen Prognos)'],
  computes: 'calc/economy.ts computeEconomy: helårsprognos, prognosavvikelse och förändring sedan förra prognosen',
  texts: ['prognos'],
  charts: [],
  rowKinds: [],
  conditions: ['prognos', 'foregaendePrognos'],
  holds(c, ctx) {
    const r = ctx.input.result;
    return c === 'prognos' ? r.net.forecast !== null : c === 'foregaendePrognos' ? r.previousForecastOccasion !== null : false;
  },
  text(_name, ctx) {
    const r = ctx.input.result;
    const prevOcc = r.previousForecastOccasion;
    const previousMonth = prevOcc === null ? '' : monthName(prevOcc % 100);
    const drafted = ctx.texts.prognos({
      ar: ctx.period.year, enhetGenitiv: genitive(ctx.unitName), avvikelse: r.net.forecastDeviation ?? 0, harBudget: hasBudget(r),
      harForegaende: r.net.forecastChange !== null,
      forandring: r.net.forecastChange ?? 0,
      foregaendeManad: previousMonth,
    });
    // A proposed forecast is said in words too, not only by the tables' mark.
    const methods = r.net.forecastMethods;
    return methods.length === 0 ? drafted : `${drafted} Helårsprognosen är helt eller delvis föreslagen. ${proposedNote(methods, ctx.period.year, previousMonth)}`;
  },
};

/** One unit's earlier forecasts against the year's outcome: Σ forecast per occasion and utfall − prognos. */
interface AccuracyRow {
  readonly name: string;
  readonly outcome: MaybeOre;
  readonly forecasts: readonly MaybeOre[];
}

/**
 * Prognossäkerhet (issue 15), at year end only: how far each earlier forecast occasion's helårsprognos was from the
 * year's outcome, per unit. Avvikelse = utfall − prognos (result sign: positive = the outcome was better than that
 * forecast), and in the sentence as a share of the outcome's size: |utfall − prognos| / |utfall|.
 */
export function buildForecastAccuracy(ctx: UnitContext): Section | undefined {
  const { period } = ctx;
  if (period.month !== 12) return undefined;
  const r = ctx.input.result;
  const current = period.year * 100 + period.month;
  const occasions = r.occasionForecasts.filter((o) => o.occasion < current).map((o) => o.occasion);
  if (occasions.length === 0 || r.net.ackActual === null) return undefined;
  const rowOf = (name: string, res: EconomyResult): AccuracyRow => ({
    name,
    outcome: res.net.ackActual,
    forecasts: occasions.map((o) => res.occasionForecasts.find((x) => x.occasion === o)?.forecast ?? null),
  });
  const unit = ctx.units?.netCost ?? 'mnkr';
  const total = rowOf('Totalt', r);
  const rows = [...ctx.input.children.map((c) => rowOf(c.node.name, c.result)), total];
  const diff = (a: MaybeOre, f: MaybeOre): MaybeOre => (a === null || f === null ? null : ore(a - f));
  const months = occasions.map((o) => monthName(o % 100));
  const table: Table = {
    type: 'table',
    id: 'prognossakerhet',
    title: `Prognossäkerhet ${period.year}: tidigare helårsprognoser jämförda med årets utfall`,
    columns: [
      { header: ctx.input.children.length > 0 ? 'Verksamhetsområde' : 'Enhet', align: 'left' },
      { header: `Utfall ${period.year}`, align: 'right' },
      ...months.flatMap((m) => [{ header: `Prognos per ${m}`, align: 'right' as const }, { header: `Utfall − prognos ${m}`, align: 'right' as const }]),
    ],
    rows: rows.map((row): Row => ({
      cells: [text(row.name), money(row.outcome, unit), ...row.forecasts.flatMap((f) => [money(f, unit), money(diff(row.outcome, f), unit)])],
      emphasis: row === total ? 'total' : 'normal',
    })),
    notes: [
      unitNote(unit),
      'Utfall − prognos: positivt tal betyder att utfallet blev bättre än prognosen, negativt att det blev sämre. Prognoserna är de som lämnades vid respektive prognostillfälle.',
      roundingNote(0),
    ],
  };
  const parts = occasions.map((o, i) => {
    const d = diff(total.outcome, total.forecasts[i]!);
    if (d === null) return `för prognosen per ${months[i]} finns ingen prognos att jämföra med`;
    if (d === 0) return `i nivå med prognosen per ${months[i]}`;
    // Share of the outcome's size, exact: |utfall − prognos| / |utfall|, one decimal.
    const share = total.outcome === null || total.outcome === 0 ? '' : ` (${formatPercent({ num: Math.abs(d), den: Math.abs(total.outcome) }, 1)} procent av utfallet)`;
    return `${amountWithUnitWord(d, unit)} ${d > 0 ? 'bättre' : 'sämre'} än prognosen per ${months[i]}${share}`;
  });
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} och ${parts.at(-1)!}`;
  const sentence = `Årets utfall för ${ctx.unitName} blev ${list}.`;
  return {
    id: 'prognossakerhet', number: '', title: 'Prognossäkerhet', level: 1,
    blocks: [{ type: 'paragraph', text: sentence, drafted: true }, table],
    sections: [],
  };
}

export const forecastAccuracyModule: ReportModule = {
  id: 'forecastAccuracy',
  sources: ['sources.forecasts'],
  computes: 'calc/economy.ts computeEconomy (occasionForecasts): varje tidigare prognostillfälles helårsprognos mot årets utfall',
  texts: [], charts: [], rowKinds: [], conditions: [],
  section: (ctx) => buildForecastAccuracy(ctx),
};

export const investmentsModule: ReportModule = {
  id: 'investments',
  sources: ['sources.investments'],
  computes: 'calc/investments.ts computeInvestments: utfall, prognos, årsbudget och prognosavvikelse per investeringsområde',
  texts: ['sammanfattning-investeringar', 'investeringar'],
  charts: ['investeringar-per-omrade'],
  rowKinds: ['investmentAreas', 'investmentTotal'],
  conditions: ['investeringar'],
  holds(c, ctx) {
    return c === 'investeringar' && ctx.input.investments !== null;
  },
  text(name, ctx) {
    const inv = ctx.input.investments;
    if (!inv) return '';
    const context = {
      manad: monthName(ctx.period.month),
      utfall: inv.total.actual ?? 0,
      harPrognos: inv.total.forecast !== null,
      prognos: inv.total.forecast ?? 0,
      avvikelse: inv.total.forecastDeviation ?? 0,
    };
    return name === 'investeringar' ? ctx.texts.investeringar(context) : ctx.texts['sammanfattning-investeringar'](context);
  },
  chart(_name, ctx, source, units) {
    const inv = ctx.input.investments;
    return inv ? [buildInvestmentChart(inv, ctx.period, source?.unit ?? units.investments, source?.tableId)] : [];
  },
};

export const goalsModule: ReportModule = {
  id: 'goals',
  sources: ['goals'],
  computes: 'calc/goals: bedömning av mål, indikatorer, uppdrag, åtgärder, projekt och intern kontroll',
  texts: [], charts: [], rowKinds: [], conditions: ['mal'],
  // `mal`: the goal follow-up is configured (the goal columns of a layout then have figures to count).
  holds: (c, ctx) => c === 'mal' && ctx.goalsConfigured === true,
  section: (ctx) => ctx.goalsSection,
};

export const personnelModule: ReportModule = {
  id: 'personnel',
  sources: ['personnel'],
  computes: 'calc/personnel: anställda, årsarbetare, sjukfrånvaro och övertid per enhet',
  texts: ['personal-period', 'personal-personalomsattning'], charts: [], rowKinds: [], conditions: ['personal'],
  holds: (c, ctx) => c === 'personal' && ctx.personnelSection !== undefined,
  // Paragraphs are separated by the template's paragraph break (build-report.ts splits them); empty without personnel data.
  text: (name, ctx) => (ctx.personnel ? personnelTextParagraphs(name, ctx.personnel, ctx.texts).join(PARAGRAPH_BREAK) : ''),
  section: (ctx) => ctx.personnelSection,
};

export const koladaModule: ReportModule = {
  id: 'kolada',
  sources: ['kolada'],
  computes: 'calc/kolada.ts compareKolada: regionens nyckeltal bredvid de jämförda regionernas och rikets, per nyckeltal och år',
  texts: [], charts: [], rowKinds: [], conditions: [],
  section: (ctx) => ctx.koladaSection,
};

export const REPORT_MODULES: readonly ReportModule[] = [economyModule, forecastsModule, forecastAccuracyModule, investmentsModule, goalsModule, personnelModule, koladaModule];
