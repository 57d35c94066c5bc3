import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { prepareAggregation } from '../sources/ledger/aggregate.js';

/**
 * The configuration's ledger is about to be read. One of 16 MiB and more is summed in a worker thread while this
 * thread parses it (sources/ledger/aggregate.ts); on a small VM starting that thread takes 60–120 ms and its table's
 * fresh memory another ~90 ms, which the reader used to wait for when it started the worker on finding the ledger's
 * header (92–110 ms of waiting, measured at 1M lines). The commands that read the sources start the worker before
 * their own code loads (cli/main.ts); here, once the configuration names the ledger and before the organisation and
 * the other sources are read, it is told to prepare its table when the ledger is that large (`prepareAggregation`,
 * which also starts the worker if no command did). Measured: the reader's wait fell to 0–18 ms; told only from here,
 * without the early start, it was 56–77 ms.
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
