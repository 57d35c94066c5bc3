#!/usr/bin/env node
// Installable outside the clone: packs the tool as npm would publish it, installs the tarball into an empty folder
// whose path has a space and å, ä, ö (as on a finance strategist's Windows machine), and there runs `rapport --version`,
// `rapport init` and `rapport generate` on a copy of the example region — with the installed files only, no
// TypeScript and no clone beside it. Run by .ci/run; `npm run check:pack` runs it by hand.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(path.join(tmpdir(), 'rapport-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const fail = (msg) => {
  console.error(`check-pack-install: ${msg}`);
  process.exitCode = 1;
};

try {
  // 1. Pack: the tarball must hold the built files and the templates, and no sources, tests or fixtures.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
  const files = packed[0].files.map((f) => f.path);
  for (const need of ['bin/rapport', 'dist/bundle/main.js', 'dist/cli/main.js', 'dist/pipeline/paths.js', 'templates/rapport.config.yaml', 'templates/layouts/standard.yaml', 'package.json', 'README.md']) {
    if (!files.includes(need)) fail(`${need} saknas i paketet`);
  }
  for (const f of files) if (/^(src|tests|fixtures|scripts)\//.test(f)) fail(`${f} ska inte finnas i paketet`);
  const tarball = path.join(work, packed[0].filename);
  console.log(`packade ${packed[0].filename}: ${files.length} filer, ${packed[0].size} byte`);

  // 2. Install into an empty folder with a space and Swedish letters in its path (from the local npm cache where it can).
  const home = path.join(work, 'Ekonomi å ä ö');
  writeFileSync(path.join(mkdirp(home), 'package.json'), JSON.stringify({ name: 'ekonomi', private: true }) + '\n');
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: home, stdio: 'inherit' });
  const bin = path.join(home, 'node_modules', '.bin', process.platform === 'win32' ? 'rapport.cmd' : 'rapport');
  if (existsSync(path.join(home, 'node_modules', 'typescript'))) fail('typescript installerades, fast bara körfilerna behövs');

  const run = (args, cwd) => {
    const r = spawnSync(bin, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
    console.log(`$ rapport ${args.join(' ')}  → ${r.status}`);
    if (r.status !== 0) fail(`rapport ${args.join(' ')} slutade med ${r.status}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  // 3. rapport --version and init in an empty folder.
  const version = run(['--version'], home).stdout.trim();
  const expected = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  if (version !== expected) fail(`--version gav ${version}, väntat ${expected}`);
  const fresh = mkdirp(path.join(home, 'ny region'));
  run(['init'], fresh);
  if (!existsSync(path.join(fresh, 'rapport.config.yaml'))) fail('init skrev ingen rapport.config.yaml');
  const withLayout = mkdirp(path.join(home, 'egen layout'));
  run(['init', '--layout', 'standard'], withLayout);
  if (!existsSync(path.join(withLayout, 'layout.yaml'))) fail('init --layout standard skrev ingen layout.yaml');

  // 4. generate on a copy of the example region (config + exports), outside the clone.
  const region = mkdirp(path.join(home, 'Region Exempel'));
  cpSync(path.join(root, 'rapport.config.yaml'), path.join(region, 'rapport.config.yaml'));
  cpSync(path.join(root, 'fixtures', 'region-exempel'), path.join(region, 'fixtures', 'region-exempel'), { recursive: true });
  run(['generate', '--period', '2024-08', '--unit', 'region-exempel', '--format', 'docx,xlsx,md,json', '--out', 'rapporter'], region);
  const written = existsSync(path.join(region, 'rapporter')) ? readdirSync(path.join(region, 'rapporter')) : [];
  for (const ext of ['docx', 'xlsx', 'md', 'json']) {
    if (!written.includes(`region-exempel-2024-08.${ext}`)) fail(`region-exempel-2024-08.${ext} skrevs inte (skrivna: ${written.join(', ')})`);
  }
  if (!process.exitCode) console.log(`Paketet installeras och kör utanför klonen: ${written.length} filer skrivna.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function mkdirp(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
