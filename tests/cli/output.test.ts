/**
 * How generate talks (issue 11, "habits of a good CLI"): progress on stderr (one line rewritten at a terminal, plain
 * lines otherwise, nothing with --json), the written files and the closing line on stdout, counts in the singular
 * when there is one.
 */
import { describe, expect, it, vi, afterEach } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, createReporter } from '../../src/cli/output.js';
import { Diagnostics } from '../../src/model/diagnostics.js';
import { diag } from '../../src/messages/index.js';
import { runCli } from '../helpers/run-cli.js';

const run = runCli;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** A stand-in for a stream: what was written, and whether it is a terminal. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { text: '', isTTY, columns: 60, write(t: string) { s.text += t; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('generate: progress on stderr, the result on stdout', () => {
  const golden = 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml';

  it('lists the files and "Klart" on stdout, progress and diagnostics on stderr', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'rapport-ut-'));
    const r = await run(['generate', '--period', '2024-08', '--config', golden, '--format', 'md', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toEqual([`  ${path.relative(process.cwd(), path.join(out, 'regionstyrelsen-2024-08.md'))}`, 'Klart: 1 fil skriven.']);
    expect(r.err).toContain('Läser och kontrollerar källorna …\n');
    expect(r.err).toContain('Enhet 1 av 1: Regionstyrelsen\n');
    expect(r.err).not.toContain('Klart');
  });

  it('prints nothing but the JSON document with --json', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'rapport-ut-'));
    const r = await run(['generate', '--period', '2024-08', '--config', golden, '--format', 'md,json', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ command: 'generate', status: 'ok', files: [expect.stringMatching(/\.md$/), expect.stringMatching(/\.json$/)] });
  });
});

describe('the reporter', () => {
  it('rewrites one progress line at a terminal and clears it before other output', () => {
    vi.stubEnv('NO_COLOR', '1');
    const err = fakeStream(true);
    const out = fakeStream(false);
    const rep = createReporter(false, err, out);
    rep.progress('Enhet 1 av 2: A');
    rep.progress('Enhet 2 av 2: B');
    rep.info('fel: något');
    rep.result('Klart: 2 filer skrivna.');
    expect(err.text).toContain('\r\x1b[KEnhet 1 av 2: A\r\x1b[KEnhet 2 av 2: B\r\x1b[Kfel: något\n');
    expect(out.text).toBe('Klart: 2 filer skrivna.\n');
  });

  it('writes plain progress lines when not at a terminal', () => {
    const err = fakeStream(false);
    const rep = createReporter(false, err, fakeStream(false));
    rep.progress('Enhet 1 av 2: A');
    expect(err.text).toBe('Enhet 1 av 2: A\n');
  });

  it('counts in the singular when there is one', () => {
    expect(count(1, 'fil skriven', 'filer skrivna')).toBe('1 fil skriven');
    expect(count(0, 'fil skriven', 'filer skrivna')).toBe('0 filer skrivna');
    const err = fakeStream(false);
    const d = new Diagnostics();
    d.add(diag('ledger.forecast-unused', { rows: 3 }, { file: 'hb.csv' }));
    createReporter(false, err, fakeStream(false)).summary(d);
    expect(err.text).toContain('0 fel, 1 varning.');
  });
});
