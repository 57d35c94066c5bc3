/**
 * How an HR reader gets its rows: a CSV extract streamed in chunks through `StreamingTable` (sources/stream-table.ts),
 * each row handed to the reader as it is read — never the file's text, never a table of all rows, no size limit —
 * or, for a workbook, a file the streaming reader hands over, or with `generalReader`, the whole table from
 * `openTable`. The reader is the same code either way (a `RowReader`), so both give the same records and the same
 * diagnostics (`tests/personnel/hr-stream.test.ts`).
 *
 * After a hand-over the general reading starts over with a new `RowReader`. What the first one already did to the
 * run's shared state is harmless: the pseudonymiser gives each id its number at its first row and the person
 * registry keeps each person's first value, so reading the same rows again, in the same order, changes neither.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { isStreamed, type InputDigest, type LoadedSource, type ReadResult, type SourceInput } from '../../model/records.js';
import { DEFAULT_MAX_TEXT_BYTES } from '../../io/decode.js';
import { readStreamedChunks, readStreamedWhole, streamReadDiagnostic } from '../../io/read-source.js';
import { StreamingTable } from '../stream-table.js';
import { DiagnosticSink, emptyTableData, openTable, resolveFormat, type ReadOptions, type TableHead, type TableRow, type TableSpec } from '../table.js';

/** A reader of an HR extract, row by row. */
export interface RowReader<T> {
  /** One data row (valid only during the call). */
  row(row: TableRow): void;
  /** After the last row: the reader's closing diagnostics into its sink. */
  finish(): void;
  /** The value, and the diagnostics (the table's and the reader's, in order) made safe to show. */
  result(diagnostics: Diagnostic[]): ReadResult<T>;
}

export type MakeRowReader<T> = (table: TableHead, sink: DiagnosticSink) => RowReader<T>;

const CHUNK = 1 << 20;

function* byteChunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
}

/** A reader's result; for a streamed file read to its end, the size and SHA-256 of the bytes read (for the manifest). */
export interface RowsResult<T> extends ReadResult<T> {
  readonly digest?: InputDigest;
}

/** Reads an extract with `make`'s reader: streamed when it is CSV, through `openTable` otherwise (see the file comment). */
export async function readRows<T>(input: LoadedSource, spec: TableSpec, options: ReadOptions, make: MakeRowReader<T>): Promise<RowsResult<T>> {
  const file = input.displayName;
  const max = options.maxDiagnosticsPerCode ?? 50;
  const csv = isStreamed(input) || resolveFormat(input, spec.format ?? 'auto') === 'csv';
  if (csv && !options.generalReader) {
    const sink = new DiagnosticSink(max);
    let reader: RowReader<T> | null = null;
    const table = new StreamingTable(file, spec, options, (head) => {
      const r = make(head, sink);
      reader = r;
      return (row) => r.row(row);
    });
    const hash = isStreamed(input) ? createHash('sha256') : null;
    let bytes = 0;
    try {
      const chunks = isStreamed(input) ? readStreamedChunks(input, CHUNK) : byteChunks(input.bytes);
      for await (const chunk of chunks) {
        hash?.update(chunk);
        bytes += chunk.length;
        table.feed(chunk);
        if (table.bail !== null) break;
      }
    } catch (err) {
      if (!isStreamed(input) || !(err instanceof Error) || !('syscall' in err)) throw err;
      return unread(file, max, make, streamReadDiagnostic(err, input));
    }
    const own = table.end();
    const done = reader as RowReader<T> | null;
    if (own && done) {
      done.finish();
      const r = done.result([...own, ...sink.finish(file)]);
      return hash ? { ...r, digest: { bytes, sha256: hash.digest('hex') } } : r;
    }
  }
  let whole: SourceInput;
  if (isStreamed(input)) {
    const limit = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
    let bytes: Uint8Array | null;
    try {
      bytes = await readStreamedWhole(input, limit);
    } catch (err) {
      if (!(err instanceof Error) || !('syscall' in err)) throw err;
      return unread(file, max, make, streamReadDiagnostic(err, input));
    }
    if (!bytes) return unread(file, max, make, diag('io.file-too-large', { size: input.size, limit }, { file }));
    whole = { bytes, displayName: file };
  } else whole = input;
  const { table, sink } = await openTable(whole, spec, options);
  const reader = make(table, sink);
  for (const row of table.rows) reader.row(row);
  reader.finish();
  const r = reader.result(sink.finish(file));
  if (!isStreamed(input)) return r;
  return { ...r, digest: { bytes: whole.bytes.byteLength, sha256: createHash('sha256').update(whole.bytes).digest('hex') } };
}

/** A file that could not be read: its one diagnostic, and a reader's result without rows. */
function unread<T>(file: string, max: number, make: MakeRowReader<T>, d: Diagnostic): ReadResult<T> {
  const sink = new DiagnosticSink(max);
  sink.add(d);
  const reader = make(emptyTableData(file), sink);
  reader.finish();
  return reader.result(sink.finish(file));
}
