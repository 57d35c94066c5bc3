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
/** Raindance's names of utfall, budget and prognos: read when the config names none and the file has them. */
export const DEFAULT_MEASURES = ['Utfall', 'Budget', 'Prognos'] as const;

export function ledgerColumnMap(spec: LedgerSourceSpec): LedgerColumnMap | null {
  const cols = spec.columns;
  const yearMonth = cols.period === '' || cols.period === undefined;
  if (yearMonth && !(cols.year && cols.month)) return null;
  const period: LedgerColumnMap['period'] = yearMonth ? { year: cols.year!, month: cols.month! } : { period: cols.period! };
  const periodColumns = 'period' in period ? [period.period] : [period.year, period.month];
  // A measure the config names must be in the file (required); one it leaves out is read under Raindance's name
  // when the file has it (optional).
  // "" says the export has no such column: nothing is read for it ("" matches no header).
  const measures = [cols.actual ?? DEFAULT_MEASURES[0], cols.budget ?? DEFAULT_MEASURES[1], cols.forecast ?? DEFAULT_MEASURES[2]] as const;
  const named = [cols.actual, cols.budget, cols.forecast].filter((m): m is string => m !== undefined && m !== '');
  const unnamed = measures.filter((m) => m !== '' && !named.includes(m));
  return {
    costCentre: cols.costCentre,
    account: cols.account,
    costCentreName: cols.costCentreName,
    accountName: cols.accountName,
    period,
    measures,
    required: [cols.costCentre, cols.account, ...periodColumns, ...named],
    optional: [cols.costCentreName, cols.accountName, ...unnamed],
  };
}
