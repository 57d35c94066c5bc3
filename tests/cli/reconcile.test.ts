/**
 * The four inputs that used to give wrong numbers with exit 0 and no message, on a copy of the example region:
 * a duplicated Heroma employment row, the ledger cut at a line boundary (bad-input case 31), lines of periods outside
 * the report years (case 57) and `unit: tkr` on a ledger in kronor (case 80). Each now stops the run with a named
 * finding and publishes nothing; `--allow` accepts a reconciliation finding by name and the report says so.
 */
import { describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parseDocument } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'fixtures/region-exempel');

interface Diag { code: string; severity: string; message: string; value?: string; location?: { file: string; row?: number; column?: string } }

/**
 * A copy of the example region in a temporary folder (the exports under fixtures/region-exempel/ as in the repo's
 * config), with the goal section left out (not under test) and, unless `personnel`, the HR section too.
 */
async function exampleCopy(o: { personnel?: boolean; ledgerUnit?: string } = {}): Promise<{ dir: string; config: string; ledger: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-reconcile-'));
  await cp(EXAMPLE, path.join(dir, 'fixtures/region-exempel'), { recursive: true });
  const doc = parseDocument(await readFile(path.join(ROOT, 'rapport.config.yaml'), 'utf8'));
  doc.delete('goals');
  if (!o.personnel) doc.delete('personnel');
  if (o.ledgerUnit) doc.setIn(['sources', 'ledger', 'unit'], o.ledgerUnit);
  const config = path.join(dir, 'rapport.config.yaml');
  await writeFile(config, doc.toString());
  return { dir, config, ledger: path.join(dir, 'fixtures/region-exempel/raindance-saldo.csv') };
}

async function readLines(file: string): Promise<string[]> {
  return iconv.decode(await readFile(file), 'win1252').split('\r\n').join('\n').split('\n');
}

async function writeLines(file: string, lines: readonly string[]): Promise<void> {
  await writeFile(file, iconv.encode(lines.join('\r\n'), 'win1252'));
}

async function validate(config: string, extra: string[] = []): Promise<{ code: number; diagnostics: Diag[] }> {
  const r = await runCli(['validate', '--period', '2024-08', '--config', config, '--json', ...extra]);
  return { code: r.code, diagnostics: (JSON.parse(r.out) as { diagnostics: Diag[] }).diagnostics };
}

const errors = (ds: readonly Diag[]): string[] => ds.filter((d) => d.severity === 'error').map((d) => d.code);

describe('silent wrong numbers now stop the run', () => {
  it('a duplicated Heroma employment row (same person, month, ansvar, form, start) → error naming both rows, no identity', async () => {
    const { dir, config } = await exampleCopy({ personnel: true });
    const file = path.join(dir, 'fixtures/region-exempel/heroma/anstallningar.csv');
    const lines = await readLines(file);
    const copied = lines[1]!;
    // The copy goes right after the header's next line: it is line 3, the original line 2.
    await writeLines(file, [lines[0]!, copied, copied, ...lines.slice(2)]);
    const r = await validate(config);
    expect(r.code).toBe(65);
    expect(errors(r.diagnostics)).toEqual(['personnel.employments.duplicate']);
    const d = r.diagnostics.find((x) => x.code === 'personnel.employments.duplicate')!;
    expect(d.location).toMatchObject({ file: 'fixtures/region-exempel/heroma/anstallningar.csv', row: 3, column: 'Period' });
    expect(d.message).toContain('rad 2');
    expect(d.message).toContain('2022-08');
    const [pnr, name] = copied.split(';');
    expect(JSON.stringify(r.diagnostics)).not.toContain(pnr!);
    expect(JSON.stringify(r.diagnostics)).not.toContain(pnr!.replace('-', ''));
    expect(JSON.stringify(r.diagnostics)).not.toContain(name!);
  });

  it('case 31: the ledger cut at a line boundary inside an ansvar × konto → reconcile.ledger-cut-short, nothing published', async () => {
    const { dir, config, ledger } = await exampleCopy();
    const lines = await readLines(ledger);
    // Keep the header and the first 100 keys' 36 lines (2022, 2023 and 2024 with budget to December), then 29 lines
    // of the next key (12 + 12 + 5: its rows end at 2024-05).
    await writeLines(ledger, [...lines.slice(0, 1 + 100 * 36 + 29), '']);
    const r = await validate(config);
    expect(r.code).toBe(65);
    expect(errors(r.diagnostics)).toEqual(['reconcile.ledger-cut-short']);
    const d = r.diagnostics.find((x) => x.code === 'reconcile.ledger-cut-short')!;
    const cut = lines[1 + 100 * 36]!.split(';');
    expect(d.message).toContain(`ansvar ${cut[0]}, konto ${cut[3]}: sista period 2024-05`);
    expect(d.message).toContain('slutar före 2024-12');
    expect(d.location?.file).toBe('fixtures/region-exempel/raindance-saldo.csv');
    const out = path.join(dir, 'ut');
    const g = await runCli(['generate', '--period', '2024-08', '--config', config, '--format', 'json', '--out', out, '--json']);
    expect(g.code).toBe(65);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('case 57: lines of 202501, 201901 and 209901 → reconcile.periods-outside with count, periods and amount; --allow names it on the title page', async () => {
    const { dir, config, ledger } = await exampleCopy();
    const lines = await readLines(ledger);
    const extra = ['202501', '201901', '209901'].map((p) => `110101;Regiondirektörens stab;890;3411;Försäljning av tjänster;${p};-1000,00;`);
    await writeLines(ledger, [...lines.filter((l) => l !== ''), ...extra, '']);
    const r = await validate(config);
    expect(r.code).toBe(65);
    expect(errors(r.diagnostics)).toEqual(['reconcile.periods-outside']);
    const d = r.diagnostics.find((x) => x.code === 'reconcile.periods-outside')!;
    expect(d.message).toContain('3 rader');
    expect(d.message).toContain('2019-01, 2025-01, 2099-01');
    // In report sign (sign: ledger flips): three lines of −1 000 kr income are +3 000 kr.
    expect(d.message).toContain('utfall 3 000,00 kr');

    const out = path.join(dir, 'ut');
    const g = await runCli(['generate', '--period', '2024-08', '--config', config, '--unit', 'region-exempel', '--format', 'json', '--out', out, '--allow', 'reconcile.periods-outside', '--final', '--json']);
    expect(g.code, g.out.slice(0, 2000)).toBe(0);
    const model = JSON.parse(await readFile(path.join(out, 'region-exempel-2024-08.json'), 'utf8')) as { caveats: string[] };
    expect(model.caveats[0]).toMatch(/^Godkänd avvikelse \(--allow reconcile\.periods-outside\): Huvudboken har 3 rader/);
  });

  it('--json has a reconciliation section: one entry per finding (code, severity, message, file), accepted ones named', async () => {
    const { dir, config, ledger } = await exampleCopy();
    const lines = await readLines(ledger);
    const extra = ['202501', '201901'].map((p) => `110101;Regiondirektörens stab;890;3411;Försäljning av tjänster;${p};-1000,00;`);
    await writeLines(ledger, [...lines.filter((l) => l !== ''), ...extra, '']);
    type Section = { ran: boolean; stopped: boolean; findings: { code: string; severity: string; message: string; file?: string; unit?: string; accepted?: string }[] };
    const v = await runCli(['validate', '--period', '2024-08', '--config', config, '--json']);
    const vs = (JSON.parse(v.out) as { reconciliation: Section; diagnostics: Diag[] });
    expect(v.code).toBe(65);
    expect(vs.reconciliation.ran).toBe(true);
    expect(vs.reconciliation.stopped).toBe(true);
    const finding = vs.diagnostics.find((d) => d.code === 'reconcile.periods-outside')!;
    expect(vs.reconciliation.findings).toEqual([
      { code: 'reconcile.periods-outside', severity: 'error', message: finding.message, file: 'fixtures/region-exempel/raindance-saldo.csv' },
    ]);
    // Two lines of −1 000 kr income, report sign: +2 000 kr.
    expect(finding.message).toContain('2 rader');
    expect(finding.message).toContain('utfall 2 000,00 kr');

    const out = path.join(dir, 'ut');
    const g = await runCli(['generate', '--period', '2024-08', '--config', config, '--unit', 'region-exempel', '--format', 'json', '--out', out, '--allow', 'reconcile.periods-outside', '--json']);
    expect(g.code).toBe(0);
    const gs = (JSON.parse(g.out) as { reconciliation: Section }).reconciliation;
    expect(gs.ran).toBe(true);
    expect(gs.stopped).toBe(false);
    expect(gs.findings.map((f) => [f.code, f.severity, f.accepted, f.file])).toEqual([
      ['reconcile.allowed', 'warning', 'reconcile.periods-outside', 'fixtures/region-exempel/raindance-saldo.csv'],
    ]);

    // A source that cannot be read stops the run before reconciliation: the section says the checks did not run.
    await writeLines(ledger, [lines[0]!, '110101;Regiondirektörens stab;890;3411;Försäljning av tjänster;202401;tusen;', '']);
    const bad = await runCli(['validate', '--period', '2024-08', '--config', config, '--json']);
    expect(bad.code).toBe(65);
    expect((JSON.parse(bad.out) as { reconciliation: Section }).reconciliation).toEqual({ ran: false, stopped: false, findings: [] });
  });

  it("December: the helårsprognos is the year's outcome; forecast-file values that differ are a visible warning", async () => {
    const { dir, config, ledger } = await exampleCopy();
    const lines = await readLines(ledger);
    // December utfall on one line (the example ledger has budget only after August): the year is closed in the data.
    const dec = lines.findIndex((l) => l.startsWith('110101;') && l.includes(';202412;'));
    const f = lines[dec]!.split(';');
    f[6] = '-1000,00';
    lines[dec] = f.join(';');
    await writeLines(ledger, lines);
    const out = path.join(dir, 'ut');
    const g = await runCli(['generate', '--period', '2024-12', '--config', config, '--unit', 'region-exempel', '--format', 'json', '--out', out, '--json']);
    expect(g.code, g.out.slice(0, 2000)).toBe(0);
    const warning = (JSON.parse(g.out) as { diagnostics: Diag[] }).diagnostics.find((d) => d.code === 'reconcile.december-forecast')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toContain('prognostillfället 2024-08');
    expect(warning.location?.file).toBe('fixtures/region-exempel/prognoser.csv');
    type Cell = { kind: string; text?: string; ore?: number | null };
    type T = { type: string; id: string; columns: { header: string }[]; rows: { cells: Cell[] }[] };
    const tables: T[] = [];
    const walk = (o: unknown): void => {
      if (Array.isArray(o)) o.forEach(walk);
      else if (o && typeof o === 'object') {
        if ((o as T).type === 'table') tables.push(o as T);
        else Object.values(o).forEach(walk);
      }
    };
    walk(JSON.parse(await readFile(path.join(out, 'region-exempel-2024-12.json'), 'utf8')));
    const result = tables.find((t) => t.id === 'resultat')!;
    const ack = result.columns.findIndex((c) => c.header === 'Ack utfall innev år');
    const fc = result.columns.findIndex((c) => c.header === 'Helårsprognos');
    expect(ack).toBeGreaterThan(0);
    expect(fc).toBeGreaterThan(0);
    // Every row: helårsprognos = ack utfall januari–december, to the öre.
    for (const row of result.rows) expect(row.cells[fc]?.ore, row.cells[0]?.text).toBe(row.cells[ack]?.ore);
  });

  it('--allow with a code that is not a reconciliation check → usage error 64 with the nearest code', async () => {
    const { config } = await exampleCopy();
    const r = await runCli(['validate', '--config', config, '--allow', 'reconcile.period-outside']);
    expect(r.code).toBe(64);
    expect(r.err).toContain('Menade du "reconcile.periods-outside"?');
  });

  it('case 80: unit: tkr on a ledger in kronor → implausible amounts and a 1 000× mismatch against the forecast file', async () => {
    const { config } = await exampleCopy({ ledgerUnit: 'tkr' });
    const r = await validate(config);
    expect(r.code).toBe(65);
    expect(errors(r.diagnostics).sort()).toEqual(['reconcile.implausible-amount', 'reconcile.scale-mismatch']);
    const scale = r.diagnostics.find((x) => x.code === 'reconcile.scale-mismatch')!;
    // The forecasts (kr) against the budget read as tkr: about 1 000 times apart (the forecast is not the budget).
    const ratio = Number(/ungefär (\d+) gånger/.exec(scale.message)?.[1]);
    expect(ratio).toBeGreaterThan(900);
    expect(ratio).toBeLessThan(1100);
    expect(scale.message).toContain('unit: tkr');
    expect(scale.location?.file).toBe('fixtures/region-exempel/prognoser.csv');
  });

  it('the example region as shipped reconciles without findings', async () => {
    const { config } = await exampleCopy({ personnel: true });
    const r = await validate(config);
    expect(r.code).toBe(0);
    expect(r.diagnostics.filter((d) => d.code.startsWith('reconcile.'))).toEqual([]);
  });
});
