import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A ledger larger than the old 256 MiB limit, read by the whole command in a heap of 256 MB: the ledger is streamed
 * into the aggregation, never held whole (issue 13). Run by `npm run test:large` (not by `npm test`: it writes and
 * reads about 300 MB, which takes a minute or more on a busy machine).
 *
 * The file is made on the fly from the example region's saldo export: the original once, then pairs of copies, the
 * first with every amount negated and the second as it is, until it is over 256 MiB. With `duplicates: sum` every
 * key's amounts add up to the original's again, so the report must be the one made from the original file (read the
 * same way), figure for figure; only the warning that counts the summed rows differs, and its count is checked.
 */

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'fixtures', 'region-exempel');
const LIMIT = 256 * 1024 * 1024;

let dir: string;

/** Every amount of a data line negated ("" stays "", "0,00" stays as it is). */
function negateLine(line: string, amountFields: readonly number[]): string {
  const f = line.split(';');
  for (const i of amountFields) {
    const v = f[i]!;
    if (v === '' || /^-?0+(,0+)?$/.test(v)) continue;
    f[i] = v.startsWith('-') ? v.slice(1) : `-${v}`;
  }
  return f.join(';');
}

function config(ledgerFile: string): string {
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
    columns: { account: Konto, accountName: Konto (T), costCentre: Ansvar, costCentreName: Ansvar (T), period: Period, actual: Utfall, budget: Budget }
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

function generate(configFile: string, out: string): { status: number | null; stderr: string; report: Record<string, unknown> } {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=256', path.join(ROOT, 'bin', 'rapport'), 'generate', '--config', configFile, '--period', '2024-08', '--format', 'json', '--out', out],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  const report = r.status === 0 ? (JSON.parse(readFileSync(path.join(out, 'region-exempel-2024-08.json'), 'utf8')) as Record<string, unknown>) : {};
  return { status: r.status, stderr: r.stderr, report };
}

describe('a ledger over 256 MiB', () => {
  let copies = 0;
  let dataLines = 0;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rapport-large-'));
    const original = readFileSync(path.join(FIXTURE, 'raindance-saldo.csv'), 'latin1');
    const lines = original.split(/\r?\n/).filter((l) => l !== '');
    const header = lines[0]!.split(';');
    const amountFields = [header.indexOf('Utfall'), header.indexOf('Budget')];
    expect(amountFields.every((i) => i >= 0)).toBe(true);
    const data = lines.slice(1);
    dataLines = data.length;
    const plainBlock = Buffer.from(data.join('\r\n') + '\r\n', 'latin1');
    const negatedBlock = Buffer.from(data.map((l) => negateLine(l, amountFields)).join('\r\n') + '\r\n', 'latin1');

    // The small reference: the original with its header, as the large file starts.
    writeFileSync(path.join(dir, 'small.csv'), Buffer.concat([Buffer.from(lines[0] + '\r\n', 'latin1'), plainBlock]));
    // The large file, streamed to disk block by block (never built in memory).
    const fd = openSync(path.join(dir, 'large.csv'), 'w');
    try {
      let size = writeSync(fd, Buffer.from(lines[0] + '\r\n', 'latin1'));
      size += writeSync(fd, plainBlock);
      copies = 1;
      while (size <= LIMIT) {
        size += writeSync(fd, negatedBlock);
        size += writeSync(fd, plainBlock);
        copies += 2;
      }
    } finally {
      closeSync(fd);
    }
    writeFileSync(path.join(dir, 'small.yaml'), config(path.join(dir, 'small.csv')));
    writeFileSync(path.join(dir, 'large.yaml'), config(path.join(dir, 'large.csv')));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is read by `generate` in a 256 MB heap, with the figures of the original export', () => {
    expect(statSync(path.join(dir, 'large.csv')).size).toBeGreaterThan(LIMIT);
    const small = generate(path.join(dir, 'small.yaml'), path.join(dir, 'out-small'));
    expect(small.stderr).not.toContain('fel');
    expect(small.status).toBe(0);
    const large = generate(path.join(dir, 'large.yaml'), path.join(dir, 'out-large'));
    expect(large.stderr).not.toMatch(/io\.file-too-large|heap/i);
    expect(large.status).toBe(0);

    // Every key of the original was met `copies` times; all but the first were summed into it.
    const caveats = large.report['caveats'] as string[];
    const summed = caveats.find((c) => c.includes('summerades'));
    expect(summed).toBeDefined();
    expect(summed!.replace(/\s/g, '')).toContain(`${(copies - 1) * dataLines}rader`);
    expect(small.report['caveats']).toEqual([]);

    const { caveats: _l, ...largeRest } = large.report;
    const { caveats: _s, ...smallRest } = small.report;
    // The tables' provenance names the ledger file: the only difference allowed besides the caveats.
    expect(JSON.parse(JSON.stringify(largeRest).replaceAll('large.csv', 'small.csv'))).toEqual(smallRest);
  });
});
