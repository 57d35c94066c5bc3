/**
 * The generated documents (JSON Schemas, diagnostics list) must match the code. `npm run schema` regenerates them
 * (UPDATE_DOCS=1); a reviewer reads the diff.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { configJsonSchema, layoutJsonSchema, reportModelJsonSchema } from '../../src/docs/schemas.js';
import { validateConfig } from '../../src/config/load-config.js';
import { diagnosticsMarkdown } from '../../src/docs/diagnostics.js';

const generated: Record<string, () => string> = {
  'docs/config.schema.json': configJsonSchema,
  'docs/report-model.schema.json': reportModelJsonSchema,
  'docs/layout.schema.json': layoutJsonSchema,
  'docs/diagnostics.md': diagnosticsMarkdown,
};

describe('generated documents and the starter config', () => {
  for (const [file, make] of Object.entries(generated)) {
    it(`${file} is up to date (run \`npm run schema\` after changing its source)`, async () => {
      if (process.env.UPDATE_DOCS) await writeFile(file, make());
      expect(await readFile(file, 'utf8')).toBe(make());
    });
  }

  it('the starter config written by `rapport init` is valid', async () => {
    const text = await readFile('templates/rapport.config.yaml', 'utf8');
    const r = validateConfig(parse(text), 'rapport.config.yaml');
    expect(r.ok).toBe(true);
  });

  it('reports an unknown key and a bad value with its path, in Swedish', () => {
    const r = validateConfig({ organisation: { name: 'X', unit: 'Y', namn: 'fel' }, sources: {} }, 'k.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const msgs = r.diagnostics.map((d) => d.message).join('\n');
      expect(msgs).toContain('organisation.namn');
      expect(msgs).toMatch(/sources\.ledger/);
    }
  });
});
