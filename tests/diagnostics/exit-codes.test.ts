import { describe, expect, test, vi, afterEach } from 'vitest';
import { exitCode } from '../../src/cli/exit-codes.js';
import { diag } from '../../src/messages/index.js';
import { runCli } from '../helpers/run-cli.js';

/** The one exit-code table: an outcome (diagnostics, kind of failure, --strict) → the README's numbers. */

const missing = diag('io.file-not-found', { file: 'data/saldo.csv', path: '/x/data/saldo.csv' }, { file: 'data/saldo.csv' });
const dataError = diag('table.no-data', {}, { file: 'data/saldo.csv' });
const configError = diag('config.invalid', { path: 'sources', detail: 'inställningen saknas' });
const warning = diag('table.blank-lines', { count: 1, rows: '3' }, { file: 'data/saldo.csv' });

describe('exitCode', () => {
  test('from the diagnostics: none or warnings 0; missing input 66 first; only configuration 78; any data problem 65', () => {
    expect(exitCode({ diagnostics: [] })).toBe(0);
    expect(exitCode({ diagnostics: [warning] })).toBe(0);
    expect(exitCode({ diagnostics: [warning], strict: true })).toBe(65);
    expect(exitCode({ diagnostics: [dataError, missing] })).toBe(66);
    expect(exitCode({ diagnostics: [configError] })).toBe(78);
    expect(exitCode({ diagnostics: [configError, dataError] })).toBe(65);
  });

  test('a given kind of failure decides', () => {
    expect(exitCode({ diagnostics: [], failure: 'usage' })).toBe(64);
    expect(exitCode({ diagnostics: [dataError], failure: 'config' })).toBe(78);
    expect(exitCode({ diagnostics: [], failure: 'cannot-create' })).toBe(73);
    expect(exitCode({ diagnostics: [], failure: 'io' })).toBe(74);
    expect(exitCode({ diagnostics: [], failure: 'locked' })).toBe(75);
    expect(exitCode({ diagnostics: [], failure: 'missing-input' })).toBe(66);
    expect(exitCode({ diagnostics: [], failure: 'data' })).toBe(65);
  });
});

afterEach(() => vi.restoreAllMocks());

const run = runCli;

describe('a missing file named on the command line is io.file-not-found, exit 66', () => {
  test.each([
    ['template check', ['template', 'check', 'finns-inte.docx', '--json']],
    ['accessibility', ['accessibility', 'finns-inte.docx', '--json']],
    ['generate --template', ['generate', '--period', '2024-08', '--config', 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml', '--template', 'finns-inte.docx', '--format', 'docx', '--json']],
  ])('%s', async (_name, args) => {
    const r = await run(args);
    expect(r.code).toBe(66);
    const json = JSON.parse(r.out) as { diagnostics: { code: string; severity: string; location: { file: string } }[] };
    expect(json.diagnostics.find((d) => d.code === 'io.file-not-found')).toMatchObject({ severity: 'error', location: { file: 'finns-inte.docx' } });
  });
});
