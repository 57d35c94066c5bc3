/**
 * No personnummer in any output (bad-input case 86, and the leak through `csv.max-record-size`): personnummer are
 * planted in every field of a row of every HR file type of the example region, and in a runaway quoted field, and
 * everything the tool prints (stdout and stderr, text and --json) and writes is searched for them in every written
 * form (with and without century, with and without hyphen).
 */
import { describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parseDocument } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(__dirname, '../..');
const HR = 'fixtures/region-exempel/heroma';
const FILES = ['anstallningar.csv', 'franvaro.csv', 'inhyrd-personal.csv', 'rehabiliteringsarenden.csv', 'arbetsmiljoavvikelser.csv'];

/** A made-up personnummer per file (valid check digit or not does not matter to the mask). */
const PLANTED = ['19960124-2072', '19871231-4411', '20010305-8826', '19550612-1190', '19790909-3357'];

function forms(pnr: string): string[] {
  const digits = pnr.replace('-', '');
  return [pnr, digits, pnr.slice(2), digits.slice(2)];
}

async function copyRegion(): Promise<{ dir: string; config: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-pnr-'));
  await cp(path.join(ROOT, 'fixtures/region-exempel'), path.join(dir, 'fixtures/region-exempel'), { recursive: true });
  const doc = parseDocument(await readFile(path.join(ROOT, 'rapport.config.yaml'), 'utf8'));
  doc.delete('goals');
  const config = path.join(dir, 'rapport.config.yaml');
  await writeFile(config, doc.toString());
  return { dir, config };
}

async function edit(dir: string, file: string, change: (lines: string[]) => string[]): Promise<void> {
  const p = path.join(dir, HR, file);
  const lines = iconv.decode(await readFile(p), 'win1252').split('\n');
  await writeFile(p, iconv.encode(change(lines).join('\n'), 'win1252'));
}

async function allFiles(dir: string): Promise<string> {
  let text = '';
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) text += (await readFile(path.join(e.parentPath, e.name))).toString('latin1') + (await readFile(path.join(e.parentPath, e.name), 'utf8'));
  }
  return text;
}

function expectNone(text: string, planted: readonly string[]): void {
  for (const p of planted) for (const f of forms(p)) expect(text.includes(f), `${f} found in output`).toBe(false);
}

describe('no personnummer in any output', () => {
  it('personnummer in every field of a row of every HR file → errors name row and column, never the number', async () => {
    const { dir, config } = await copyRegion();
    for (const [i, file] of FILES.entries()) {
      await edit(dir, file, (lines) => {
        const header = lines[0]!.split(';');
        // Row 3 of each file: every field the planted personnummer. In the absence extract only sick leave is read,
        // so there row 3 keeps the type "Sjuk" and row 4 has the number in every field (an "other type", counted).
        const all = Array(header.length).fill(PLANTED[i]).join(';');
        if (file !== 'franvaro.csv') return [lines[0]!, lines[1]!, all, ...lines.slice(2)];
        const sick = header.map((h) => (h === 'Frånvaroorsak' ? 'Sjuk' : PLANTED[i])).join(';');
        return [lines[0]!, lines[1]!, sick, all, ...lines.slice(2)];
      });
    }
    const text = await runCli(['validate', '--period', '2024-08', '--config', config]);
    const json = await runCli(['validate', '--period', '2024-08', '--config', config, '--json']);
    expect(text.code).toBe(65);
    expect(json.code).toBe(65);
    const diagnostics = (JSON.parse(json.out) as { diagnostics: { severity: string; location?: { file: string; row?: number } }[] }).diagnostics;
    // Every HR file reports its planted row as an error.
    for (const file of FILES) {
      expect(diagnostics.some((d) => d.severity === 'error' && d.location?.file === `${HR}/${file}` && d.location.row === 3), file).toBe(true);
    }
    expectNone(text.out + text.err + json.out + json.err, PLANTED);
  });

  it('an unclosed quote before a personnummer (a runaway record) → csv.max-record-size or a quote error, number masked', async () => {
    const { dir, config } = await copyRegion();
    await edit(dir, 'anstallningar.csv', (lines) => [lines[0]!, lines[1]!, `${PLANTED[0]};"Anna Andersson;K;1996-01-24;110101;202208;Tillsvidare;100;2020-01-01;;;160,00;160,00;0,00;0,00;0,00`, ...lines.slice(2)]);
    await edit(dir, 'franvaro.csv', (lines) => [lines[0]!, `"${PLANTED[1]};Bo Berg;M;1987-12-31;210107;Sjuk;2022-08-01;2022-08-07;100;40,00;40,00`, ...lines.slice(1)]);
    const text = await runCli(['validate', '--period', '2024-08', '--config', config]);
    const json = await runCli(['validate', '--period', '2024-08', '--config', config, '--json']);
    expect(text.code).toBe(65);
    const codes = (JSON.parse(json.out) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    expect(codes.some((c) => c === 'csv.max-record-size' || c === 'csv.quote-not-closed')).toBe(true);
    expectNone(text.out + text.err + json.out + json.err, PLANTED);
  });

  it('personnummer in the personal columns (never read) → the published reports and everything printed are free of them', async () => {
    const { dir, config } = await copyRegion();
    // The Namn column of the employment and absence extracts, and the rehab file's Personnummer column, hold one.
    await edit(dir, 'anstallningar.csv', (lines) => lines.map((l, k) => (k === 0 || l === '' ? l : l.replace(/^([^;]*);[^;]*;/, `$1;${PLANTED[0]};`))));
    await edit(dir, 'franvaro.csv', (lines) => lines.map((l, k) => (k === 0 || l === '' ? l : l.replace(/^([^;]*);[^;]*;/, `$1;${PLANTED[1]};`))));
    const out = path.join(dir, 'ut');
    const r = await runCli(['generate', '--period', '2024-08', '--config', config, '--unit', 'region-exempel', '--format', 'json,md,xlsx', '--out', out]);
    expect(r.code, r.err.slice(0, 2000)).toBe(0);
    const rehab = iconv.decode(await readFile(path.join(dir, HR, 'rehabiliteringsarenden.csv')), 'win1252').split('\n')[1]!.split(';')[1]!;
    const employee = iconv.decode(await readFile(path.join(dir, HR, 'anstallningar.csv')), 'win1252').split('\n')[1]!.split(';')[0]!;
    expectNone(r.out + r.err + (await allFiles(out)), [...PLANTED.slice(0, 2), rehab, employee]);
  });
});
