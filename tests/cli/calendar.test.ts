/** `rapport calendar` and `--period latest` on the example region's calendar (rapport.config.yaml). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('closing calendar on the command line', () => {
  it('lists the latest closed period and the coming dates in Swedish', async () => {
    const r = await runCli(['calendar', '--date', '2024-09-02']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Senast stängda period: 2024-07 (stängdes tis 20 augusti 2024).');
    expect(r.out).toContain('  tis 10 september 2024: Augusti 2024 stängs (månadsbokslut)');
    expect(r.out).toContain('  tis 8 oktober 2024: Delårsrapport per augusti till regionstyrelsen');
  });

  it('--period latest picks the latest closed period as of RAPPORT_TODAY', async () => {
    vi.stubEnv('RAPPORT_TODAY', '2024-09-12');
    const r = await runCli(['validate', '--period', 'latest', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).period).toBe('2024-08');
    expect(r.err).toContain('--period latest: 2024-08');
  });

  it('without a calendar in the configuration, latest is a configuration error (78)', async () => {
    const r = await runCli(['generate', '--period', 'latest', '--config', 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml']);
    expect(r.code).toBe(78);
    expect(r.err).toContain('har ingen bokslutskalender');
  });
});
