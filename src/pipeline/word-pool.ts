/**
 * Renders Word documents on worker threads, so a batch of units uses every core: laying out a report (the table
 * of contents' page numbers) is CPU-bound and takes about a second per unit. With one core, or when running from
 * the TypeScript sources (tests), it renders in this thread instead — same code, same bytes.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReportModel } from '../report/model.js';
import type { TemplateFinding } from '../render/docx/index.js';

export interface WordJob {
  readonly model: ReportModel;
  readonly final: boolean;
  /** The organisation's own template, when one is used. */
  readonly template?: { readonly bytes: Uint8Array; readonly fileName: string };
}

export type WordResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly warnings: readonly TemplateFinding[] }
  | { readonly ok: false; readonly templateFindings: readonly TemplateFinding[] };

/** Renders one job in the current thread (also what each worker runs). */
export async function renderWordJob(job: WordJob): Promise<WordResult> {
  // Loaded here, not at the top: a run without Word output never loads the docx library.
  const { fillTemplate, renderDocx, TemplateError } = await import('../render/docx/index.js');
  const warnings: TemplateFinding[] = [];
  try {
    const bytes = job.template
      ? await fillTemplate(job.model, job.template.bytes, { fileName: job.template.fileName, final: job.final, onWarning: (f) => warnings.push(f) })
      : await renderDocx(job.model, { final: job.final });
    return { ok: true, bytes, warnings };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, templateFindings: e.findings };
    throw e;
  }
}

interface Pending {
  resolve: (r: WordResult) => void;
  reject: (e: Error) => void;
}

/** The young generation of each Word worker's heap, in MB (see the constructor). */
const WORKER_YOUNG_GENERATION_MB = 64;

export class WordPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; job: WordJob }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** `size` 0 renders in this thread. */
  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      // A larger young generation than Node's default: building a Word file allocates many short-lived objects, and
      // with the default a sixth of a worker's time went to collecting them. Measured on the 300-unit bench batch
      // (2 CPUs, Word + Excel): 53 s with the default, 47 s with 64 MB and a peak RSS about 90 MB higher (128 MB: 43 s,
      // +220 MB).
      const w = new Worker(new URL('./word-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      w.on('message', (msg: { id: number; result?: WordResult; error?: string }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (p) {
          if (msg.result) p.resolve(msg.result);
          else p.reject(new Error(msg.error ?? 'okänt fel i Word-renderingen'));
        }
        this.idle.push(w);
        this.pump();
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** One worker per core beyond the first (the main thread keeps rendering the other formats), at most `jobs`. */
  static forJobs(jobs: number): WordPool {
    const fromSources = !import.meta.url.endsWith('.js');
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    return new WordPool(fromSources || jobs < 2 ? 0 : Math.min(jobs, Math.max(1, cores)));
  }

  render(job: WordJob): Promise<WordResult> {
    if (this.workers.length === 0) return renderWordJob(job);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, job });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const { id, job } = this.queue.shift()!;
      w.postMessage({ id, job });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
