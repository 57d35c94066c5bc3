#!/usr/bin/env node
// Rendering benchmark (issue 3, item 10): the example region's largest unit report rendered to Word and Excel
// RUNS times in one process. Prints a Markdown section for docs/performance.md: time per report (Word + Excel,
// charts and the table of contents' page numbers included) and memory across the runs (heap after GC and RSS), to
// show it stays flat; and, for the same document, how long docx/layout takes to work out the page numbers that
// src/render/docx/page-estimate.ts works out.
//   node --expose-gc scripts/bench-render.mjs [runs]
import os from 'node:os';
import path from 'node:path';
import { cpuBusy } from './lib/quiet.mjs';

const RUNS = Number(process.argv[2] ?? 50);
/** Seconds to wait at most, before each run, for a second in which the CPUs are at most 15 % busy. */
const RUN_QUIET_WAIT_S = 5;
const dist = new URL('../dist/', import.meta.url);
const { loadConfig } = await import(new URL('config/load-config.js', dist).href);
const { runPipeline, buildUnitReport } = await import(new URL('pipeline/run.js', dist).href);
const { loadTextTemplates } = await import(new URL('pipeline/templates.js', dist).href);
const { loadNarratives } = await import(new URL('pipeline/narratives.js', dist).href);
const { renderDocx, buildDocument } = await import(new URL('render/docx/index.js', dist).href);
const { fastPageNumbers } = await import(new URL('render/docx/page-estimate.js', dist).href);
const { renderXlsx } = await import(new URL('render/xlsx.js', dist).href);
const { WordPool } = await import(new URL('pipeline/word-pool.js', dist).href);
const { selectUnits } = await import(new URL('pipeline/run.js', dist).href);
const { Packer } = await import('docx');
const { estimatePageNumbers } = await import('docx/layout');

/**
 * Every unit's report model, built as `rapport generate` builds them; the pipeline's data (ledger, HR, goals) is
 * dropped afterwards, so what is measured is the rendering of a model, in a process holding only the models.
 */
async function buildModels() {
  const loaded = await loadConfig(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'rapport.config.yaml'));
  if (!loaded.ok) throw new Error('rapport.config.yaml');
  const period = { year: 2024, month: 8 };
  const result = await runPipeline(loaded.value, period);
  if (!result.data) throw new Error('pipeline failed');
  const { config, dir } = loaded.value;
  const texts = await loadTextTemplates(undefined, config.units.text);
  const { loadLayout } = await import(new URL('pipeline/layout.js', dist).href);
  const layout = (await loadLayout(loaded.value)).value.layout;
  const out = [];
  for (const unit of selectUnits(result.data.hierarchy, config.report.unitLevels, undefined)) {
    const narratives = await loadNarratives(config.narrative ? path.resolve(dir, config.narrative) : undefined, unit.id);
    out.push({ root: unit === result.data.hierarchy.root, model: buildUnitReport(result.data, unit, { loaded: loaded.value, texts, layout, narratives, warnings: [] }) });
  }
  return { out, data: result.data };
}
const pipeline = await buildModels();
const built = pipeline.out;
const models = built.map((b) => b.model);
// The largest report: the region's own (every section, goals and personnel included).
const model = built.find((b) => b.root).model;
const tables = JSON.stringify(model).split('"type":"table"').length - 1;
const charts = JSON.stringify(model).split('"type":"chart"').length - 1;

const quietRun = () => {
  const until = Date.now() + RUN_QUIET_WAIT_S * 1000;
  let busy = cpuBusy(500);
  while (busy !== null && busy > 0.15 && Date.now() < until) busy = cpuBusy(500);
  return busy;
};

const gc = globalThis.gc ?? (() => {});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// First with the pipeline's data still in memory, as a one-unit `rapport generate --unit` renders (its larger heap
// makes garbage collection dearer); then without it, for the rest.
const withData = [];
for (let i = 0; i < 10; i++) {
  quietRun();
  const t0 = performance.now();
  await renderDocx(model, {});
  await renderXlsx(model);
  withData.push((performance.now() - t0) / 1000);
}
const heldMb = process.memoryUsage().heapUsed / 2 ** 20;
pipeline.data = null;
gc();
const runs = [];
const memory = [];
let docxBytes = 0;
let xlsxBytes = 0;
for (let i = 1; i <= RUNS; i++) {
  const busy = quietRun();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const docx = await renderDocx(model, {});
  const t1 = performance.now();
  const xlsx = await renderXlsx(model);
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  runs.push({ total: (t2 - t0) / 1000, word: (t1 - t0) / 1000, excel: (t2 - t1) / 1000, cpu: (cpu.user + cpu.system) / 1e6, busy });
  docxBytes = docx.length;
  xlsxBytes = xlsx.length;
  if (i === 1 || i === 10 || i === 25 || i === RUNS) {
    gc();
    memory.push({ run: i, heapMb: process.memoryUsage().heapUsed / 2 ** 20, rssMb: process.memoryUsage().rss / 2 ** 20 });
  }
}

// The page numbers of the same document, worked out both ways (each three times, the best kept).
const timeEstimator = async (estimator) => {
  let best = Infinity;
  let pages;
  for (let i = 0; i < 3; i++) {
    quietRun();
    await Packer.toBuffer(
      buildDocument(model, {
        pageNumberEstimator: (body, context) => {
          const t0 = performance.now();
          const r = estimator(body, context);
          best = Math.min(best, (performance.now() - t0) / 1000);
          pages = r.pageCount;
          return r;
        },
      }),
    );
  }
  return { seconds: best, pages };
};
const fast = await timeEstimator(fastPageNumbers);

// A batch, as `rapport generate` renders one: every unit's report to Word on the worker threads of its WordPool
// (one per core) while this thread renders the Excel files. Models are built first; the time is the rendering only.
const batchTimes = [];
let workerCount = 0;
for (let i = 0; i < 3; i++) {
  quietRun();
  const t0 = performance.now();
  const pool = WordPool.forJobs(models.length);
  workerCount = pool.workers.length;
  try {
    const words = models.map((m) => pool.render({ model: m, final: false }));
    for (const m of models) await renderXlsx(m);
    for (const w of words) if (!(await w).ok) throw new Error('Word rendering failed');
  } finally {
    await pool.close();
  }
  batchTimes.push((performance.now() - t0) / 1000);
}
const batch = Math.min(...batchTimes);
const layout = await timeEstimator(estimatePageNumbers);

const totals = runs.map((r) => r.total);
const sorted = [...totals].sort((a, b) => a - b);
const busies = runs.map((r) => r.busy).filter((b) => b !== null);
const quiet = busies.filter((b) => b <= 0.15).length;
const dec = (x, d = 2) => x.toFixed(d).replace('.', ',');
const ms = (s) => `${Math.round(s * 1000)} ms`;
const lines = [
  '## Rendering: one unit report to Word and Excel',
  '',
  `Generated by \`npm run bench\` (scripts/bench-render.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} CPUs, 1-minute load average ${dec(os.loadavg()[0], 1)} at the end.`,
  '',
  `The example region's largest unit report (${model.meta.unit}: ${tables} tables, ${charts} native charts, ${fast.pages} pages, Word ${Math.round(docxBytes / 1024)} kB, Excel ${Math.round(xlsxBytes / 1024)} kB) rendered ${RUNS} times in one process that holds the report models only (the pipeline's data is dropped once they are built), the table of contents' page numbers included. Before each run the script waits up to ${RUN_QUIET_WAIT_S} s for half a second in which the CPUs are at most 15 % busy: ${busies.length === 0 ? 'not measured here' : `${quiet} of ${busies.length} runs started quiet, the others with the CPUs up to ${Math.round(Math.max(...busies) * 100)} % busy with other work`}.`,
  '',
  '| measure | value |',
  '| --- | ---: |',
  `| Word + Excel per report, best | ${dec(sorted[0])} s |`,
  `| Word + Excel per report, median | ${dec(median(totals))} s |`,
  `| Word + Excel per report, slowest | ${dec(sorted[sorted.length - 1])} s |`,
  `| CPU time of the process per report (all its threads, garbage collection included), median | ${dec(median(runs.map((r) => r.cpu)))} s |`,
  `| with the pipeline's data also in memory (heap ${Math.round(heldMb)} MB), as a one-unit run renders: median of 10 | ${dec(median(withData))} s |`,
  `| of which Word (median) | ${ms(median(runs.map((r) => r.word)))} |`,
  `| of which Excel (median) | ${ms(median(runs.map((r) => r.excel)))} |`,
  `| a batch of all ${models.length} unit reports, Word on ${workerCount} worker threads and Excel here: wall time, best of 3 | ${dec(batch)} s |`,
  `| the batch, per report | ${dec(batch / models.length)} s |`,
  `| table of contents' page numbers: rapport's layout (page-estimate.ts), best of 3 | ${ms(fast.seconds)} |`,
  `| the same page numbers by docx/layout, best of 3 (for comparison; not used for the default report) | ${ms(layout.seconds)} |`,
  ...memory.map((m) => `| heap after GC / RSS after report ${m.run} | ${dec(m.heapMb, 1)} MB / ${dec(m.rssMb, 0)} MB |`),
  '',
  `Target (issue 3, item 10): under 0,5 s per unit report and memory flat across the runs. **Time, one report after another in one thread: ${median(totals) < 0.5 ? 'reached' : 'not reached'} (median ${dec(median(totals))} s); in a batch as \`rapport generate\` renders it: ${dec(batch / models.length)} s per report. Memory: heap after GC ${dec(memory[0].heapMb, 1)} → ${dec(memory[memory.length - 1].heapMb, 1)} MB over ${RUNS} reports.**`,
  '',
  "The page numbers come from rapport's own layout of the default report (src/render/docx/page-estimate.ts), which",
  "lays out the part of Word's layout the report uses with docx/layout's widths and rules; the tests require it to give",
  'the page docx/layout gives for every heading of every example report. What it does not lay out (a branded template,',
  'another font) goes to docx/layout. Most of the remaining Word time is the `docx` library formatting and writing the',
  'XML; a batch renders Word files on worker threads, one per core (src/pipeline/word-pool.ts).',
  '',
];
console.log(lines.join('\n'));
