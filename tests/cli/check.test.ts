/**
 * `rapport generate --check DIR` (CI): the example region's committed sample reports
 * (fixtures/region-exempel/samples/) pass; a deliberately changed ledger line fails with exit 65 and the figures that
 * moved, by table / row / column, old → new.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const SAMPLES = 'fixtures/region-exempel/samples';

afterEach(() => vi.restoreAllMocks());

/** The example region copied to a folder whose path has a space and å, ä, ö, with one ledger line changed. */
async function changedRegion(from: string, to: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport check åäö '));
  await cp('fixtures/region-exempel', path.join(dir, 'fixtures', 'region-exempel'), { recursive: true });
  await cp('rapport.config.yaml', path.join(dir, 'rapport.config.yaml'));
  const ledger = path.join(dir, 'fixtures', 'region-exempel', 'raindance-saldo.csv');
  const text = await readFile(ledger, 'latin1');
  expect(text.split('\n').filter((l) => l.includes(from))).toHaveLength(1);
  await writeFile(ledger, text.replace(from, to), 'latin1');
  return path.join(dir, 'rapport.config.yaml');
}

interface Difference {
  file: string;
  where: string;
  old: string;
  new: string;
}

const RESULT = 'Tabell "Ekonomiskt resultat per augusti 2024" (resultat, avsnitt 3.2)';

describe('rapport generate --check', () => {
  it('takes --allow as generate does: a misspelt code is a usage error with the nearest code', async () => {
    const r = await runCli(['generate', '--period', '2024-08', '--check', SAMPLES, '--allow', 'reconcile.periods-outsid']);
    expect(r.code).toBe(64);
    expect(r.err).toContain('Menade du "reconcile.periods-outside"?');
  });

  it('passes on the committed sample reports', async () => {
    const r = await runCli(['generate', '--period', '2024-08', '--check', SAMPLES]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Samma siffror och texter som jämförelsefilerna i ${SAMPLES}: 2 filer jämförda.`);
  });

  it('fails on a changed ledger line and lists the figures that moved', async () => {
    // Ekonomistab (110102, Regionkontoret, Regionstyrelsen), account 4511 Arbetsgivaravgifter, August 2024:
    // utfall 715 400,00 kr → 815 400,00 kr, 100 000 kr more cost. In tkr: Personalkostnader's ack utfall
    // -5 724 009 tkr (in the committed sample) → -5 724 109 tkr; the net -8 936 399 → -8 936 499 tkr; in mnkr
    // Regionstyrelsen's -2 765,55 mnkr (prints -2 766) becomes -2 765,65 (still -2 766, so the exact value shows).
    const config = await changedRegion('110102;Ekonomistab;890;4511;Arbetsgivaravgifter;202408;715400,00;', '110102;Ekonomistab;890;4511;Arbetsgivaravgifter;202408;815400,00;');
    const r = await runCli(['generate', '--period', '2024-08', '--config', config, '--check', SAMPLES, '--json']);
    expect(r.code).toBe(65);
    const json = JSON.parse(r.out) as { differences: Difference[]; diagnostics: { code: string }[] };
    const find = (where: string) => json.differences.find((d) => d.where.startsWith(where) && d.file.endsWith('.json'));
    expect(find(`${RESULT} / rad "Verksamhetens kostnader / Personalkostnader" / kolumn "Ack utfall innev år"`)).toMatchObject({ old: '-5 724 009 tkr', new: '-5 724 109 tkr' });
    expect(find(`${RESULT} / rad "Total (netto)" / kolumn "Ack utfall innev år"`)).toMatchObject({ old: '-8 936 399 tkr', new: '-8 936 499 tkr' });
    // Augusti avvikelse = August budget − August utfall: 100 tkr worse.
    expect(find(`${RESULT} / rad "Verksamhetens kostnader / Personalkostnader" / kolumn "Augusti avvikelse"`)).toMatchObject({ old: '-10 815 tkr', new: '-10 915 tkr' });
    const rs = find('Tabell "Nettokostnad per verksamhetsområde per augusti 2024" (nettokostnad, avsnitt 3.3) / rad "Regionstyrelsen" / kolumn "Utfall aug 2024"')!;
    expect(rs.where).toContain('(samma avrundade värde -2 766 mnkr)');
    const ore = (s: string) => Math.round(Number(s.replace(/ kr$/, '').replace(/ /g, '').replace(',', '.')) * 100);
    expect(ore(rs.old) - ore(rs.new)).toBe(10_000_000);
    // The Markdown sample shows the same move line by line; its first lines that differ are the root's region level
    // (section 3.1, mnkr with one decimal), where verksamhetens nettokostnad -8 936 399 tkr → -8 936 499 tkr prints
    // -8 936,4 → -8 936,5 mnkr.
    expect(json.differences.some((d) => d.file.endsWith('.md') && d.old.includes('**Verksamhetens nettokostnad** | **-8 387,9** | **-8 936,4**') && d.new.includes('**Verksamhetens nettokostnad** | **-8 387,9** | **-8 936,5**'))).toBe(true);
    expect(json.diagnostics.map((d) => d.code)).toContain('check.differs');
    // In text: one line per figure, "where: old → new".
    const text = await runCli(['generate', '--period', '2024-08', '--config', config, '--check', SAMPLES]);
    expect(text.code).toBe(65);
    expect(text.out).toContain(`${RESULT} / rad "Verksamhetens kostnader / Personalkostnader" / kolumn "Ack utfall innev år": -5 724 009 tkr → -5 724 109 tkr`);
    expect(text.err).toContain('Rapporterna skiljer sig från jämförelsefilerna');
  });

  it('is a usage error with --out, and exit 66 when the folder has no sample for the period', async () => {
    expect((await runCli(['generate', '--period', '2024-08', '--check', SAMPLES, '--out', 'x'])).code).toBe(64);
    const none = await runCli(['generate', '--period', '2024-04', '--check', SAMPLES]);
    expect(none.code).toBe(66);
    expect(none.err).toContain('har inga jämförelsefiler för perioden 2024-04');
  });
});
