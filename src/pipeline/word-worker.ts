/** A Word-rendering worker thread (see word-pool.ts): receives jobs, posts back the bytes or the template's findings. */
import { parentPort } from 'node:worker_threads';
import { renderWordJob, type WordJob } from './word-pool.js';

parentPort!.on('message', (msg: { id: number; job: WordJob }) => {
  renderWordJob(msg.job).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
