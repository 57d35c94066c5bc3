/**
 * Source lines behind a figure (`rapport explain`): where each amount was read, and the keys it was summed by. Only
 * what an explanation shows; records for the figures themselves are in records.ts.
 */

/** One amount as it was read from a source line, in report sign (income positive, costs negative), in öre. */
export interface TracedAmount {
  /** The file as the configuration names it. */
  readonly file: string;
  readonly sheet?: string;
  /** Line in a text file (1-based) or the Excel row number. */
  readonly row: number;
  readonly costCentre: string;
  readonly account?: string;
  /** The report row a forecast line names (forecasts per report row). */
  readonly reportRow?: string;
  /** YYYYMM, for ledger lines. */
  readonly period?: number;
  /** The investment project, for investment lines. */
  readonly project?: string;
  readonly amount: number;
}

/** A ledger detail line with its amounts in report sign (null: the cell was empty). */
export interface TracedLedgerLine {
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
  readonly costCentre: string;
  readonly account: string;
  /** YYYYMM */
  readonly period: number;
  readonly actual: number | null;
  readonly budget: number | null;
}
