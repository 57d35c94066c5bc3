/**
 * The reading layer: bytes → typed records + diagnostics. Every reader is a pure async function of a `SourceInput`
 * (bytes + display name) and its source spec from the config; `loadSource` (src/io/read-source.ts) is the only part
 * that touches the file system.
 *
 * Readers always return a value; when `diagnostics` holds an error the value may be partial and must not be used
 * for figures (`hasErrors`).
 */
export { readLedger, isSumLabel } from './read-ledger.js';
export { readOrganisation } from './read-organisation.js';
export { readAccountGroups } from './read-account-groups.js';
export { readInvestments } from './read-investments.js';
export { readForecasts } from './read-forecasts.js';
export {
  readTable,
  resolveFormat,
  normaliseHeader,
  hasErrors,
  readText,
  AmountColumn,
  PeriodColumn,
  DiagnosticSink,
  type TableData,
  type TableRow,
  type TableSpec,
  type TableFormat,
  type ReadOptions,
  type CellKind,
} from './table.js';
export {
  parseAmount,
  isAmountIssue,
  amountValue,
  amountDiagnostic,
  UNIT_EXPONENT,
  type AmountOptions,
  type AmountParse,
  type AmountIssue,
  type AmountIssueCode,
  type AmountUnit,
} from './parse-amount.js';
export {
  parsePeriod,
  parseYearAndMonth,
  excelSerialToIsoDate,
  swedishMonth,
  isPeriodIssue,
  periodDiagnostic,
  type ParsedPeriod,
  type PeriodFormat,
  type PeriodIssue,
  type PeriodIssueCode,
  type PeriodParse,
  type PeriodOptions,
} from './parse-period.js';
export { loadSource, type LoadResult, type LoadableSpec } from '../io/read-source.js';
export type * from '../model/records.js';
