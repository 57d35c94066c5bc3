#!/usr/bin/env node
// The native reference for scripts/bench.mjs: DuckDB reads the same export and groups it by ansvar, konto and
// period, in its own process (peak RSS is its own). Prints one JSON line.
//
// Usage: node scripts/bench-duckdb.mjs <duckdb-dir> <ledger.csv> [threads]
//   <duckdb-dir>: where `npm install --prefix <dir> @duckdb/node-api` put the package (not a dependency of rapport).
//
// DuckDB has no Windows-1252 decoder built in; `latin-1` differs from it only in 0x80–0x9F, which this export
// uses in no code or amount (the grouped columns are ASCII), so the figures are comparable.

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, file, threadsArg] = process.argv.slice(2);
if (!dir || !file) {
  console.error('usage: node scripts/bench-duckdb.mjs <duckdb-dir> <ledger.csv> [threads]');
  process.exit(64);
}
const require = createRequire(path.join(path.resolve(dir), 'package.json'));
const duckdb = await import(pathToFileURL(require.resolve('@duckdb/node-api')).href);
const version = require('@duckdb/node-api/package.json').version;

const instance = await duckdb.DuckDBInstance.create(':memory:');
const con = await instance.connect();
if (threadsArg) await con.run(`SET threads = ${Number(threadsArg)}`);
const threads = (await con.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjects()[0].t;

const csv = path.resolve(file).replaceAll("'", "''");
const columns = [
  ['Ansvar', 'VARCHAR'], ['Ansvar (T)', 'VARCHAR'], ['Verksamhet', 'VARCHAR'], ['Aktivitet', 'VARCHAR'],
  ['Projekt', 'VARCHAR'], ['Konto', 'VARCHAR'], ['Konto (T)', 'VARCHAR'], ['Period', 'INTEGER'],
  ['Utfall', 'DECIMAL(18,2)'], ['Budget', 'DECIMAL(18,2)'],
].map(([n, t]) => `'${n}': '${t}'`).join(', ');

const t0 = performance.now();
await con.run(`
  CREATE TABLE g AS
  SELECT "Ansvar" AS ansvar, "Konto" AS konto, "Period" AS period, sum("Utfall") AS utfall, sum("Budget") AS budget
  FROM read_csv('${csv}', delim = ';', header = true, quote = '"', escape = '"', encoding = 'latin-1',
                decimal_separator = ',', columns = {${columns}})
  GROUP BY ALL`);
const seconds = (performance.now() - t0) / 1000;

const t = (
  await con.runAndReadAll(`
    SELECT count(*) AS entries,
           CAST(round(sum(utfall) * 100) AS BIGINT) AS actual_ore, CAST(round(sum(budget) * 100) AS BIGINT) AS budget_ore,
           count(utfall) AS actual_keys, count(budget) AS budget_keys
    FROM g`)
).getRowObjects()[0];
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    reader: 'duckdb',
    version,
    threads: Number(threads),
    seconds,
    maxRssKb: usage.maxRSS,
    cpuUserSeconds: usage.userCPUTime / 1e6,
    entries: Number(t.entries),
    totals: {
      actualOre: Number(t.actual_ore),
      budgetOre: Number(t.budget_ore),
      actualKeys: Number(t.actual_keys),
      budgetKeys: Number(t.budget_keys),
    },
  }),
);
