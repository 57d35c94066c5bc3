/**
 * Issue 11's traps: configuration slips that once ended in a wrong or missing report with exit 0 and "Klart". Each
 * now stops the run with a Swedish message naming the fix, a non-zero exit code, and nothing written. Run through
 * the command line on a copy of the golden case, in a folder whose name has a space and å.
 */
import { describe, expect, it, vi, afterEach } from 'vitest';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { buildHierarchy } from '../../src/calc/hierarchy.js';
import { selectUnits } from '../../src/pipeline/run.js';
import { runCli } from '../helpers/run-cli.js';

const run = runCli;

afterEach(() => vi.restoreAllMocks());

/** A copy of the golden case with its configuration edited by `edit`; returns the config path and an output folder. */
async function region(edit: (config: string) => string): Promise<{ dir: string; config: string; out: string }> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-fel-')), 'Region å');
  await cp('fixtures/vasterbotten-rs-2024-08', dir, { recursive: true });
  const config = path.join(dir, 'rapport.config.yaml');
  await writeFile(config, edit(await readFile(config, 'utf8')));
  return { dir, config, out: path.join(dir, 'rapporter') };
}

async function nothingWritten(out: string): Promise<void> {
  expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
}

describe('no configuration slip ends in a silent wrong or missing report', () => {
  it('a report level spelt without ä: validate and generate stop (78) and suggest the level', async () => {
    const r = await region((c) => c.replace('unitLevels: [root]', 'unitLevels: [root, Omrade]'));
    const v = await run(['validate', '--config', r.config]);
    expect(v.code).toBe(78);
    expect(v.err).toContain('Nivån "Omrade" i report.unitLevels finns inte. Menade du "Område"?');
    expect(v.err).toContain('root, Område, Delområde, Ansvar');
    const g = await run(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--json']);
    expect(g.code).toBe(78);
    const json = JSON.parse(g.out);
    expect(json.files).toEqual([]);
    expect(json.diagnostics[0]).toMatchObject({ code: 'config.unknown-level', value: 'Omrade', location: { row: 10 } });
    await nothingWritten(r.out);
  });

  it('a root named as one of its units: a warning naming the row, and the unit\'s report gets its level in title and file name', async () => {
    const r = await region((c) => c.replace('unit: Regionstyrelsen', 'unit: Regionövergripande verksamhet').replace('unitLevels: [root]', 'unitLevels: [root, Område]'));
    const g = await run(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'json']);
    expect(g.code, g.err).toBe(0);
    expect(g.err).toContain('Rotenheten "Regionövergripande verksamhet" (organisation.unit) heter som en enhet på nivån Område');
    expect(g.err).toContain('enhetens rapport får titeln "Regionövergripande verksamhet (område)" och filnamnet regionovergripande-verksamhet-omrade-…');
    expect(g.err).toContain('organisation.csv, rad 2, kolumn Område');
    const files = (await readdir(r.out)).sort();
    expect(files).toContain('regionovergripande-verksamhet-2024-08.json');
    expect(files).toContain('regionovergripande-verksamhet-omrade-2024-08.json');
    const meta = async (f: string) => (JSON.parse(await readFile(path.join(r.out, f), 'utf8')) as { meta: { unit: string } }).meta.unit;
    expect(await meta('regionovergripande-verksamhet-2024-08.json')).toBe('Regionövergripande verksamhet');
    expect(await meta('regionovergripande-verksamhet-omrade-2024-08.json')).toBe('Regionövergripande verksamhet (område)');
    // Compared folded: another case is the same name; --strict makes the warning stop the run.
    const lower = await region((c) => c.replace('unit: Regionstyrelsen', 'unit: REGIONÖVERGRIPANDE  verksamhet'));
    const v = await run(['validate', '--config', lower.config]);
    expect(v.code).toBe(0);
    expect(v.err).toContain('heter som en enhet på nivån Område');
    expect((await run(['validate', '--strict', '--config', lower.config])).code).not.toBe(0);
  });

  it('one unit under two parents: stops (65) and names both parents and rows', async () => {
    const r = await region((c) => c.replace('unitLevels: [root]', 'unitLevels: [root, Område, Delområde]'));
    const orgFile = path.join(r.dir, 'organisation.csv');
    const text = iconv.decode(await readFile(orgFile), 'win1252');
    const lines = text.split(/\r?\n/);
    const last = lines.filter(Boolean).at(-1)!.split(';');
    // A new ansvar whose Delområde (the first row's) hangs under the last row's Område.
    const first = lines[1]!.split(';');
    expect(first[3]).not.toBe(last[3]);
    const added = ['999999', 'Nytt ansvar', first[2], last[3]].join(';');
    await writeFile(orgFile, iconv.encode(`${text.replace(/\r?\n$/, '')}\r\n${added}\r\n`, 'win1252'));
    const g = await run(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out]);
    expect(g.code).toBe(65);
    expect(g.err).toContain(`Enheten "${first[2]}" på nivån Delområde ligger under två olika överordnade: "${first[3]}" (rad 2) och "${last[3]}"`);
    await nothingWritten(r.out);
  });

  it('a report level that no unit has is an error, not a smaller batch', () => {
    const h = buildHierarchy('Region X', ['Delområde', 'Område'], []);
    const r = selectUnits(h, ['root', 'Område'], undefined, 'org.csv');
    expect(Array.isArray(r)).toBe(false);
    expect(r).toMatchObject({ code: 'config.level-empty', severity: 'error' });
    expect((r as { message: string }).message).toContain('Nivån "Område" i report.unitLevels ger inga rapporter');
  });

  it('an unknown --unit suggests the nearest id', async () => {
    const g = await run(['generate', '--period', '2024-08', '--config', 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml', '--unit', 'regionstyrelse', '--out', path.join(os.tmpdir(), 'rapport-aldrig')]);
    expect(g.code).toBe(64);
    expect(g.err).toContain('Enheten "regionstyrelse" finns inte i organisationen. Menade du "regionstyrelsen"?');
    // Reported before the ledger is read: the ledger's own notes (empty amounts) are not printed.
    expect(g.err).not.toContain('table.empty-amounts');
  });

  it("messages quote the export's own header names, not the defaults", async () => {
    const r = await region((c) => c.replace('      account: Konto\n      accountName: Konto (T)\n      costCentre: Ansvar', '      account: Kontonr\n      accountName: Konto (T)\n      costCentre: Ansvar'));
    const ledgerFile = path.join(r.dir, 'raindance-saldo.csv');
    const ledger = iconv.decode(await readFile(ledgerFile), 'win1252');
    await writeFile(ledgerFile, iconv.encode(ledger.replace(';Konto;', ';Kontonr;'), 'win1252'));
    // An account the grouping lacks: its line is dropped from kontogrupper.csv.
    const groupsFile = path.join(r.dir, 'kontogrupper.csv');
    const groups = iconv.decode(await readFile(groupsFile), 'win1252').split('\r\n');
    await writeFile(groupsFile, iconv.encode(groups.filter((l) => !l.startsWith('3011;')).join('\r\n'), 'win1252'));
    const g = await run(['validate', '--config', r.config, '--json']);
    expect(g.code).toBe(65);
    const unmapped = JSON.parse(g.out).diagnostics.find((d: { code: string }) => d.code === 'accounts.unmapped');
    expect(unmapped).toMatchObject({ value: '3011', location: { file: 'raindance-saldo.csv', column: 'Kontonr' } });
  });

  it('a named ledger column missing from the file: an error with the headers found and the nearest one', async () => {
    const r = await region((c) => c);
    const ledgerFile = path.join(r.dir, 'raindance-saldo.csv');
    const ledger = iconv.decode(await readFile(ledgerFile), 'win1252');
    await writeFile(ledgerFile, iconv.encode(ledger.replace(';Budget\r\n', ';Budget kr\r\n'), 'win1252'));
    const g = await run(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out]);
    expect(g.code).toBe(65);
    expect(g.err).toContain('Kolumnerna Budget saknas');
    expect(g.err).toContain("'Budget kr'");
    expect(g.err).toContain("Menade du 'Budget kr' i stället för 'Budget'?");
    await nothingWritten(r.out);
    // A misspelt utfall column is the same kind of error, not "Huvudboken innehåller inget utfall alls".
    const typo = await region((c) => c.replace('      actual: Utfall', '      actual: Utfal'));
    const t = await run(['generate', '--period', '2024-08', '--config', typo.config, '--out', typo.out]);
    expect(t.code).toBe(65);
    expect(t.err).toContain("Menade du 'Utfall' i stället för 'Utfal'?");
    expect(t.err).not.toContain('inget utfall alls');
    await nothingWritten(typo.out);
  });

  it('a ledger without budget: no deviation anywhere, and the sentences say there is no budget', async () => {
    // budget: "" says the export has none (as init --from writes it); the column is then not read even if present.
    const r = await region((c) => c.replace('      budget: Budget\n', '      budget: ""\n'));
    const out = path.join(r.dir, 'ut');
    const g = await run(['generate', '--period', '2024-08', '--config', r.config, '--format', 'json', '--out', out]);
    expect(g.code).toBe(0);
    const model = JSON.parse(await readFile(path.join(out, 'regionstyrelsen-2024-08.json'), 'utf8'));
    const text = JSON.stringify(model);
    // Before: "en negativ budgetavvikelse på 2 515 miljoner kronor", the whole net cost as a deviation.
    expect(text).not.toMatch(/budgetavvikelse på|Budgetavvikelsen är/);
    expect(text).toContain('Regionstyrelsen redovisar efter andra tertialet en nettokostnad på 2 515 miljoner kronor (huvudboken har ingen budget att jämföra med)');
    const result = model.sections[2].sections[0].blocks.find((b: { id?: string }) => b.id === 'resultat');
    const deviation = result.columns.findIndex((c: { header: string }) => c.header === 'Ack avvikelse');
    const net = result.rows.at(-1);
    expect(net.cells[0].text).toBe('Total (netto)');
    expect(net.cells[deviation]).toEqual({ kind: 'money', ore: null, unit: 'tkr' });
    expect(net.cells[deviation - 2].ore).toBe(-251528398700);
  });
});
