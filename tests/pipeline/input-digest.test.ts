/**
 * The manifest's hash of a streamed ledger comes from its reader, which hashes the pieces as it reads them: the
 * pipeline hands it on with the inputs, and it is the file's own size and SHA-256 (so the file is not read a second
 * time to hash it, and the manifest names exactly the bytes the figures were made from).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { isStreamed } from '../../src/model/records.js';

const fixture = path.resolve(__dirname, '../../fixtures/vasterbotten-rs-2024-08');

describe('the streamed ledger in the run inputs', () => {
  it('carries the size and SHA-256 of the file as read', async () => {
    const loaded = await loadConfig(path.join(fixture, 'rapport.config.yaml'));
    if (!loaded.ok) throw new Error('config');
    const result = await runPipeline(loaded.value, { year: 2024, month: 8 });
    expect(result.data).not.toBeNull();
    const ledger = result.inputs!.find((i) => i.displayName === loaded.value.config.sources.ledger.file.replaceAll('\\', '/'))!;
    expect(isStreamed(ledger)).toBe(true);
    if (!isStreamed(ledger)) return;
    const bytes = readFileSync(path.resolve(fixture, loaded.value.config.sources.ledger.file));
    expect(ledger.digest).toEqual({ bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('carries the size and SHA-256 of each streamed HR extract as read', async () => {
    const dir = path.resolve(__dirname, '../../fixtures/vastmanland-fds-2023-08');
    const loaded = await loadConfig(path.join(dir, 'rapport.config.yaml'));
    if (!loaded.ok) throw new Error('config');
    const result = await runPipeline(loaded.value, { year: 2023, month: 8 });
    expect(result.data?.personnel).toBeTruthy();
    const s = loaded.value.config.personnel!.sources;
    for (const file of [s.employments.file, s.absence.file, s.hiredStaff!.file]) {
      const input = result.inputs!.find((i) => i.displayName === file.replaceAll('\\', '/'))!;
      expect(isStreamed(input), file).toBe(true);
      if (!isStreamed(input)) return;
      const bytes = readFileSync(path.resolve(dir, file));
      expect(input.digest, file).toEqual({ bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  });
});
