#!/usr/bin/env node
// One measured run of the real code path from dist/, in its own process so its peak RSS is its own
// (scripts/bench.mjs starts it). Prints one JSON line.
//
// Usage: node scripts/bench-run.mjs <ledger.csv> [--reader fast|general] [--parallel auto|never]
//   fast:    readLedgerFast(path, spec, name) — streams the file in 1 MiB reads (src/sources/ledger/read-fast.ts);
//            --parallel never keeps the aggregation in the reading thread
//   general: readFile + readLedger({ bytes, displayName }, spec) — the csv-parse based reader, for comparison

import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * CPU seconds of this process's main thread (Linux /proc; utime + stime in clock ticks of 1/100 s), or null.
 * Unlike wall time it does not grow while other processes hold the CPUs, and unlike process.cpuUsage() it leaves
 * out V8's helper threads (concurrent GC marking, background compilation).
 */
function mainThreadCpuSeconds() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const file = process.argv[2];
const reader = process.argv.includes('--reader') ? process.argv[process.argv.indexOf('--reader') + 1] : 'fast';
const parallel = process.argv.includes('--parallel') ? process.argv[process.argv.indexOf('--parallel') + 1] : 'auto';
if (!file || (reader !== 'fast' && reader !== 'general')) {
  console.error('usage: node scripts/bench-run.mjs <ledger.csv> [--reader fast|general]');
  process.exit(64);
}
const dist = new URL('../dist/', import.meta.url);
const { ledgerSourceSchema } = await import(new URL('config/schema.js', dist).href);
const { readLedger, readLedgerFast } = await import(new URL('sources/read-ledger.js', dist).href);

// The bench export has one line per kodsträng × period: several lines per ansvar × konto × period are summed.
const spec = ledgerSourceSchema.parse({ file: path.basename(file), encoding: 'windows-1252', delimiter: ';', duplicates: 'sum' });
const displayName = path.basename(file);
const bytes = (await stat(file)).size;

const cpu0 = mainThreadCpuSeconds();
const t0 = performance.now();
let ledger;
let diagnostics;
let usedPath = reader;
let timings;
if (reader === 'fast') {
  const r = await readLedgerFast(file, spec, displayName, { parallel });
  ledger = r.ledger;
  diagnostics = r.diagnostics;
  usedPath = r.path;
  timings = r.timings;
} else {
  const r = await readLedger({ bytes: await readFile(file), displayName }, spec, { generalReader: true });
  ledger = r.value;
  diagnostics = r.diagnostics;
}
const tLedger = performance.now();

// ---------------------------------------------------------------------------------------------------------------
// The rest of the real path: the calculation core and the report model, for the whole organisation (root, its
// areas and their units, as `generate` does for a unit with two levels below it). The bench export has no
// organisation or account-group file, so they are made from its codes: ansvar → delområde (50) → område (8);
// konto → report row by its first two digits, section by its class (3 = intäkter).
// ---------------------------------------------------------------------------------------------------------------
const { buildHierarchy } = await import(new URL('calc/hierarchy.js', dist).href);
const { prepareEconomy, computeEconomy } = await import(new URL('calc/economy.js', dist).href);
const { buildReport } = await import(new URL('report/build-report.js', dist).href);
const { loadTextTemplates } = await import(new URL('pipeline/templates.js', dist).href);
const texts = await loadTextTemplates(undefined, 'mnkr');
const { parseLayout } = await import(new URL('config/layout.js', dist).href);
const { bundledLayoutFile } = await import(new URL('pipeline/layout.js', dist).href);
const layout = parseLayout(readFileSync(bundledLayoutFile('standard'), 'utf8'), 'standard').value.layout;
const tReport0 = performance.now();
const org = ledger.costCentres.map((cc, i) => ({ costCentre: cc, name: `Ansvar ${cc}`, parents: [`Delområde ${i % 50}`, `Område ${i % 8}`], row: i + 2 }));
const groups = ledger.accounts.map((a, i) => ({
  account: a, accountName: `Konto ${a}`, reportRow: `Kontogrupp ${a.slice(0, 2)}`,
  section: a.startsWith('3') ? 'Verksamhetens intäkter' : 'Verksamhetens kostnader', row: i + 2,
}));
const sections = [{ name: 'Verksamhetens intäkter', kind: 'income' }, { name: 'Verksamhetens kostnader', kind: 'cost' }];
const period = { year: 2024, month: 8 };
const hierarchy = buildHierarchy('Region Bänk', ['Delområde', 'Område'], org);
const prep = prepareEconomy({ ledger, accountGroups: groups, sections, hierarchy, period, files: { ledger: displayName, accountGroups: 'kontogrupper' } });
const root = hierarchy.root;
const model = buildReport(
  {
    result: computeEconomy(prep.prepared, root),
    children: root.children.map((c) => ({ node: c, result: computeEconomy(prep.prepared, c), children: c.children.map((g) => ({ node: g, result: computeEconomy(prep.prepared, g) })) })),
    investments: null,
  },
  { period, organisation: 'Region Bänk', node: root, unitName: root.name, units: { result: 'tkr', netCost: 'mnkr', investments: 'mnkr' }, layout, texts, narratives: new Map() },
);
const tReport = performance.now();
const cpu1 = mainThreadCpuSeconds();
const reportSections = model.sections.length;
const calcErrors = prep.diagnostics.filter((d) => d.severity === 'error').length;

// Totals for the cross-check with DuckDB (report sign → ledger sign: negate).
let actual = 0;
let budget = 0;
let actualKeys = 0;
let budgetKeys = 0;
for (const e of ledger.entries) {
  if (e.actual !== null) {
    actual -= e.actual;
    actualKeys++;
  }
  if (e.budget !== null) {
    budget -= e.budget;
    budgetKeys++;
  }
}
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    reader,
    parallel: reader === 'fast' ? parallel : undefined,
    path: usedPath,
    file: displayName,
    bytes,
    dataRows: ledger.dataRows,
    entries: ledger.entries.length,
    costCentres: ledger.costCentres.length,
    accounts: ledger.accounts.length,
    diagnostics: diagnostics.map((d) => d.code),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    // End to end: read, decode, parse, validate, aggregate, calc and report model.
    seconds: (tReport - t0) / 1000,
    readSeconds: (tLedger - t0) / 1000,
    reportSeconds: (tReport - tReport0) / 1000,
    reportSections,
    calcErrors,
    timings,
    mainThreadCpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    maxRssKb: usage.maxRSS,
    cpuUserSeconds: usage.userCPUTime / 1e6,
    totals: { actualOre: actual, budgetOre: budget, actualKeys, budgetKeys },
  }),
);
