#!/usr/bin/env node
// `npm run bench` (last part): the whole command as a user runs it — process start to exit, peak RSS of the process —
// next to DuckDB doing the same read → group → sum on the same file in its own process, interleaved run by run, at
// 1M, 5M and 10M ledger lines; then a batch of 300 unit reports with economy, goals and personnel in Word + Excel.
// Appends (or replaces) the section "## The whole command" of docs/performance.md.
//
//   node scripts/bench-command.mjs [--runs N] [--runs-1m N] [--sizes 1000000,5000000,10000000 | --sizes none] [--no-batch] [--no-pdf] [--no-write]
//
// 1M lines, the size of the DuckDB target, is run in more pairs (--runs-1m, default 7): single runs of either side on
// a small VM move by ±15 %, so the target is judged by the median of the pairs' ratios (each rapport run divided by
// the DuckDB run right after it), with the best of each side beside it.
//
// The PDF batch (the same 300 units in Word, Excel and PDF, one LibreOffice start per CPU, each over its part of the batch) runs once: it takes
// minutes. It needs LibreOffice (`soffice`) on the PATH; without it the section says it was not measured.
//
// Data goes to .bench/ (git-ignored) and is reused: the ledgers from scripts/bench-generate.mjs, an organisation and
// account groups made from their codes, and for the batch the example region doubled (its 150 ansvar and a copy of
// each, 300 units). DuckDB is installed on demand into .bench/duckdb/ as scripts/bench.mjs does (not a dependency of
// rapport). Peak RSS comes from /usr/bin/time (GNU time) where there is one. Nothing here is a test.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { generateLedger } from './bench-generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, '.bench');
const DUCKDB_DIR = path.join(BENCH, 'duckdb');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const RUNS = Number(opt('--runs', 2));
const RUNS_1M = Number(opt('--runs-1m', 7));
const SIZES = opt('--sizes', '1000000,5000000,10000000') === 'none' ? [] : opt('--sizes', '1000000,5000000,10000000').split(',').map(Number);
const withBatch = !argv.includes('--no-batch');
const withPdf = withBatch && !argv.includes('--no-pdf');
const write = !argv.includes('--no-write');
const log = (...a) => console.error('[bench-command]', ...a);
const enc = (s) => iconv.encode(s, 'windows-1252');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

mkdirSync(BENCH, { recursive: true });

// --- data ----------------------------------------------------------------------------------------------------------
function ledgerFile(lines) {
  const file = path.join(BENCH, `ledger-${lines}.csv`);
  if (!existsSync(file)) {
    log(`generating ${path.relative(ROOT, file)} …`);
    generateLedger(lines, file);
  }
  return file;
}

/** Organisation and account groups for the bench ledgers' codes (see bench-generate.mjs), and a config per size. */
function commandConfig(lines) {
  const dir = path.join(BENCH, 'command');
  mkdirSync(dir, { recursive: true });
  const org = ['Ansvar;Ansvar (T);Delområde;Område'];
  for (let i = 0; i < 800; i++) org.push(`${110000 + i * 7 + 1};Ansvar ${i};Delområde ${i % 50};Område ${(i % 50) % 8}`);
  writeFileSync(path.join(dir, 'organisation.csv'), enc(org.join('\r\n') + '\r\n'));
  const groups = ['Konto;Konto (T);Rad;Avsnitt'];
  for (let i = 0; i < 400; i++) {
    const code = 3000 + Math.floor((i * 5000) / 400) + (i % 7);
    groups.push(`${code};Konto ${code};Kontogrupp ${String(code).slice(0, 2)};${code < 4000 ? 'Verksamhetens intäkter' : 'Verksamhetens kostnader'}`);
  }
  writeFileSync(path.join(dir, 'kontogrupper.csv'), enc([...new Set(groups)].join('\r\n') + '\r\n'));
  const cfg = path.join(dir, `rapport-${lines}.yaml`);
  writeFileSync(
    cfg,
    `organisation: { name: Region Bänk, unit: Region Bänk }
report: { unitLevels: [root] }
sources:
  ledger:
    file: ${JSON.stringify(ledgerFile(lines))}
    format: csv
    encoding: windows-1252
    delimiter: ";"
    unit: kr
    sign: ledger
    columns: { account: Konto, accountName: Konto (T), costCentre: Ansvar, costCentreName: Ansvar (T), period: Period, actual: Utfall, budget: Budget }
    duplicates: sum
  organisation:
    file: organisation.csv
    format: csv
    encoding: windows-1252
    delimiter: ";"
    columns: { costCentre: Ansvar, name: Ansvar (T), levels: [Delområde, Område] }
  accountGroups:
    file: kontogrupper.csv
    format: csv
    encoding: windows-1252
    delimiter: ";"
    columns: { account: Konto, accountName: Konto (T), reportRow: Rad, section: Avsnitt }
sections:
  - { name: Verksamhetens intäkter, kind: income }
  - { name: Verksamhetens kostnader, kind: cost }
units: { result: tkr, netCost: mnkr, investments: mnkr, text: mnkr }
output: { dir: rapporter, formats: [json] }
`,
  );
  return cfg;
}

/**
 * The example region doubled: every ansvar also as a copy (its code with a 9 added), the copy's ledger lines the
 * original's, and a level "Enhet" with one unit per ansvar — 300 units — under the example's own levels; the goal
 * and HR exports are the example's (the copies have no staff of their own).
 */
function batchConfig() {
  const dir = path.join(BENCH, 'batch-300');
  mkdirSync(dir, { recursive: true });
  const fx = path.join(ROOT, 'fixtures', 'region-exempel');
  const orgLines = readFileSync(path.join(fx, 'organisation.csv'), 'latin1').split(/\r?\n/).filter(Boolean);
  const org = ['Ansvar;Ansvar (T);Enhet;Delområde;Förvaltning;Nämnd'];
  for (const l of orgLines.slice(1)) {
    const [code, name, ...levels] = l.split(';');
    org.push([code, name, `${name} ${code}`, ...levels].join(';'));
    const copy = `${code}9`;
    org.push([copy, `${name} II`, `${name} II ${copy}`, ...levels].join(';'));
  }
  writeFileSync(path.join(dir, 'organisation.csv'), Buffer.from(org.join('\r\n') + '\r\n', 'latin1'));
  const ledger = readFileSync(path.join(fx, 'raindance-saldo.csv'), 'latin1').split(/\r?\n/).filter(Boolean);
  const copies = ledger.slice(1).map((l) => l.replace(/^([^;]*);/, (_, code) => `${code}9;`));
  writeFileSync(path.join(dir, 'raindance-saldo.csv'), Buffer.from([...ledger, ...copies].join('\r\n') + '\r\n', 'latin1'));
  let cfg = readFileSync(path.join(ROOT, 'rapport.config.yaml'), 'utf8');
  cfg = cfg.replaceAll('fixtures/region-exempel/organisation.csv', path.join(dir, 'organisation.csv'));
  cfg = cfg.replaceAll('fixtures/region-exempel/raindance-saldo.csv', path.join(dir, 'raindance-saldo.csv'));
  cfg = cfg.replaceAll('fixtures/region-exempel/', `${fx}/`);
  cfg = cfg.replace(/levels: \[Delområde, Förvaltning, Nämnd\]/, 'levels: [Enhet, Delområde, Förvaltning, Nämnd]');
  cfg = cfg.replace(/unitLevels: \[[^\]]*\]/, 'unitLevels: [root, Enhet]');
  const file = path.join(dir, 'rapport.config.yaml');
  writeFileSync(file, cfg);
  return file;
}

// --- measuring -----------------------------------------------------------------------------------------------------
/** One whole process: wall seconds (start to exit), peak RSS in KiB (null without GNU time), its exit status. */
function timed(cmd, args) {
  const load = os.loadavg()[0];
  const full = TIME ? [TIME, ['-f', '@@%M %U %S', cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  const m = TIME ? /@@(\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr) : null;
  const rss = m ? Number(m[1]) : null;
  // CPU seconds of the process, all its threads (user + system): unlike wall time, barely changed by other work.
  const cpu = m ? Number(m[2]) + Number(m[3]) : null;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-1500)}`);
  return { seconds, cpu, maxRssKb: rss, load, stdout: r.stdout };
}

function ensureDuckdb() {
  const pkg = path.join(DUCKDB_DIR, 'node_modules', '@duckdb', 'node-api', 'package.json');
  if (existsSync(pkg)) return null;
  log('installing @duckdb/node-api into .bench/duckdb/ (not a dependency of rapport) …');
  mkdirSync(DUCKDB_DIR, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', DUCKDB_DIR, '@duckdb/node-api', '--no-audit', '--no-fund', '--loglevel=error'], { encoding: 'utf8' });
  return r.status === 0 && existsSync(pkg) ? null : (r.stderr || `npm exited ${r.status}`).trim().split('\n').slice(-2).join(' ');
}

const rapport = path.join(ROOT, 'bin', 'rapport');
const out = path.join(BENCH, 'out');
const duckdbNote = ensureDuckdb();
if (duckdbNote) log(`DuckDB not available: ${duckdbNote}`);

const rows = [];
const loads = [];
for (const lines of SIZES) {
  const cfg = commandConfig(lines);
  const file = ledgerFile(lines);
  const ours = [];
  const duck = [];
  const runs = lines === 1_000_000 ? Math.max(RUNS, RUNS_1M) : RUNS;
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    // The generated ledger is random: some ansvar × konto have rows every month but stop before December by chance,
    // which reconciliation rightly reads as a cut file. The benchmark accepts that finding by name, as a user would.
    const r = timed(process.execPath, [rapport, 'generate', '--config', cfg, '--period', '2024-08', '--format', 'json', '--out', out, '--allow', 'reconcile.ledger-cut-short']);
    log(`rapport ${lines}: ${r.seconds.toFixed(2)} s, ${(r.maxRssKb / 1024).toFixed(0)} MiB (load ${r.load.toFixed(1)})`);
    ours.push(r);
    loads.push(r.load);
    if (!duckdbNote) {
      const d = timed(process.execPath, [path.join(ROOT, 'scripts', 'bench-duckdb.mjs'), DUCKDB_DIR, file, String(os.availableParallelism())]);
      d.version = JSON.parse(d.stdout.trim().split('\n').pop()).version;
      log(`duckdb ${lines}: ${d.seconds.toFixed(2)} s, ${(d.maxRssKb / 1024).toFixed(0)} MiB (load ${d.load.toFixed(1)})`);
      duck.push(d);
      loads.push(d.load);
    }
  }
  const best = (xs) => xs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  // Each rapport run against the DuckDB run right after it: the machine's speed drifts less within a pair.
  const pairs = duck.map((d, i) => ours[i].seconds / d.seconds).sort((a, b) => a - b);
  const pairMedian = pairs.length ? (pairs[(pairs.length - 1) >> 1] + pairs[pairs.length >> 1]) / 2 : null;
  rows.push({ lines, runs, ours: best(ours), oursSlowest: Math.max(...ours.map((r) => r.seconds)), oursRss: Math.max(...ours.map((r) => r.maxRssKb)), duck: duck.length ? best(duck) : null, duckRss: duck.length ? Math.max(...duck.map((r) => r.maxRssKb)) : null, pairMedian, loads: [...ours, ...duck].map((r) => r.load) });
}

let batch = null;
if (withBatch) {
  const cfg = batchConfig();
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { recursive: true, force: true });
    const r = timed(process.execPath, [rapport, 'generate', '--config', cfg, '--period', '2024-08', '--format', 'docx,xlsx', '--out', out]);
    const files = spawnSync('ls', [out], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    r.docx = files.filter((f) => f.endsWith('.docx')).length;
    r.xlsx = files.filter((f) => f.endsWith('.xlsx')).length;
    log(`batch: ${r.seconds.toFixed(2)} s, ${(r.maxRssKb / 1024).toFixed(0)} MiB, ${r.docx} docx + ${r.xlsx} xlsx (load ${r.load.toFixed(1)})`);
    runs.push(r);
    loads.push(r.load);
  }
  batch = { best: runs.reduce((a, b) => (b.seconds < a.seconds ? b : a)), slowest: Math.max(...runs.map((r) => r.seconds)), rss: Math.max(...runs.map((r) => r.maxRssKb)), loads: runs.map((r) => r.load) };
}

// The same batch with PDF as well: LibreOffice is started once for all the run's documents (src/render/pdf.ts).
let pdfBatch = null;
if (withPdf) {
  const soffice = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['soffice'], { encoding: 'utf8' });
  if (soffice.status !== 0) pdfBatch = { note: 'LibreOffice (soffice) is not on this machine\'s PATH' };
  else {
    rmSync(out, { recursive: true, force: true });
    try {
      const r = timed(process.execPath, [rapport, 'generate', '--config', batchConfig(), '--period', '2024-08', '--format', 'docx,xlsx,pdf', '--out', out]);
      const files = spawnSync('ls', [out], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      for (const ext of ['docx', 'xlsx', 'pdf']) r[ext] = files.filter((f) => f.endsWith(`.${ext}`)).length;
      log(`batch with pdf: ${r.seconds.toFixed(2)} s, ${(r.maxRssKb / 1024).toFixed(0)} MiB, ${r.docx} docx + ${r.xlsx} xlsx + ${r.pdf} pdf (load ${r.load.toFixed(1)})`);
      loads.push(r.load);
      pdfBatch = r;
    } catch (e) {
      pdfBatch = { note: `the run failed: ${String(e.message).split('\n')[0].slice(0, 300)}` };
    }
  }
}
rmSync(out, { recursive: true, force: true });

// --- report --------------------------------------------------------------------------------------------------------
const dec = (n, d = 2) => n.toFixed(d).replace('.', ',');
const int = (n) => Math.round(n).toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
const mib = (kb) => (kb === null || Number.isNaN(kb) ? '—' : `${int(kb / 1024)} MiB`);
const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const r1 = rows.find((r) => r.lines === 1_000_000);
const r10 = rows.find((r) => r.lines === 10_000_000);
const table = rows.map((r) => {
  const ratio = r.duck ? dec(r.ours.seconds / r.duck.seconds) : '—';
  const median = r.pairMedian === null ? '—' : `${dec(r.pairMedian)} (${r.runs})`;
  const cpu = (x) => (x?.cpu == null ? '—' : dec(x.cpu));
  return `| ${int(r.lines)} | ${dec(r.ours.seconds)}${r.runs > 1 ? ` (slowest ${dec(r.oursSlowest)})` : ''} | ${cpu(r.ours)} | ${mib(r.oursRss)} | ${r.duck ? `${dec(r.duck.seconds)}` : '—'} | ${cpu(r.duck)} | ${r.duckRss === null ? '—' : mib(r.duckRss)} | ${ratio} | ${median} | ${dec(Math.min(...r.loads), 1)} – ${dec(Math.max(...r.loads), 1)} |`;
});
const targets = [];
if (r1?.duck && r1.pairMedian !== null) {
  const m = r1.pairMedian;
  targets.push(`1M lines at most 1,2 × DuckDB (median of ${r1.runs} pairs): **${dec(m)} × — ${m <= 1.2 ? 'met' : `missed by ${dec((m / 1.2 - 1) * 100, 0)} %`}** (best against best ${dec(r1.ours.seconds / r1.duck.seconds)} ×)`);
}
if (r10) targets.push(`10M lines complete, peak RSS under 300 MiB: **${mib(r10.oursRss)} — ${r10.oursRss < 300 * 1024 ? 'met' : 'missed'}**`);
if (r1 && r10) targets.push(`10M ≤ 11 × 1M: **${dec(r10.ours.seconds / r1.ours.seconds, 1)} × — ${r10.ours.seconds <= 11 * r1.ours.seconds ? 'met' : 'missed'}**`);
if (r1?.duck?.cpu && r10?.ours.cpu && r1.ours.cpu) {
  targets.push(`by CPU seconds (all threads; little changed by the load, but not wall time): rapport ÷ DuckDB ${dec(r1.ours.cpu / r1.duck.cpu)} at 1M, 10M ÷ 1M ${dec(r10.ours.cpu / r1.ours.cpu, 1)} ×`);
}
if (batch) targets.push(`300 units, Word + Excel, under 60 s: **${dec(batch.best.seconds, 1)} s — ${batch.best.seconds < 60 ? 'met' : `missed by ${dec(batch.best.seconds - 60, 0)} s`}** (CPU ${dec(batch.best.cpu ?? 0, 1)} s over ${os.availableParallelism()} CPUs)`);
if (pdfBatch && !pdfBatch.note) targets.push(`300 units with PDF, under 5 minutes: **${dec(pdfBatch.seconds / 60, 1)} min — ${pdfBatch.seconds < 300 ? 'met' : `missed by ${dec(pdfBatch.seconds - 300, 0)} s`}**`);
// Whether other work shared the CPUs: the highest 1-minute load seen against the number of CPUs.
const busiest = Math.max(...loads);
const loadNote = busiest > 2 * os.availableParallelism()
  ? `**This machine was shared with other work while this ran** (the 1-minute load average of the ${os.availableParallelism()} CPUs is in the last
column): every figure here is a share of the CPUs, not what the command does on an idle machine, and the ratio to
DuckDB, taken in the same minutes, is the steadier figure.`
  : `The machine was otherwise idle (the 1-minute load average of the ${os.availableParallelism()} CPUs, in the last column, stayed at most ${dec(busiest, 1)}, the benchmark's own previous run included).`;
const section = `## The whole command

Generated by \`node scripts/bench-command.mjs\` (part of \`npm run bench\`) on ${date}: ${os.availableParallelism()} CPUs, Node ${process.version}.
Each figure is one whole process, from its start to its exit, as a user runs it; peak RSS is that process's
(GNU time). rapport and DuckDB take turns on the same file, run by run (${RUNS_1M > RUNS ? `${RUNS_1M} runs each at 1M lines, ` : ''}${RUNS} run${RUNS > 1 ? 's' : ''} each${RUNS_1M > RUNS ? ' at the other sizes' : ''}, the best shown);
"median of pairs" is the median of each rapport run divided by the DuckDB run right after it (pairs in brackets).

${loadNote}

| ledger lines | \`rapport generate --format json\` s | CPU s | peak RSS | DuckDB ${r1?.duck?.version ?? ''} (${os.availableParallelism()} threads) s | CPU s | peak RSS | rapport ÷ DuckDB (best) | median of pairs | load |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${table.join('\n')}

The ledger is the bench export of scripts/bench-generate.mjs (Windows-1252, 86 bytes a line, random order, summed
duplicates); the organisation (800 ansvar, 50 delområden, 8 områden) and account groups are made from its codes;
the command reads all three, checks them, computes the root's report with its areas and delområden and writes
it as JSON. DuckDB's process reads and groups the ledger only (scripts/bench-duckdb.mjs), so the comparison
favours it. The ledger is streamed: no part of the command holds the file.
${
  batch
    ? `
Batch: the example region doubled (its 150 ansvar and a copy of each; one unit per ansvar, 300 units, and the region's
own report) with its goal and HR exports, \`rapport generate --format docx,xlsx\`: **${dec(batch.best.seconds, 1)} s**${RUNS > 1 ? ` (slowest ${dec(batch.slowest, 1)} s)` : ''}, CPU ${batch.best.cpu == null ? '—' : `${dec(batch.best.cpu, 1)} s`},
${batch.best.docx} Word and ${batch.best.xlsx} Excel files, peak RSS ${mib(batch.rss)}, load ${dec(Math.min(...batch.loads), 1)} – ${dec(Math.max(...batch.loads), 1)}.
`
    : ''
}${
  pdfBatch
    ? pdfBatch.note
      ? `\nThe batch with PDF was not measured: ${pdfBatch.note}.\n`
      : `
The same batch with PDF, \`--format docx,xlsx,pdf\` (one LibreOffice start per CPU, side by side, each over its own part of the batch; PDF is made from the
Word files), one run: **${dec(pdfBatch.seconds, 1)} s**, CPU ${pdfBatch.cpu == null ? '—' : `${dec(pdfBatch.cpu, 1)} s`} (rapport's process and the LibreOffice it waits for),
${pdfBatch.docx} Word, ${pdfBatch.xlsx} Excel and ${pdfBatch.pdf} PDF files, peak RSS ${mib(pdfBatch.maxRssKb)} (the largest of those processes), load ${dec(pdfBatch.load, 1)}.
`
    : ''
}
Targets (issue 13): ${targets.join('; ')}.${duckdbNote ? `\n\nDuckDB could not be installed: ${duckdbNote}` : ''}
`;
if (write) {
  const doc = path.join(ROOT, 'docs', 'performance.md');
  let text = readFileSync(doc, 'utf8');
  const at = text.indexOf('## The whole command');
  if (at >= 0) {
    const next = text.indexOf('\n## ', at + 5);
    text = text.slice(0, at) + section + (next >= 0 ? text.slice(next + 1) : '');
  } else text = `${text.trimEnd()}\n\n${section}`;
  writeFileSync(doc, text);
  log('wrote docs/performance.md');
} else process.stdout.write(section);
