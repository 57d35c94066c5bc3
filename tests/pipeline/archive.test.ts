/**
 * The archive of published figures (issue 12 item 3; docs/publication.md): what a run stores, the closed-period
 * check of bad-input case 81 and the previous report's forecast, on the Västerbotten fixture (one unit).
 */
import { describe, expect, it } from 'vitest';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipeline, selectUnits } from '../../src/pipeline/run.js';
import { computeEconomy } from '../../src/calc/economy.js';
import { archiveRecords, closedPeriodChanges, forecastKey, parseArchive, previousReportForecasts, serializeArchive, type ArchiveRecord } from '../../src/pipeline/archive.js';
import { readArchive } from '../../src/pipeline/publication.js';
import { runCli } from '../helpers/run-cli.js';

const fixture = path.resolve(__dirname, '../../fixtures/vasterbotten-rs-2024-08');

async function prepared() {
  const loaded = await loadConfig(path.join(fixture, 'rapport.config.yaml'));
  if (!loaded.ok) throw new Error('config');
  const result = await runPipeline(loaded.value, { year: 2024, month: 8 });
  const units = selectUnits(result.data!.hierarchy, loaded.value.config.report.unitLevels, undefined);
  if (!Array.isArray(units)) throw new Error('units');
  return { prepared: result.data!.prepared, units };
}

describe('archive records', () => {
  it('store each row as the report computed it, with utfall per month summing to ack utfall', async () => {
    const { prepared: p, units } = await prepared();
    const records = archiveRecords(p, units, 'r1', '2024-09-05T10:00:00.000Z');
    const economy = computeEconomy(p, units[0]!);
    const rows = economy.sections.flatMap((s) => s.rows.map((r) => ({ section: s.name, row: r })));
    expect(records).toHaveLength(rows.length);
    for (const [i, { section, row }] of rows.entries()) {
      const r = records[i]!;
      expect([r.section, r.row, r.period, r.unit]).toEqual([section, row.name, '2024-08', units[0]!.id]);
      expect([r.ackActual, r.ackBudget, r.annualBudget, r.forecast]).toEqual([row.figures.ackActual, row.figures.ackBudget, row.figures.annualBudget, row.figures.forecast]);
      const months = Object.entries(r.actualByMonth).filter(([m]) => m.startsWith('2024-'));
      expect(months.map(([m]) => m)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
      const known = months.map(([, v]) => v).filter((v): v is number => v !== null);
      expect(known.length === 0 ? null : known.reduce((a, b) => a + b, 0)).toBe(row.figures.ackActual);
    }
    expect(parseArchive(serializeArchive(records), 'arkiv.jsonl')).toEqual({ records, diagnostics: [] });
  });

  it('a damaged line is skipped with a warning naming it', () => {
    const r = parseArchive('{"v":1}\nnot json\n', 'rapporter/.rapport/arkiv.jsonl');
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.location?.row])).toEqual([['output.archive-unreadable', 1]]);
  });

  it('case 81: a closed month whose published utfall changed is named with both amounts; the report month is not', async () => {
    const { prepared: p, units } = await prepared();
    const now = archiveRecords(p, units, '', '');
    const row = now.find((r) => r.actualByMonth['2024-03'] !== null)!;
    const published = now.map((r): ArchiveRecord => {
      if (r !== row) return { ...r, published: '2024-05-10T08:00:00.000Z' };
      return { ...r, published: '2024-05-10T08:00:00.000Z', actualByMonth: { ...r.actualByMonth, '2024-03': r.actualByMonth['2024-03']! + 100, '2024-08': 1 } };
    });
    const found = closedPeriodChanges(published, now, p.period);
    expect(found).toHaveLength(1);
    const kr = (ore: number): string => (ore / 100).toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    expect(found[0]!.code).toBe('output.closed-period-changed');
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain(`"${row.row}", 2024-03: utfallet är nu ${kr(row.actualByMonth['2024-03']!)} kr men var ${kr(row.actualByMonth['2024-03']! + 100)} kr i rapporten som publicerades 2024-05-10`);
    expect(closedPeriodChanges(now, now, p.period)).toEqual([]);
  });

  it("the previous report's forecast per row: the latest earlier period of the same year", () => {
    const base = { v: 1, unitName: 'X', section: 'S', ackActual: 0, ackBudget: 0, annualBudget: 0, forecastOccasion: null, actualByMonth: {} };
    const rec = (period: string, published: string, row: string, forecast: number): ArchiveRecord => ({ ...base, run: published, published, period, unit: 'u', row, forecast });
    const records = [
      rec('2023-12', '2024-01-20T00:00:00Z', 'A', 1),
      rec('2024-04', '2024-05-10T00:00:00Z', 'A', 400),
      rec('2024-04', '2024-05-12T00:00:00Z', 'A', 410),
      rec('2024-04', '2024-05-12T00:00:00Z', 'B', 420),
      rec('2024-08', '2024-09-10T00:00:00Z', 'A', 800),
    ];
    const prev = previousReportForecasts(records, 'u', { year: 2024, month: 8 });
    expect([...prev.keys()]).toEqual([forecastKey('S', 'A'), forecastKey('S', 'B')]);
    expect(prev.get(forecastKey('S', 'A'))).toEqual({ forecast: 410, forecastOccasion: null, period: '2024-04', published: '2024-05-12T00:00:00Z' });
    expect(previousReportForecasts(records, 'u', { year: 2024, month: 4 }).size).toBe(0);
  });
});

describe('through generate', () => {
  it('each run appends its rows; a changed closed month is a warning on the next run, an error with --strict', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport arkiv ö-'));
    await cp(fixture, dir, { recursive: true });
    const out = path.join(dir, 'rapporter');
    const args = ['generate', '--period', '2024-08', '--config', path.join(dir, 'rapport.config.yaml'), '--format', 'md', '--out', out, '--json'];
    expect((await runCli(args)).code).toBe(0);
    const first = await readArchive(out);
    expect(first.records.length).toBeGreaterThan(0);

    const ledger = path.join(dir, 'raindance-saldo.csv');
    const text = (await readFile(ledger)).toString('latin1');
    const line = text.split('\n').find((l) => l.split(';')[5] === '202402' && /^-?\d+,\d\d$/.test(l.split(';')[6] ?? ''))!;
    const cells = line.split(';');
    const changed = [...cells.slice(0, 6), cells[6]!.replace(/(\d),(\d\d)$/, (_, d: string, c: string) => `${(Number(d) + 1) % 10},${c}`), ...cells.slice(7)].join(';');
    await writeFile(ledger, Buffer.from(text.replace(line, changed), 'latin1'));

    const strict = await runCli([...args, '--strict']);
    expect(strict.code).toBe(65);
    expect((JSON.parse(strict.out) as { diagnostics: { code: string; severity: string }[] }).diagnostics.filter((d) => d.code === 'output.closed-period-changed').every((d) => d.severity === 'error')).toBe(true);
    expect((await readArchive(out)).records).toHaveLength(first.records.length);
    const again = await runCli(args);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.out) as { diagnostics: { code: string; severity: string; message: string }[] };
    const warnings = json.diagnostics.filter((d) => d.code === 'output.closed-period-changed');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((d) => d.severity === 'warning' && d.message.includes('2024-02: utfallet är nu'))).toBe(true);
    // Visible in the report: the restatement is a caveat of the reports of the units it concerns, and only theirs.
    const restatedUnits = new Set(warnings.map((d) => (d as { unit?: string }).unit));
    const reports = (await readdir(out)).filter((f) => f.endsWith('-2024-08.md'));
    expect(reports.length).toBeGreaterThanOrEqual(1);
    for (const f of reports) {
      const md = await readFile(path.join(out, f), 'utf8');
      expect(md.includes('En stängd period har ändrats'), f).toBe(restatedUnits.has(f.replace(/-2024-08\.md$/, '')));
    }
    const second = await readArchive(out);
    expect(second.records).toHaveLength(first.records.length * 2);
    expect(new Set(second.records.map((r) => r.run)).size).toBe(2);
  }, 600_000);
});
