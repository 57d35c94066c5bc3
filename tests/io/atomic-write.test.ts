import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, writeFile, mkdir, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { publishFiles, PublishError } from '../../src/io/atomic-write.js';

describe('atomic publication', () => {
  it('writes all files and leaves no temporary files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-aw-'));
    await publishFiles([{ path: path.join(dir, 'a.md'), bytes: 'A' }, { path: path.join(dir, 'sub', 'b.json'), bytes: new Uint8Array([123, 125]) }]);
    expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe('A');
    expect(await readFile(path.join(dir, 'sub', 'b.json'), 'utf8')).toBe('{}');
    expect((await readdir(dir)).sort()).toEqual(['a.md', 'sub']);
  });

  it('a failing run leaves the previous report intact and no .tmp behind (case 96)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-aw-'));
    const target = path.join(dir, 'rapport.md');
    await writeFile(target, 'förra rapporten');
    // The second file's folder cannot be created: a file stands where the folder should be.
    await writeFile(path.join(dir, 'blockerad'), 'x');
    await expect(
      publishFiles([{ path: target, bytes: 'ny rapport' }, { path: path.join(dir, 'blockerad', 'b.md'), bytes: 'B' }]),
    ).rejects.toBeInstanceOf(PublishError);
    expect(await readFile(target, 'utf8')).toBe('förra rapporten');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports an unwritable folder as a PublishError naming the file', async () => {
    if (process.getuid?.() === 0) return; // root can write anywhere; the case above covers the failure path
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-aw-'));
    const ro = path.join(dir, 'ro');
    await mkdir(ro);
    await chmod(ro, 0o500);
    await expect(publishFiles([{ path: path.join(ro, 'x.md'), bytes: 'x' }])).rejects.toThrow(/x\.md/);
  });
});
