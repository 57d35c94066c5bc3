import iconv from 'iconv-lite';
import { expect } from 'vitest';
import { formatLocation, type Diagnostic } from '../../src/model/diagnostics.js';
import type { SourceInput } from '../../src/model/records.js';

/**
 * Fixture helpers. Invisible bytes (encodings, BOMs, NBSP, line endings) are generated here in code so the tests say
 * what they contain.
 */

export type Eol = '\r\n' | '\n' | '\r';

/** UTF-8 bytes of lines joined by `eol` (with a final `eol`). */
export function utf8(lines: readonly string[], eol: Eol = '\r\n'): Uint8Array {
  return new Uint8Array(Buffer.from(lines.join(eol) + eol, 'utf8'));
}

/** Windows-1252 bytes of lines (as Raindance writes them). */
export function cp1252(lines: readonly string[], eol: Eol = '\r\n'): Uint8Array {
  return new Uint8Array(iconv.encode(lines.join(eol) + eol, 'windows-1252'));
}

export function bytesOf(...parts: Array<Uint8Array | number[] | string>): Uint8Array {
  const bufs = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p as Uint8Array)));
  return new Uint8Array(Buffer.concat(bufs));
}

export function input(bytes: Uint8Array, displayName = 'data/huvudbok.csv'): SourceInput {
  return { bytes, displayName };
}

/** A diagnostic as the CLI prints it: location, then message. */
export function rendered(d: Diagnostic): string {
  return `${formatLocation(d.location)}: ${d.message}`;
}

export function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => d.code);
}

export function errorsOf(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.severity === 'error');
}

/**
 * Asserts that `ds` holds a diagnostic `code` of the given severity and that what the user reads names the file,
 * sheet, row, column and raw value. Returns it for further checks.
 */
export function expectDiagnostic(
  ds: readonly Diagnostic[],
  code: string,
  where: { file: string; sheet?: string; row?: number; column?: string; value?: string; severity?: Diagnostic['severity'] },
): Diagnostic {
  const d = ds.find((x) => x.code === code);
  expect(d, `expected ${code} among ${JSON.stringify(codes(ds))}`).toBeDefined();
  const diagnostic = d!;
  expect(diagnostic.severity).toBe(where.severity ?? 'error');
  const text = rendered(diagnostic);
  expect(text).toContain(where.file);
  expect(diagnostic.location?.file).toBe(where.file);
  if (where.sheet !== undefined) {
    expect(diagnostic.location?.sheet).toBe(where.sheet);
    expect(text).toContain(`blad ${where.sheet}`);
  }
  if (where.row !== undefined) {
    expect(diagnostic.location?.row).toBe(where.row);
    expect(text).toContain(`rad ${where.row}`);
  }
  if (where.column !== undefined) {
    expect(diagnostic.location?.column).toBe(where.column);
    expect(text).toContain(`kolumn ${where.column}`);
  }
  if (where.value !== undefined) {
    expect(diagnostic.value).toBe(where.value);
    expect(diagnostic.message).toContain(where.value);
  }
  return diagnostic;
}
