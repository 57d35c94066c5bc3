/**
 * The measure catalogue (config/layout-schema.ts MEASURE_IDS): what each measure id of a layout column shows for a
 * row, and its default heading. Economy figures are computed in `calc/economy.ts` (RowFigures, each formula
 * documented there); investment figures in `calc/investments.ts`. The two shares are computed here, exactly:
 *
 * - andelAvOmsattning  = the row's ack utfall / ack utfall of the unit's income section(s) (verksamhetens intäkter)
 * - andelAvNettokostnad = the row's ack utfall / the unit's net ack utfall (verksamhetens nettokostnad)
 *
 * both as exact ratios of öre (blank when either side has no data or the denominator is 0).
 */
import type { MeasureId } from '../config/layout-schema.js';
import type { RowFigures } from '../calc/economy.js';
import type { InvestmentFigures } from '../calc/investments.js';
import type { MaybeOre } from '../model/ore.js';
import type { Ratio } from '../model/figures.js';
import type { Period } from '../model/period.js';
import { monthName } from '../model/period.js';

/** A measure's value for one row: an amount in öre or an exact ratio (shown as percent); null = no data. */
export type MeasureValue = { readonly kind: 'money'; readonly ore: MaybeOre } | { readonly kind: 'percent'; readonly ratio: Ratio | null };

/** What the shares are taken of, for the unit the table is about. */
export interface ShareBases {
  /** Ack utfall of the unit's income sections together (null when the grouping has none or no data). */
  readonly income: MaybeOre;
  /** The unit's net ack utfall. */
  readonly net: MaybeOre;
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

/** The RowFigures field an economy measure shows (`forandringProcent` is RowFigures.change); null for the shares. */
export function economyField(m: MeasureId): Exclude<keyof RowFigures, 'forecastMethods'> | null {
  if (m === 'forandringProcent') return 'change';
  if (m === 'andelAvOmsattning' || m === 'andelAvNettokostnad') return null;
  return ECONOMY_FIELD[m];
}

/** An exact ratio a/b with a positive denominator; null when either is missing or b is 0. */
export function shareOf(a: MaybeOre, b: MaybeOre): Ratio | null {
  if (a === null || b === null || b === 0) return null;
  return b < 0 ? { num: -a, den: -b } : { num: a, den: b };
}

/** A measure of an economy row (a report row, a section total, the net, a child unit's net). */
export function economyMeasure(f: RowFigures, m: MeasureId, bases: ShareBases): MeasureValue {
  switch (m) {
    case 'forandringProcent': return { kind: 'percent', ratio: f.change };
    case 'andelAvOmsattning': return { kind: 'percent', ratio: shareOf(f.ackActual, bases.income) };
    case 'andelAvNettokostnad': return { kind: 'percent', ratio: shareOf(f.ackActual, bases.net) };
    default: return { kind: 'money', ore: f[ECONOMY_FIELD[m]] };
  }
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
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
