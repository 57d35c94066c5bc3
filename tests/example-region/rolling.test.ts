/**
 * The example region's gross cost development over 12 rolling months (September 2023–August 2024 against September
 * 2022–August 2023) and its budget bridge, against sums taken straight from the CSV files here (a second, independent
 * reading: cp1252 text split on ";", amounts as öre), so the pipeline's figures are checked to the öre.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { computeEconomy } from '../../src/calc/economy.js';
import { bridgeSteps } from '../../src/report/modules.js';
import { formatPercent } from '../../src/model/format.js';

const FIXTURE = path.resolve('fixtures/region-exempel');
const cp1252 = new TextDecoder('windows-1252');
const rowsOf = (file: string) => cp1252.decode(readFileSync(path.join(FIXTURE, file))).split('\r\n').filter((l) => l !== '').slice(1).map((l) => l.split(';'));
/** "-1234,56" → −123456 öre, exactly. */
const oreOf = (s: string) => (s.startsWith('-') ? -1 : 1) * Number(s.replace('-', '').replace(',', ''));

describe('example region, report 2024-08', () => {
  it('bruttokostnadsutveckling, rullande 12 månader, equals the sums of the ledger file', async () => {
    const section = new Map(rowsOf('kontogrupper.csv').map((r) => [r[0]!, r[3]!]));
    let current = 0;
    let previous = 0;
    for (const r of rowsOf('raindance-saldo.csv')) {
      const [konto, period, utfall] = [r[3]!, Number(r[5]), r[6]!];
      // Gross cost: cost-section accounts but avskrivningar (78) and class 8; ledger sign, so costs are positive here.
      if (utfall === '' || section.get(konto) !== 'Verksamhetens kostnader' || konto.startsWith('78') || konto.startsWith('8')) continue;
      if (period >= 202309 && period <= 202408) current += oreOf(utfall);
      else if (period >= 202209 && period <= 202308) previous += oreOf(utfall);
    }
    const cfg = await loadConfig(path.resolve('rapport.config.yaml'));
    if (!cfg.ok) throw new Error('config');
    const run = await runPipeline(cfg.value, { year: 2024, month: 8 });
    expect(run.data, JSON.stringify(run.diagnostics.errors())).not.toBeNull();
    const p = run.data!.prepared;
    expect(p.years).toBe(3); // the standard layout has the rolling figure: 2022–2024 kept
    const root = computeEconomy(p, run.data!.hierarchy.root);
    const g = root.grossCost!;
    // Report sign: the costs negative.
    expect(g.current).toBe(-current);
    expect(g.previous).toBe(-previous);
    expect(g.missingMonths).toEqual([]);
    expect(g.change).toEqual({ num: current - previous, den: previous });
    // 1 953 809 012 270 / 1 845 480 223 290 − 1 = 0,05870 → 5,9 %.
    expect(current).toBe(1_953_809_012_270);
    expect(previous).toBe(1_845_480_223_290);
    expect(formatPercent(g.change!, 1)).toBe('5,9');

    // The bridge: ack budget + every row's avvikelse = ack utfall (−8 833,4 + (−103,0) = −8 936,4 mnkr).
    const steps = bridgeSteps(root, { year: 2024, month: 8 });
    expect(steps[0]!.amount).toBe(root.net.ackBudget);
    expect(steps.at(-1)!.amount).toBe(root.net.ackActual);
    const sum = steps.slice(1, -1).reduce((a, s) => a + (s.amount ?? 0), 0);
    expect(sum).toBe(root.net.ackDeviation);
    expect((root.net.ackBudget ?? 0) + sum).toBe(root.net.ackActual);
  });
});
