/**
 * The measure catalogue (config/layout-schema.ts MEASURE_IDS): what each measure id of a layout column shows for a
 * row, and its default heading. Economy figures are computed in `calc/economy.ts` (RowFigures, each formula
 * documented there); investment figures in `calc/investments.ts`. The two shares are computed here, exactly:
 *
 * - andelAvOmsattning  = the row's ack utfall / ack utfall of the unit's income section(s) (verksamhetens intäkter)
 * - andelAvNettokostnad = the row's ack utfall / the unit's net ack utfall (verksamhetens nettokostnad)
 *
 * both as exact ratios of öre (blank when either side has no data or the denominator is 0). The deviations in % of
 * omsättning (seed 000 "Diff % av omsättn") are taken of the row's own unit's omsättning, defined and computed in
 * `calc/region-result.ts` (`turnover`, `shareOfTurnover`):
 *
 * - avvikelseAvOmsattning        = ack avvikelse / ack omsättning (the unit's gross costs Jan–report month)
 * - prognosavvikelseAvOmsattning = prognosavvikelse / helårsomsättning (the unit's gross costs in the årsbudget)
 *
 * The unit measures (UNIT_MEASURES, rows `net` and `children` only) show the unit's gross cost over 12 rolling
 * months, computed in `calc/economy.ts` (`grossCostRolling`, GrossCostRolling):
 * - bruttokostnaderR12             = gross-cost utfall of the twelve months up to the report month
 * - bruttokostnaderR12ForegaendeAr = the same twelve months a year earlier
 * - bruttokostnadsutveckling       = bruttokostnaderR12 / bruttokostnaderR12ForegaendeAr − 1 (signed: growth positive)
 */
import type { MeasureId } from '../config/layout-schema.js';
import type { GrossCostRolling, RowFigures } from '../calc/economy.js';
import type { InvestmentFigures } from '../calc/investments.js';
import type { MaybeOre } from '../model/ore.js';
import type { Ratio } from '../model/figures.js';
import type { Period } from '../model/period.js';
import { monthAbbrev, monthName } from '../model/period.js';
import { GOAL_MEASURES, PERSONNEL_MEASURES } from '../config/layout-schema.js';
import type { PersonnelResults, Figure } from '../calc/personnel/index.js';
import { changeInPoints } from '../calc/personnel/privacy.js';
import type { Cell } from './model.js';
import { figureCell } from './personnel-section.js';

/** Whether a measure is one of the personnel figures (read from calc/personnel, not the ledger). */
export function isPersonnelMeasure(m: MeasureId): boolean {
  return PERSONNEL_MEASURES.includes(m);
}

/** Whether a measure is one of the goal counts (read from the goal export, calc/goals/counts.ts). */
export function isGoalMeasure(m: MeasureId): boolean {
  return GOAL_MEASURES.includes(m);
}
import { shareOfTurnover } from '../calc/region-result.js';
import { goalCounts, shareHelt } from '../calc/goals/counts.js';
import type { GoalResults, IndicatorResult } from '../calc/goals/assess.js';
import { dueOutcomeCell, fulfilmentCell, indicatorStatusCell, targetCell } from './goals-section.js';
import { INDICATOR_MEASURES } from '../config/layout-schema.js';

/** Whether a measure is one of an indicator row's (INDICATOR_MEASURES). */
export function isIndicatorMeasure(m: MeasureId): boolean {
  return INDICATOR_MEASURES.includes(m);
}

/**
 * An indicator measure's cell for an `indicators` row: the very cells of the goals module's indicator table
 * (report/goals-section.ts buildIndicatorTable), from the same assessed IndicatorResult:
 *
 * - indikatorMalvarde   = the målvärde as the export gives it (a number, or its text: "< 5", "Behålla")
 * - indikatorUtfall     = the outcome assessed this period (latest of the year up to the report month); blank when the
 *                         indicator is not due this period or has no outcome (no data is not 0)
 * - indikatorUppfyllnad = utfall / målvärde (målvärde / utfall when lower is better), whole percent; blank when not due
 *                         or not meaningful
 * - indikatorStatus     = the status in words ("Uppfylls helt", "Inga data", "Bedöms per augusti", "Ej bedömd"; a
 *                         person's assessment marked "*"), never colour only
 */
export function indicatorMeasure(r: IndicatorResult, results: GoalResults, m: MeasureId): Cell {
  switch (m) {
    case 'indikatorMalvarde': return targetCell(r.indicator.target);
    case 'indikatorUtfall': return dueOutcomeCell(r);
    case 'indikatorUppfyllnad': return fulfilmentCell(r);
    case 'indikatorStatus': return indicatorStatusCell(r, results);
    default: return { kind: 'text', text: '' };
  }
}

/** A measure's value for one row: an amount in öre or an exact ratio (shown as percent); null = no data. */
export type MeasureValue = { readonly kind: 'money'; readonly ore: MaybeOre } | { readonly kind: 'percent'; readonly ratio: Ratio | null };

/** What the shares are taken of, for the unit the table is about. */
export interface ShareBases {
  /** Ack utfall of the unit's income sections together (null when the grouping has none or no data). */
  readonly income: MaybeOre;
  /** The unit's net ack utfall. */
  readonly net: MaybeOre;
  /** The omsättning of the unit the row is about (calc/region-result.ts `turnover`): ack and for the whole year. */
  readonly turnover: { readonly ack: MaybeOre; readonly annual: MaybeOre };
}

const ECONOMY_FIELD = {
  manadensAvvikelse: 'monthDeviation',
  ackUtfallForegaendeAr: 'prevAckActual',
  ackUtfall: 'ackActual',
  ackBudget: 'ackBudget',
  ackAvvikelse: 'ackDeviation',
  ackAvvikelseForegaendeAr: 'ackDeviationPrevYear',
  arsbudget: 'annualBudget',
  helarsprognos: 'forecast',
  prognosavvikelse: 'forecastDeviation',
  foregaendePrognos: 'previousForecast',
  prognosforandring: 'forecastChange',
  bokslutForegaendeAr: 'prevYearActual',
} as const satisfies Partial<Record<MeasureId, keyof RowFigures>>;

/** The RowFigures field an economy measure shows (`forandringProcent` is RowFigures.change); null for the shares and personnel measures. */
export function economyField(m: MeasureId): Exclude<keyof RowFigures, 'forecastMethods'> | null {
  if (m === 'forandringProcent') return 'change';
  if (m === 'andelAvOmsattning' || m === 'andelAvNettokostnad' || m === 'avvikelseAvOmsattning' || m === 'prognosavvikelseAvOmsattning') return null;
  return m in ECONOMY_FIELD ? ECONOMY_FIELD[m as keyof typeof ECONOMY_FIELD] : null;
}

/** An exact ratio a/b with a positive denominator; null when either is missing or b is 0. */
export function shareOf(a: MaybeOre, b: MaybeOre): Ratio | null {
  if (a === null || b === null || b === 0) return null;
  return b < 0 ? { num: -a, den: -b } : { num: a, den: b };
}

/**
 * A measure of an economy row (a report row, a section total, the net, a child unit's net). `gross` is the unit's
 * gross cost over 12 rolling months for the rows that stand for a whole unit (net, children), else undefined; the
 * layout check allows the unit measures on those rows only.
 */
export function economyMeasure(f: RowFigures, m: MeasureId, bases: ShareBases, gross?: GrossCostRolling | null): MeasureValue {
  switch (m) {
    case 'forandringProcent': return { kind: 'percent', ratio: f.change };
    case 'andelAvOmsattning': return { kind: 'percent', ratio: shareOf(f.ackActual, bases.income) };
    case 'andelAvNettokostnad': return { kind: 'percent', ratio: shareOf(f.ackActual, bases.net) };
    case 'avvikelseAvOmsattning': return { kind: 'percent', ratio: shareOfTurnover(f.ackDeviation, bases.turnover.ack) };
    case 'prognosavvikelseAvOmsattning': return { kind: 'percent', ratio: shareOfTurnover(f.forecastDeviation, bases.turnover.annual) };
    case 'bruttokostnaderR12': return { kind: 'money', ore: gross?.current ?? null };
    case 'bruttokostnaderR12ForegaendeAr': return { kind: 'money', ore: gross?.previous ?? null };
    case 'bruttokostnadsutveckling': return { kind: 'percent', ratio: gross?.change ?? null };
    default: {
      const field = economyField(m);
      return { kind: 'money', ore: field === null ? null : (f[field] as MaybeOre) };
    }
  }
}

/** Which personnel figures a row shows: the unit's own, or those of one of its direct children (by node id). */
export type PersonnelRow = { readonly kind: 'unit' } | { readonly kind: 'child'; readonly id: string };

/**
 * A personnel measure's cell for a row, from the unit's personnel results (calc/personnel), carrying the figures'
 * suppression exactly as the personnel section shows them:
 *
 * - sjukfranvaro / sjukfranvaroForegaendeAr = sick hours / ordinary hours, year to date this / last year; a child's
 *   figure is taken from the unit's partition by child (`sickLeave.units`), so complementary suppression holds across
 *   the table's rows and its total
 * - sjukfranvaroForandring = the change in percentage points, rounded to the column's decimals (changeInPoints)
 * - sjukfranvaroKvinnor / sjukfranvaroMan / andelLangtidssjukfranvaro = the same window's figures of the unit
 * - antalAnstallda = employees on the period's last HR day (as the Antal anställda table's total)
 * - arsarbetare = arbetad tid exkl jour/beredskap / (yearly norm × months / 12), exact
 * - arbetadTid = arbetad tid exkl jour/beredskap in hours, year to date
 * - personalomsattning = leavers / average headcount over the rolling 12 months to the HR period, with the privacy
 *   rules of the personnel section's turnover table (calc/personnel/staff.ts calculateTurnover)
 *
 * A child without a figure of its own (no employees in the extracts) is blank; never 0.
 */
export function personnelMeasure(r: PersonnelResults, m: MeasureId, row: PersonnelRow, decimals: number): Cell {
  const cells = (f: Figure): Cell => figureCell(f, decimals, r.rules.privacy.maxSuppressedGroupSize);
  const blankPercent: Cell = { kind: 'percent', ratio: null, decimals };
  let ytd: Figure | null = null;
  let ytdPrev: Figure | null = null;
  if (row.kind === 'unit') {
    ytd = r.sickLeave.ytd.total;
    ytdPrev = r.sickLeave.ytdPrev.total;
  } else {
    const u = r.sickLeave.units.find((x) => x.id === row.id);
    ytd = u?.ytd ?? null;
    ytdPrev = u?.ytdPrev ?? null;
  }
  switch (m) {
    case 'sjukfranvaro': return ytd ? cells(ytd) : blankPercent;
    case 'sjukfranvaroForegaendeAr': return ytdPrev ? cells(ytdPrev) : blankPercent;
    case 'sjukfranvaroForandring': return ytd && ytdPrev ? cells(changeInPoints(ytd, ytdPrev, decimals)) : blankPercent;
    default: break;
  }
  // The remaining measures are the unit's own (the layout check allows them on `net` rows only).
  if (row.kind !== 'unit') return blankPercent;
  const cur = r.workedTime.current;
  switch (m) {
    case 'sjukfranvaroKvinnor': return cells(r.sickLeave.ytd.women);
    case 'sjukfranvaroMan': return cells(r.sickLeave.ytd.men);
    case 'andelLangtidssjukfranvaro': return cells(r.sickLeave.ytd.longTermShare);
    case 'antalAnstallda': return { kind: 'count', value: r.headcount.current.total };
    case 'arsarbetare': return { kind: 'number', value: cur ? cur.fullTimeEquivalents.num / cur.fullTimeEquivalents.den : null, decimals };
    // Worked time is kept in hundredths of an hour.
    case 'arbetadTid': return { kind: 'number', value: cur ? cur.exclOnCall / 100 : null, decimals };
    case 'personalomsattning': return cells(r.turnover.current.total);
    default: return blankPercent;
  }
}

/**
 * A goal measure's cell for a row, from the goal results of the row's unit (report/goals-section.ts goalsOfSubtree: the
 * delmål the goal export gives that unit or a unit below it, with their indicators), counted in calc/goals/counts.ts:
 *
 * - antalMal = the unit's delmål; malHelt / malDelvis / malInte / malIngaData = those whose status this period is
 *   uppfylls helt / delvis / inte / inga data (a person's assessment, else the goal rule), adding up to antalMal
 * - antalIndikatorer = the indicators of those delmål; indikatorerHelt / Delvis / Inte = those assessed so this period;
 *   indikatorerEjBedomda = the rest (not due this period, no outcome, or not assessable), adding up to antalIndikatorer
 * - andelMalHelt / andelIndikatorerHelt = helt / (helt + delvis + inte), as percent: of the assessed ones
 *
 * Blank, never 0, when the unit has no delmål in the export (or, for the indicator measures, no indicators), and for
 * the shares when nothing is assessed.
 */
export function goalMeasure(results: GoalResults | null, m: MeasureId, percentDecimals: number): Cell {
  const { goals, indicators } = goalCounts(results);
  const count = (v: number | undefined): Cell => ({ kind: 'count', value: v ?? null });
  switch (m) {
    case 'antalMal': return count(goals?.total);
    case 'malHelt': return count(goals?.helt);
    case 'malDelvis': return count(goals?.delvis);
    case 'malInte': return count(goals?.inte);
    case 'malIngaData': return count(goals?.notAssessed);
    case 'andelMalHelt': return { kind: 'percent', ratio: shareHelt(goals), decimals: percentDecimals };
    case 'antalIndikatorer': return count(indicators?.total);
    case 'indikatorerHelt': return count(indicators?.helt);
    case 'indikatorerDelvis': return count(indicators?.delvis);
    case 'indikatorerInte': return count(indicators?.inte);
    case 'indikatorerEjBedomda': return count(indicators?.notAssessed);
    case 'andelIndikatorerHelt': return { kind: 'percent', ratio: shareHelt(indicators), decimals: percentDecimals };
    default: return count(undefined);
  }
}

/**
 * The målvärde of a personnel measure (`personnel.targets`, a percentage as configured) as a percent cell: with the
 * column's decimals when it sets them, else as many as the configured value has (11 → "11", 5.2 → "5,2"). Blank when
 * none is configured (the layout check makes that an error for a configured `personnel`).
 */
export function personnelTarget(r: PersonnelResults, m: MeasureId, decimals: number | undefined): Cell {
  const v = r.rules.targets[m];
  if (v === undefined) return { kind: 'percent', ratio: null, decimals: decimals ?? 0 };
  // The value as written (at most two decimals, checked by the schema): 5.2 → 520 / 10 000.
  const hundredths = Math.round(v * 100);
  const own = hundredths % 100 === 0 ? 0 : hundredths % 10 === 0 ? 1 : 2;
  return { kind: 'percent', ratio: { num: hundredths, den: 10_000 }, decimals: decimals ?? own };
}

/** "sep 2023–aug 2024": the twelve months a rolling figure covers, ending with `to` (YYYYMM). */
export function rollingSpan(to: number, yearsBack = 0): string {
  const y = Math.trunc(to / 100) - yearsBack;
  const m = to % 100;
  const from = m === 12 ? { y, m: 1 } : { y: y - 1, m: m + 1 };
  return `${monthAbbrev(from.m)} ${from.y}–${monthAbbrev(m)} ${y}`;
}

/**
 * A measure of an investment row. Prognosavvikelse here is årsbudget − prognos (calc/investments.ts), as the
 * investment table has always shown it. The layout check allows only these four on investment rows.
 */
export function investmentMeasure(f: InvestmentFigures, m: MeasureId): MeasureValue {
  switch (m) {
    case 'ackUtfall': return { kind: 'money', ore: f.actual };
    case 'arsbudget': return { kind: 'money', ore: f.budget };
    case 'helarsprognos': return { kind: 'money', ore: f.forecast };
    case 'prognosavvikelse': return { kind: 'money', ore: f.forecastDeviation };
    default: return { kind: 'money', ore: null };
  }
}

/** The heading a column gets when the layout gives none (placeholders already filled). */
export function defaultHeading(m: MeasureId, p: Period, previousForecastMonth: string): string {
  switch (m) {
    case 'manadensAvvikelse': return `${capitalise(monthName(p.month))} avvikelse`;
    case 'ackUtfallForegaendeAr': return 'Ack utfall föreg år';
    case 'ackUtfall': return 'Ack utfall innev år';
    case 'ackBudget': return 'Ack budget innev år';
    case 'ackAvvikelse': return 'Ack avvikelse';
    case 'forandringProcent': return 'Förändring utfall i %';
    case 'ackAvvikelseForegaendeAr': return 'Ack avvikelse mot föreg år';
    case 'arsbudget': return 'Årsbudget';
    case 'helarsprognos': return 'Helårsprognos';
    case 'prognosavvikelse': return 'Prognosavvikelse';
    case 'foregaendePrognos': return previousForecastMonth === '' ? 'Föregående prognos' : `Prognos per ${previousForecastMonth}`;
    case 'prognosforandring': return 'Prognosförändring';
    case 'bokslutForegaendeAr': return 'Bokslut föreg år';
    case 'andelAvOmsattning': return 'Andel av omsättning %';
    case 'andelAvNettokostnad': return 'Andel av nettokostnad %';
    case 'sjukfranvaro': return 'Sjukfrånvaro %';
    case 'sjukfranvaroForegaendeAr': return 'Sjukfrånvaro föreg år %';
    case 'sjukfranvaroForandring': return 'Förändring sjukfrånvaro, procentenheter';
    case 'sjukfranvaroKvinnor': return 'Sjukfrånvaro kvinnor %';
    case 'sjukfranvaroMan': return 'Sjukfrånvaro män %';
    case 'andelLangtidssjukfranvaro': return 'Andel långtidssjukfrånvaro %';
    case 'antalAnstallda': return 'Antal anställda';
    case 'arsarbetare': return 'Årsarbetare';
    case 'arbetadTid': return 'Arbetad tid, timmar';
    case 'personalomsattning': return 'Personalomsättning %';
    case 'bruttokostnaderR12': return `Bruttokostnader ${rollingSpan(p.year * 100 + p.month)}`;
    case 'bruttokostnaderR12ForegaendeAr': return `Bruttokostnader ${rollingSpan(p.year * 100 + p.month, 1)}`;
    case 'bruttokostnadsutveckling': return 'Bruttokostnadsutveckling 12 mån %';
    case 'avvikelseAvOmsattning': return 'Avvikelse i % av omsättning';
    case 'prognosavvikelseAvOmsattning': return 'Prognosavvikelse i % av omsättning';
    case 'antalMal': return 'Antal mål';
    case 'malHelt': return 'Mål, uppfylls helt';
    case 'malDelvis': return 'Mål, uppfylls delvis';
    case 'malInte': return 'Mål, uppfylls inte';
    case 'malIngaData': return 'Mål, inga data';
    case 'andelMalHelt': return 'Mål som uppfylls helt %';
    case 'antalIndikatorer': return 'Antal indikatorer';
    case 'indikatorerHelt': return 'Indikatorer, uppfylls helt';
    case 'indikatorerDelvis': return 'Indikatorer, uppfylls delvis';
    case 'indikatorerInte': return 'Indikatorer, uppfylls inte';
    case 'indikatorerEjBedomda': return 'Indikatorer, ej bedömda';
    case 'andelIndikatorerHelt': return 'Indikatorer som uppfylls helt %';
    case 'indikatorMalvarde': return 'Målvärde';
    case 'indikatorUtfall': return `Utfall ${p.year}`;
    case 'indikatorUppfyllnad': return 'Uppfyllnad %';
    case 'indikatorStatus': return 'Status';
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
