/**
 * What the tests of ledgers over 256 MiB (tests/large/large-ledger*.test.ts) share: the example region's files, the
 * config around a ledger file, writing a small and a large ledger from one block of data lines, and a run of
 * `generate` in a heap of 256 MB.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURE = path.join(ROOT, 'fixtures', 'region-exempel');
/** The old size limit of a ledger: the large file is made larger than this. */
export const LIMIT = 256 * 1024 * 1024;

/** Every amount of a data line negated ("" and zero amounts such as "0,00" stay as they are). */
export function negateLine(line: string, amountFields: readonly number[]): string {
  const f = line.split(';');
  for (const i of amountFields) {
    const v = f[i]!;
    if (v === '' || /^-?0+(,0+)?$/.test(v)) continue;
    f[i] = v.startsWith('-') ? v.slice(1) : `-${v}`;
  }
  return f.join(';');
}

/**
 * The example region's config around `ledgerFile`, read with `duplicates: sum`. `periodColumns` names the ledger's
 * period column(s) in the columns map, e.g. `period: Period` or `year: År, month: Månad`.
 */
export function ledgerConfig(ledgerFile: string, periodColumns: string): string {
  const q = (p: string): string => JSON.stringify(p);
  return `organisation:
  name: Region Exempel
  unit: Region Exempel
report:
  unitLevels: [root]
sources:
  ledger:
    file: ${q(ledgerFile)}
    format: csv
    encoding: windows-1252
    delimiter: ";"
    unit: kr
    sign: ledger
    columns: { account: Konto, accountName: Konto (T), costCentre: Ansvar, costCentreName: Ansvar (T), ${periodColumns}, actual: Utfall, budget: Budget }
    duplicates: sum
  organisation:
    file: ${q(path.join(FIXTURE, 'organisation.csv'))}
    format: csv
    encoding: windows-1252
    delimiter: ";"
    columns: { costCentre: Ansvar, name: Ansvar (T), levels: [Delområde, Förvaltning, Nämnd] }
  accountGroups:
    file: ${q(path.join(FIXTURE, 'kontogrupper.csv'))}
    format: csv
    encoding: windows-1252
    delimiter: ";"
    columns: { account: Konto, accountName: Konto (T), reportRow: Rad, section: Avsnitt }
sections:
  - { name: Verksamhetens intäkter, kind: income }
  - { name: Verksamhetens kostnader, kind: cost }
  - { name: Skatteintäkter, kind: taxes }
  - { name: Generella statsbidrag och utjämning, kind: grants }
  - { name: Finansiella intäkter, kind: financialIncome }
  - { name: Finansiella kostnader, kind: financialCosts }
units: { result: tkr, netCost: mnkr, investments: mnkr, text: mnkr }
output: { dir: rapporter, formats: [json] }
`;
}

/**
 * Writes into `dir` the ledgers small.csv (the header and the block once) and large.csv (the header, the block, then
 * pairs of the block with every amount negated and the block as it is, until the file is over `over` bytes, LIMIT
 * unless given; streamed to disk block by block, never built in memory), and their configs small.yaml and large.yaml.
 * Returns how many times the block is in large.csv.
 */
export function writeLedgers(
  dir: string,
  shape: { header: string; lines: readonly string[]; amountFields: readonly number[]; periodColumns: string },
  over = LIMIT,
): number {
  const header = Buffer.from(shape.header + '\r\n', 'latin1');
  const plainBlock = Buffer.from(shape.lines.join('\r\n') + '\r\n', 'latin1');
  const negatedBlock = Buffer.from(shape.lines.map((l) => negateLine(l, shape.amountFields)).join('\r\n') + '\r\n', 'latin1');
  writeFileSync(path.join(dir, 'small.csv'), Buffer.concat([header, plainBlock]));
  let copies = 0;
  const fd = openSync(path.join(dir, 'large.csv'), 'w');
  try {
    let size = writeSync(fd, header);
    size += writeSync(fd, plainBlock);
    copies = 1;
    while (size <= over) {
      size += writeSync(fd, negatedBlock);
      size += writeSync(fd, plainBlock);
      copies += 2;
    }
  } finally {
    closeSync(fd);
  }
  writeFileSync(path.join(dir, 'small.yaml'), ledgerConfig(path.join(dir, 'small.csv'), shape.periodColumns));
  writeFileSync(path.join(dir, 'large.yaml'), ledgerConfig(path.join(dir, 'large.csv'), shape.periodColumns));
  return copies;
}

/** `rapport generate` for 2024-08 as JSON in a 256 MB heap; the report read back when the run succeeded. */
export function generateJson(configFile: string, out: string): { status: number | null; stderr: string; report: Record<string, unknown> } {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=256', path.join(ROOT, 'bin', 'rapport'), 'generate', '--config', configFile, '--period', '2024-08', '--format', 'json', '--out', out],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  const report = r.status === 0 ? (JSON.parse(readFileSync(path.join(out, 'region-exempel-2024-08.json'), 'utf8')) as Record<string, unknown>) : {};
  return { status: r.status, stderr: r.stderr, report };
}
