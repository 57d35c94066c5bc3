#!/usr/bin/env node
// A step of `npm run build`: every bundled layout (templates/layouts/NAME.yaml) parsed and checked once, as
// `rapport` itself does it (dist/config/layout.js), into dist/layouts/NAME.json with the SHA-256 of the YAML text.
// `loadLayout` (src/pipeline/layout.ts) takes it instead of parsing the YAML again when the YAML it reads has that
// hash: ~50 ms of every `generate`. A layout that does not parse here stops the build.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parseLayout } = await import(pathToFileURL(path.join(root, 'dist', 'config', 'layout.js')).href);
const { layoutTextHash } = await import(pathToFileURL(path.join(root, 'dist', 'pipeline', 'layout.js')).href);

const from = path.join(root, 'templates', 'layouts');
const out = path.join(root, 'dist', 'layouts');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of readdirSync(from).filter((f) => f.endsWith('.yaml')).sort()) {
  const text = readFileSync(path.join(from, file), 'utf8');
  const parsed = parseLayout(text, `templates/layouts/${file}`);
  if (!parsed.ok) {
    console.error(`prebuild-layouts: templates/layouts/${file} does not parse:`, JSON.stringify(parsed.diagnostics, null, 2));
    process.exit(1);
  }
  writeFileSync(path.join(out, file.replace(/\.yaml$/, '.json')), JSON.stringify({ sha256: layoutTextHash(text), layout: parsed.value.layout }));
}
