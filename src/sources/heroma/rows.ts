/**
 * How an HR reader gets its rows: a CSV extract streamed in chunks through the one streaming table,
 * `streamCsvTable` (sources/table.ts), each row handed to the reader as it is read — never the file's text, never a
 * table of all rows, no size limit — and a workbook through `openTable`. The reader is the same code either way (a
 * `RowReader`), and the streamed table is `readTable`'s, row for row and diagnostic for diagnostic, so both give the
 * records and diagnostics of reading the extract whole (`tests/personnel/hr-stream.test.ts`).
 *
 * A file whose encoding or CSV structure turns out to need it is read again from the start with a new `RowReader`
 * (see `streamCsvTable`). What the rows of an earlier reading did to the run's shared state (the pseudonymiser, the
 * person registry) is undone first (`Checkpoint`), so the pseudonyms and persons are those of one reading.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import { isStreamed, type InputDigest, type LoadedSource, type ReadResult } from '../../model/records.js';
import { readStreamedChunks, streamReadDiagnostic } from '../../io/read-source.js';
import {
  DiagnosticSink,
  emptyTableData,
  openTable,
  replayDiagnostics,
  resolveFormat,
  streamCsvTable,
  type ByteChunks,
  type ReadOptions,
  type TableData,
  type TableHead,
  type TableRow,
  type TableRowSink,
  type TableSpec,
} from '../table.js';

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

/** State shared beyond one reader (the run's pseudonymiser and persons): saved before reading, restored by the result. */
export interface Checkpoint {
  checkpoint(): () => void;
}

const CHUNK = 1 << 20;

function* byteChunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
}

/** A reader's result; for a streamed file read to its end, the size and SHA-256 of the bytes read (for the manifest). */
export interface RowsResult<T> extends ReadResult<T> {
  readonly digest?: InputDigest;
}

/** The rows of a streamed table into a `RowReader`, its diagnostics kept apart until the table's are known. */
class ReaderSink<T> implements TableRowSink {
  reader: RowReader<T> | null = null;
  readonly diagnostics: DiagnosticSink;

  constructor(
    private readonly make: MakeRowReader<T>,
    max: number,
  ) {
    this.diagnostics = new DiagnosticSink(max);
  }

  start(table: TableData): boolean {
    this.reader = this.make(table, this.diagnostics);
    return true;
  }

  row(row: TableRow): void {
    this.reader!.row(row);
  }
}

/** Reads an extract with `make`'s reader: streamed when it is CSV, through `openTable` otherwise (see the file comment). */
export async function readRows<T>(input: LoadedSource, spec: TableSpec, options: ReadOptions, make: MakeRowReader<T>, shared?: Checkpoint): Promise<RowsResult<T>> {
  const file = input.displayName;
  const max = options.maxDiagnosticsPerCode ?? 50;
  if (!isStreamed(input) && resolveFormat(input, spec.format ?? 'auto') !== 'csv') {
    const { table, sink } = await openTable(input, spec, options);
    const reader = make(table, sink);
    for (const row of table.rows) reader.row(row);
    reader.finish();
    return reader.result(sink.finish(file));
  }
  // No size limit unless one is given (as for the ledger): the file is never held.
  const size = isStreamed(input) ? input.size : input.bytes.length;
  if (options.maxBytes !== undefined && size > options.maxBytes) {
    return unread(file, max, make, diag('io.file-too-large', { size, limit: options.maxBytes }, { file }));
  }
  // Each reading hashes what it reads; the last one, read to its end, is the file's size and SHA-256.
  let digest: InputDigest | undefined;
  const chunks: ByteChunks = isStreamed(input)
    ? async function* () {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of readStreamedChunks(input, CHUNK)) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
      digest = { bytes, sha256: hash.digest('hex') };
    }
    : () => byteChunks(input.bytes);
  const restore = shared?.checkpoint();
  let readings = 0;
  const makeSink = (): ReaderSink<T> => {
    if (readings++ > 0) restore?.();
    return new ReaderSink(make, max);
  };
  let read;
  try {
    read = await streamCsvTable(chunks, file, spec, options, makeSink);
  } catch (err) {
    if (!isStreamed(input) || !(err instanceof Error) || !('syscall' in err)) throw err;
    restore?.();
    return unread(file, max, make, streamReadDiagnostic(err, input));
  }
  const sink = new DiagnosticSink(max);
  sink.addAll(read.diagnostics);
  let r: ReadResult<T>;
  const reading = read.sink;
  if (reading?.reader) {
    if (read.thrown !== undefined) throw read.thrown;
    reading.reader.finish();
    replayDiagnostics(reading.diagnostics, sink);
    r = reading.reader.result(sink.finish(file));
  } else {
    // No table: the rows a reading handed over do not count.
    if (readings > 0) restore?.();
    const reader = make(read.table, sink);
    reader.finish();
    r = reader.result(sink.finish(file));
  }
  return digest ? { ...r, digest } : r;
}

/** A file that could not be read: its one diagnostic, and a reader's result without rows. */
function unread<T>(file: string, max: number, make: MakeRowReader<T>, d: Diagnostic): ReadResult<T> {
  const sink = new DiagnosticSink(max);
  sink.add(d);
  const reader = make(emptyTableData(file), sink);
  reader.finish();
  return reader.result(sink.finish(file));
}
