import type { Diagnostic, SourceLocation } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import type { Ledger } from '../../model/records.js';

/**
 * The ledger's own rules that are not about one cell: which rows are sum rows, the sign, names of codes, the
 * order of codes, and the messages about duplicate keys and skipped rows. Both ledger readers use them (the
 * general reader in read-ledger.ts and the byte-level fast path in fast-reader.ts).
 */

const SUM_LABEL = /^(?:summa|totalt?)(?:$|[\s:.,\-–])/i;

/** "Summa", "Summa 110100", "Totalt:", "Total" — the labels report exports put on sum rows. */
export function isSumLabel(text: string): boolean {
  return SUM_LABEL.test(text);
}

/**
 * An amount in report sign (income positive) from one in file sign: negated when the export is in ledger sign
 * (debet positive). Never gives -0.
 */
export function toReportSign(value: number, sign: 'ledger' | 'report'): number {
  return sign === 'ledger' ? (value === 0 ? 0 : -value) : value;
}

/** The name of a code from its name cell: trimmed and NFC-normalised; null when empty (the next row may name it). */
export function codeName(cell: string): string | null {
  const n = cell.trim();
  return n === '' ? null : n.normalize('NFC');
}

/** Codes are ordered by UTF-16 code units (not locale): "0100" before "100", deterministic everywhere. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function emptyLedger(sign: 'ledger' | 'report'): Ledger {
  return { costCentres: [], accounts: [], entries: [], costCentreNames: new Map(), accountNames: new Map(), dataRows: 0, sourceSign: sign };
}

/** A detail row whose ansvar × konto × period was on an earlier row (`duplicates: error`). */
export function duplicateKeyDiagnostic(
  key: { readonly costCentre: string; readonly account: string; readonly period: number; readonly firstRow: number },
  location: SourceLocation,
): Diagnostic {
  return diag('ledger.duplicate-key', key, location, key.account);
}

/** Rows summed into an earlier row's key (`duplicates: sum`): how many, the first five, at the first. */
export function duplicatesSummedDiagnostic(count: number, firstRows: readonly number[], location: SourceLocation): Diagnostic {
  return diag('ledger.duplicates-summed', { count, rows: firstRows.slice(0, 5).join(', ') }, location);
}

/** Rows without ansvar or konto and without amounts, skipped. */
export function emptyKeyRowsDiagnostic(count: number, firstRows: readonly number[], location: SourceLocation): Diagnostic {
  return diag('ledger.empty-key-row', { count, rows: firstRows.slice(0, 5).join(', ') }, location);
}
