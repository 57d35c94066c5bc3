#!/usr/bin/env node
// Regenerates every example and golden report in every format into one folder, so two builds can be compared
// byte for byte (`node scripts/snapshot-outputs.mjs DIR`, then `diff -r DIR1 DIR2`). Used when refactoring: the
// outputs must not change.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const out = resolve(process.argv[2] ?? 'snapshot');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = resolve('bin/rapport');
const runs = [
  ['exempel', ['--config', 'rapport.config.yaml']],
  ['exempel-final', ['--config', 'rapport.config.yaml', '--unit', 'region-exempel', '--final']],
  ['exempel-mall', ['--config', 'rapport.config.yaml', '--template', 'fixtures/templates/region-exempel-mall.docx', '--format', 'docx']],
  ['golden', ['--config', 'fixtures/vasterbotten-rs-2024-08/rapport.config.yaml']],
];
let failed = 0;
for (const [name, args] of runs) {
  const fmt = args.includes('--format') ? [] : ['--format', 'docx,xlsx,md,json'];
  const r = spawnSync(process.execPath, [bin, 'generate', '--period', '2024-08', ...args, ...fmt, '--out', join(out, name)], { encoding: 'utf8' });
  console.log(`${name}: exit ${r.status}`);
  if (r.status !== 0) { failed++; console.log(r.stdout, r.stderr); }
}
process.exitCode = failed ? 1 : 0;
