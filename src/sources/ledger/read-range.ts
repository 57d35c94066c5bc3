import { open } from 'node:fs/promises';
import type { LedgerSourceSpec } from '../../config/schema.js';
import { FastLedgerReader, type FastReaderOptions, type RangeResult, type RangeStart } from './fast-reader.js';

/**
 * One byte range of a ledger file read by its own reader (`FastLedgerReader.forRange`): in a worker thread
 * (range-worker.ts) or, from the TypeScript sources, in this one. `start` is a line start, `end` the next range's
 * start or the end of the file.
 */
export interface RangeJob {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly spec: LedgerSourceSpec;
  readonly displayName: string;
  readonly options: FastReaderOptions;
  readonly rangeStart: RangeStart;
  readonly chunkSize: number;
}

export async function readRange(job: RangeJob): Promise<RangeResult> {
  const reader = FastLedgerReader.forRange(job.spec, job.displayName, job.options, job.rangeStart, job.start);
  const fh = await open(job.path, 'r');
  try {
    let pos = job.start;
    while (pos < job.end && reader.bail === null) {
      const n = Math.min(job.chunkSize, job.end - pos);
      const target = reader.writable(n)!;
      const { bytesRead } = await fh.read(target, 0, n, pos);
      if (bytesRead === 0) break;
      reader.written(target, bytesRead);
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return reader.rangeResult();
}
