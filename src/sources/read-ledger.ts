import type { LedgerSourceSpec } from '../config/schema.js';
import { createHash } from 'node:crypto';
import { isStreamed, type InputDigest, type Ledger, type LoadedSource, type ReadResult } from '../model/records.js';
import { streamReadDiagnostic } from '../io/read-source.js';
import { diag } from '../messages/index.js';
import { fileChunks, readLedgerFast, tryReadLedgerFast, type FastLedgerOptions } from './ledger/read-fast.js';
import { emptyLedger } from './ledger/rules.js';
import { readLedgerGeneral, readLedgerGeneralStream } from './ledger/read-general.js';

export { isSumLabel } from './ledger/rules.js';
export { readLedgerFast, tryReadLedgerFast, type FastLedgerOptions, type FastLedgerResult, type LedgerByteSource } from './ledger/read-fast.js';
export { readLedgerGeneral, readLedgerGeneralStream } from './ledger/read-general.js';

/** The ledger as read; for a streamed file, the size and SHA-256 of the bytes read when the reader has them. */
export interface LedgerReadResult extends ReadResult<Ledger> {
  readonly digest?: InputDigest;
}

/**
 * The ledger (Raindance saldo export) → `Ledger`: one entry per ansvar × konto × period, in report sign.
 *
 * Rules, in the order they apply to a row:
 * 1. A *sum row* is a row whose ansvar or konto cell starts with "Summa"/"Totalt"/"Total", or a row with an empty
 *    ansvar or konto but an amount. It is left out (one warning with the count) and checked: its amounts must equal
 *    the detail rows it closes — the detail rows since the previous sum row, or those together with the groups
 *    closed by the immediately preceding sum rows (so "Summa ansvar" … "Totalt" nest). A mismatch is an error: the
 *    export is incomplete. The check is skipped once a detail row had an unreadable amount (already an error).
 * 2. A row with an empty ansvar or konto and no amounts is skipped with a warning (nothing to lose).
 * 3. Otherwise a *detail row*: codes as trimmed strings (leading zeros kept: "0100" ≠ "100"), period (one format
 *    per file), amounts — an empty cell is `null` (no value), never 0. Amounts are converted from ledger sign
 *    (debet positive) to report sign (income positive) once, when the Ledger is built, when `sign: ledger`.
 * 4. Two detail rows with the same ansvar × konto × period: an error naming the first row (a saldo export has one
 *    line per key), or summed with one warning when `duplicates: sum`.
 *
 * Each rule is written once, in sources/ledger/ and the files it shares with the other readers (header.ts,
 * parse-amount.ts, parse-period.ts, table.ts), and both readers use it: the general reader (ledger/read-general.ts,
 * on the table layer) and the byte-level fast path for CSV (ledger/read-fast.ts, on the byte tokenizer of io/). The
 * aggregation (ledger/aggregate.ts, typed arrays) is where detail rows go in both.
 *
 * Output is deterministic so a differential test can compare it with the CSV fast path: `costCentres` and
 * `accounts` are the distinct codes sorted by UTF-16 code units (not locale), entries sorted by ansvar code, konto
 * code, period; a key whose rows all had empty amounts is still an entry (all three amounts `null`).
 * `dataRows` counts detail rows (rule 3), including duplicates and rows with errors.
 *
 * The sign sanity check (income accounts summing the wrong way) needs the account groups and is done by the core,
 * from the report-sign entries and `sourceSign`.
 */
export async function readLedger(input: LoadedSource, spec: LedgerSourceSpec, options: FastLedgerOptions = {}): Promise<LedgerReadResult> {
  // CSV exports go to the byte-level fast path first (~20× faster, flat memory); it gives the same Ledger and
  // diagnostics as the table-based reading (tests/fast/ compares them on every fixture and on generated files) and
  // hands anything unusual back to the general reader.
  if (isStreamed(input)) {
    // A file the input edge hands over unread (pipeline/load-inputs.ts): streamed in chunks, never held whole, of
    // any size, by either reader (a file the fast path hands back is streamed again by the general reader).
    try {
      if (options.generalReader) {
        if (options.maxBytes !== undefined && input.size > options.maxBytes) {
          return { value: emptyLedger(spec.sign), diagnostics: [diag('io.file-too-large', { size: input.size, limit: options.maxBytes }, { file: input.displayName })] };
        }
        let digest: InputDigest | undefined;
        const chunks = () => hashed(fileChunks(input.path, options.chunkSize ?? 1 << 20), (d) => (digest = d));
        const general = await readLedgerGeneralStream(chunks, input.displayName, spec, options);
        return { ...general, ...(digest ? { digest } : {}) };
      }
      const r = await readLedgerFast(input.path, spec, input.displayName, { ...options, digest: true });
      return { value: r.ledger, diagnostics: r.diagnostics, ...(r.digest ? { digest: r.digest } : {}) };
    } catch (err) {
      if (!(err instanceof Error) || !('syscall' in err)) throw err;
      return { value: emptyLedger(spec.sign), diagnostics: [streamReadDiagnostic(err, input)] };
    }
  }
  if (!options.generalReader && (options.maxBytes === undefined || input.bytes.length <= options.maxBytes)) {
    const fast = await tryReadLedgerFast(input.bytes, spec, input.displayName, options);
    if (fast) return fast;
  }
  return readLedgerGeneral(input, spec, options);
}

/** The chunks of a stream, passed on while they are hashed; `done` gets the size and SHA-256 once all were read. */
async function* hashed(chunks: AsyncIterable<Uint8Array>, done: (digest: InputDigest) => void): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
    yield chunk;
  }
  done({ bytes, sha256: hash.digest('hex') });
}
