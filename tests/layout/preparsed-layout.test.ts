/**
 * The bundled layouts as `npm run build` keeps them parsed (dist/layouts/NAME.json, scripts/prebuild-layouts.mjs):
 * `loadLayout` takes one only for the very YAML text it was made from, and it is that text's parse, value for value;
 * a setting's line is still found (from the YAML, parsed when asked).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseLayout } from '../../src/config/layout.js';
import { BUNDLED_LAYOUTS, PREPARSED_LAYOUTS, layoutTextHash, preparsed, type PreparsedLayout } from '../../src/pipeline/layout.js';

const names = readdirSync(BUNDLED_LAYOUTS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));
const built = existsSync(PREPARSED_LAYOUTS); // npm test builds first; a bare vitest run without dist/ skips the checks

describe.skipIf(!built)('pre-parsed bundled layouts', () => {
  it.each(names)('%s: made from the YAML as it is now, and equal to its parse', (name) => {
    const text = readFileSync(path.join(BUNDLED_LAYOUTS, `${name}.yaml`), 'utf8');
    const cached = JSON.parse(readFileSync(path.join(PREPARSED_LAYOUTS, `${name}.json`), 'utf8')) as PreparsedLayout;
    expect(cached.sha256).toBe(layoutTextHash(text));
    const parsed = parseLayout(text, `templates/layouts/${name}.yaml`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Strictly: a key holding undefined, lost on the way through JSON, would show here.
    expect(cached.layout).toStrictEqual(parsed.value.layout);
  });

  it('is taken only for the text it was made from, and still finds a setting’s line', async () => {
    const shown = 'templates/layouts/standard.yaml';
    const text = readFileSync(path.join(BUNDLED_LAYOUTS, 'standard.yaml'), 'utf8');
    expect(await preparsed('standard', `${text}\n# ändrad\n`, shown)).toBeNull();
    const got = await preparsed('standard', text, shown);
    const parsed = parseLayout(text, shown);
    expect(got?.ok && parsed.ok).toBe(true);
    if (!got?.ok || !parsed.ok) return;
    expect(got.value.file).toBe(shown);
    for (const p of [['sections', 0], ['sections', 1, 'blocks', 0], ['sections']] as const) {
      expect(got.value.lineOf(p)).toBe(parsed.value.lineOf(p));
      expect(got.value.lineOf(p)).toBeGreaterThan(0);
    }
  });
});
