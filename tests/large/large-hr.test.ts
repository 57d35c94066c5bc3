import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * An HR absence extract larger than the old 256 MiB limit, read by the whole command in a heap of 256 MB: the HR
 * extracts are streamed row by row into their readers, never held whole (issue 13). Run by `npm run test:large`.
 *
 * The file is the example region's absence extract as committed, followed by copies of its rows with every absence
 * type made "Semester" until it is over 256 MiB. Rows of other types than sick leave are only counted, so the report
 * must be the one made from the committed extract, figure for figure; only the provenance's file name may differ.
 * (An employment extract of that size would not fit in such a heap: each of its rows becomes a record of the
 * personnel calculation — the records, not the file's text, are what the reader keeps.)
 */

const ROOT = path.resolve(__dirname, '../..');
const ABSENCE = 'fixtures/region-exempel/heroma/franvaro.csv';
const LIMIT = 256 * 1024 * 1024;

let dir: string;

/** The repository's config with every file made absolute, and the absence extract replaced. */
function config(absenceFile: string): string {
  const text = readFileSync(path.join(ROOT, 'rapport.config.yaml'), 'utf8');
  expect(text).toContain(`file: ${ABSENCE}`);
  return text
    .replace(`file: ${ABSENCE}`, `file: ${JSON.stringify(absenceFile)}`)
    .replaceAll(' fixtures/region-exempel/', ` ${path.join(ROOT, 'fixtures/region-exempel')}/`);
}

function generate(configFile: string, out: string): { status: number | null; stderr: string; report: Record<string, unknown> } {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=256', path.join(ROOT, 'bin', 'rapport'), 'generate', '--config', configFile, '--period', '2024-08', '--unit', 'region-exempel', '--format', 'json', '--out', out],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  const report = r.status === 0 ? (JSON.parse(readFileSync(path.join(out, 'region-exempel-2024-08.json'), 'utf8')) as Record<string, unknown>) : {};
  return { status: r.status, stderr: r.stderr, report };
}

describe('an HR absence extract over 256 MiB', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rapport-large-hr-'));
    const original = readFileSync(path.join(ROOT, ABSENCE));
    const lines = original.toString('latin1').split(/\r?\n/).filter((l) => l !== '');
    const type = lines[0]!.split(';').indexOf('Fr\u00e5nvaroorsak');
    expect(type).toBeGreaterThanOrEqual(0);
    const other = Buffer.from(
      lines.slice(1).map((l) => {
        const f = l.split(';');
        f[type] = 'Semester';
        return f.join(';');
      }).join('\r\n') + '\r\n',
      'latin1',
    );
    writeFileSync(path.join(dir, 'small.csv'), original);
    // The large file, written block by block (never built in memory).
    const fd = openSync(path.join(dir, 'large.csv'), 'w');
    try {
      let size = writeSync(fd, original);
      while (size <= LIMIT) size += writeSync(fd, other);
    } finally {
      closeSync(fd);
    }
    // The same, with the header repeated before every copy (a report export's page breaks): a file the HR readers
    // once handed to the whole-file reader, refused over 256 MiB; now streamed like any other.
    const repeated = Buffer.concat([Buffer.from(lines[0]! + '\r\n', 'latin1'), other]);
    const fd2 = openSync(path.join(dir, 'repeated.csv'), 'w');
    try {
      let size = writeSync(fd2, original);
      while (size <= LIMIT) size += writeSync(fd2, repeated);
    } finally {
      closeSync(fd2);
    }
    writeFileSync(path.join(dir, 'small.yaml'), config(path.join(dir, 'small.csv')));
    writeFileSync(path.join(dir, 'large.yaml'), config(path.join(dir, 'large.csv')));
    writeFileSync(path.join(dir, 'repeated.yaml'), config(path.join(dir, 'repeated.csv')));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is read by `generate` in a 256 MB heap, with the figures of the committed extract', () => {
    expect(statSync(path.join(dir, 'large.csv')).size).toBeGreaterThan(LIMIT);
    const small = generate(path.join(dir, 'small.yaml'), path.join(dir, 'out-small'));
    expect(small.stderr).not.toContain('fel:');
    expect(small.status).toBe(0);
    const large = generate(path.join(dir, 'large.yaml'), path.join(dir, 'out-large'));
    expect(large.stderr).not.toMatch(/io\.file-too-large|heap/i);
    expect(large.status).toBe(0);
    expect(JSON.parse(JSON.stringify(large.report).replaceAll('large.csv', 'small.csv'))).toEqual(small.report);
  });

  it('with repeated header lines: streamed too, the lines skipped with a warning, the figures of the committed extract', () => {
    expect(statSync(path.join(dir, 'repeated.csv')).size).toBeGreaterThan(LIMIT);
    const small = generate(path.join(dir, 'small.yaml'), path.join(dir, 'out-small-2'));
    expect(small.status).toBe(0);
    const large = generate(path.join(dir, 'repeated.yaml'), path.join(dir, 'out-repeated'));
    expect(large.stderr).not.toMatch(/io\.file-too-large|heap/i);
    expect(large.stderr).toContain('Rubrik- eller titelrader upprepas');
    expect(large.status).toBe(0);
    const sections = (r: Record<string, unknown>) => JSON.parse(JSON.stringify(r.sections).replaceAll('repeated.csv', 'small.csv')) as unknown;
    expect(sections(large.report)).toEqual(sections(small.report));
  });
});
