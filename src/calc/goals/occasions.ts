/**
 * Reporting occasions: an indicator is assessed only in the reports it belongs to. With the default months,
 * M = every month, D1 = the April report, D2 = the August report, Å = the December report (årsredovisning).
 * A yearly (Å) indicator is therefore not assessed in April or August, and an indicator that states no occasion
 * at all is assessed at every report.
 */
import type { Period } from '../../model/period.js';
import type { Measurement, Occasion } from '../../model/goals.js';
import { periodKey } from '../../model/period.js';
import type { GoalRules } from '../../model/goal-rules.js';

/** Whether an indicator with these occasions is due in the report for `period`. */
export function isDue(occasions: readonly Occasion[], period: Period, months: GoalRules['occasionMonths']): boolean {
  if (occasions.length === 0) return true;
  return occasions.some((o) => o === 'M' || months[o] === period.month);
}

/**
 * The first month whose outcome still counts as current in the report for `period`: the month after the previous
 * occasion the indicator was due at this year, or `maxLag` months back (HR figures lag a month), whichever is
 * earlier. Examples (maxLag 1): D1/D2/Å in August → May (April's outcome is April's, not August's);
 * M in August → July; Å in December → January (one outcome a year); D2 in August → January.
 */
export function earliestCurrentMonth(
  occasions: readonly Occasion[],
  period: Period,
  months: GoalRules['occasionMonths'],
  maxLag: number,
): number {
  let previousDue = 0;
  for (let mo = period.month - 1; mo >= 1 && occasions.length > 0; mo--) {
    if (isDue(occasions, { year: period.year, month: mo }, months)) {
      previousDue = mo;
      break;
    }
  }
  return Math.max(1, Math.min(previousDue + 1, period.month - maxLag));
}

/**
 * The measurement to assess in the report for `period`: the latest one from `firstMonth` (see
 * `earliestCurrentMonth`) up to and including the report month, or the export's undated "current" outcome.
 * A follow-up with neither an outcome nor a person's assessment counts as missing. Measurements after the report month are never used.
 */
export function currentMeasurement(measurements: readonly Measurement[], period: Period, firstMonth = 1): Measurement | null {
  const last = periodKey(period);
  const first = period.year * 100 + firstMonth;
  let best: Measurement | null = null;
  for (const m of measurements) {
    if (m.value === null && (m.text === null || m.text.trim() === '') && m.assessment === null) continue;
    if (m.period === null) {
      if (best === null || best.period !== null) best = m;
      continue;
    }
    if (m.period < first || m.period > last) continue;
    if (best === null || (best.period !== null && m.period > best.period)) best = m;
  }
  return best;
}
