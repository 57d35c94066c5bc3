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

/**
 * The mapping, or null when the config asks for year + month in two columns (`period: ""`) without naming both
 * (`config.invalid`).
 */
export function ledgerColumnMap(spec: LedgerSourceSpec): LedgerColumnMap | null {
  const cols = spec.columns;
  const yearMonth = cols.period === '' || cols.period === undefined;
  if (yearMonth && !(cols.year && cols.month)) return null;
  const period: LedgerColumnMap['period'] = yearMonth ? { year: cols.year!, month: cols.month! } : { period: cols.period! };
  const periodColumns = 'period' in period ? [period.period] : [period.year, period.month];
  const measures = [cols.actual, cols.budget, cols.forecast] as const;
  return {
    costCentre: cols.costCentre,
    account: cols.account,
    costCentreName: cols.costCentreName,
    accountName: cols.accountName,
    period,
    measures,
    required: [cols.costCentre, cols.account, ...periodColumns],
    optional: [cols.costCentreName, cols.accountName, ...measures],
  };
}
