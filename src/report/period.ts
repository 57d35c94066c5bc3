/**
 * The report period with its Swedish words, computed once here so that no renderer parses "YYYY-MM" back or spells
 * a month itself. Reports are year to date: a period of August 2024 covers "januari–augusti 2024".
 */
import { formatPeriod, monthName, type Period } from '../model/period.js';
import type { ReportPeriod } from './model.js';

export function reportPeriod(p: Period): ReportPeriod {
  const name = monthName(p.month);
  return {
    year: p.year,
    month: p.month,
    code: formatPeriod(p),
    monthName: name,
    span: p.month === 1 ? `januari ${p.year}` : `januari–${name} ${p.year}`,
  };
}
