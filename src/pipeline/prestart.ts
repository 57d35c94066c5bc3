import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { prepareAggregation } from '../sources/ledger/aggregate.js';

/**
 * The configuration's ledger is about to be read. One of 16 MiB and more is summed in a worker thread while this
 * thread parses it (sources/ledger/aggregate.ts); on a small VM starting that thread takes 60–120 ms and its table's
 * fresh memory another ~90 ms, which the reader used to wait for when it started the worker on finding the ledger's
 * header. Started here, before the organisation and the other sources are read, the worker boots and prepares its
 * table meanwhile (`prepareAggregation`). Measured on the 1M-line bench ledger, whole command, in pairs against the
 * previous build: docs/performance.md. Starting it earlier still, when the command's code begins to load, gained
 * nothing more measurable and cost runs with small ledgers a thread they never use.
 *
 * Only with a second CPU to run it on; a missing or unreadable file is left to the reading (loadInputs says so).
 */
export async function prepareLedgerRead(loaded: LoadedConfig): Promise<void> {
  const spec = loaded.config.sources.ledger;
  if (availableParallelism() < 2 || spec.format === 'xlsx' || /\.xls[xm]$/i.test(spec.file)) return;
  try {
    prepareAggregation((await stat(path.resolve(loaded.dir, spec.file))).size);
  } catch {
    // Not there or not readable: loadInputs says so.
  }
}
