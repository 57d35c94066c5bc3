/** A worker thread that reads one byte range of a ledger file (read-range.ts) and posts its result. */
import { parentPort, workerData } from 'node:worker_threads';
import { readRange, type RangeJob } from './read-range.js';

const result = await readRange(workerData as RangeJob);
const transfer = result.aggregate ? [result.aggregate.slots.buffer as ArrayBuffer] : [];
parentPort!.postMessage(result, transfer);
