import type { LedgerSourceSpec } from '../../config/schema.js';

/**
 * The ledger's columns as the config names them, in the shapes both ledger readers use: the general reader
 * (`readLedger` on a table) and the byte-level fast path find the header and their columns with this one mapping.
 */
export interface LedgerColumnMap {
  readonly costCentre: string;
  readonly account: string;
  readonly costCentreName: string;
  readonly accountName: string;
  /** One period column, or year + month in two. */
  readonly period: { readonly period: string } | { readonly year: string; readonly month: string };
  /** Utfall, budget, prognos: the amount columns, in that order (at least one must be present). */
  readonly measures: readonly [string, string, string];
  /** Columns that must be present; they also identify the header row. */
  readonly required: readonly string[];
  /** Columns read when present. */
  readonly optional: readonly string[];
}

/** Raindance's names of utfall, budget and prognos: read when the config names none and the file has them. */
export const DEFAULT_MEASURES = ['Utfall', 'Budget', 'Prognos'] as const;

/** Raindance's name of the period column: read when the config names neither a period nor year + month. */
export const DEFAULT_PERIOD = 'Period';

/**
 * The mapping, or null when the config names only one of year and month, or says the export has no period column
 * (`period: ""`) without naming both (`config.invalid`). The period columns: a `period` the config names (not "")
 * wins; otherwise `year` + `month` when both are named; otherwise Raindance's "Period".
 */
export function ledgerColumnMap(spec: LedgerSourceSpec): LedgerColumnMap | null {
  const cols = spec.columns;
  const named = cols.period !== undefined && cols.period !== '';
  const both = Boolean(cols.year) && Boolean(cols.month);
  const one = Boolean(cols.year) !== Boolean(cols.month);
  if (!named && (one || (cols.period === '' && !both))) return null;
  const period: LedgerColumnMap['period'] = named
    ? { period: cols.period! }
    : both ? { year: cols.year!, month: cols.month! } : { period: DEFAULT_PERIOD };
  const periodColumns = 'period' in period ? [period.period] : [period.year, period.month];
  // A measure the config names must be in the file (required); one it leaves out is read under Raindance's name
  // when the file has it (optional).
  // "" says the export has no such column: nothing is read for it ("" matches no header).
  const measures = [cols.actual ?? DEFAULT_MEASURES[0], cols.budget ?? DEFAULT_MEASURES[1], cols.forecast ?? DEFAULT_MEASURES[2]] as const;
  const namedMeasures = [cols.actual, cols.budget, cols.forecast].filter((m): m is string => m !== undefined && m !== '');
  const unnamed = measures.filter((m) => m !== '' && !namedMeasures.includes(m));
  return {
    costCentre: cols.costCentre,
    account: cols.account,
    costCentreName: cols.costCentreName,
    accountName: cols.accountName,
    period,
    measures,
    required: [cols.costCentre, cols.account, ...periodColumns, ...namedMeasures],
    optional: [cols.costCentreName, cols.accountName, ...unnamed],
  };
}
