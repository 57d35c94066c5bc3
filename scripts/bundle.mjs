#!/usr/bin/env node
// The last step of `npm run build`: the compiled command (dist/cli/main.js) and the two worker-thread entries are
// bundled with the libraries they import into dist/bundle/, which bin/rapport runs.
//
// Why: `rapport generate` loaded about 420 modules one by one (zod, yaml, handlebars, commander, iconv-lite,
// csv-parse …, and dist/'s own files), and Node spent ~200 ms of a 1,5 s run resolving, reading and linking them.
// In a few files that is mostly gone (docs/performance.md). What is imported only when needed (the Word, Excel and
// PDF renderers, each command) stays in its own file, loaded as before only when used (code splitting).
//
// The bundle is made from dist/ — the JavaScript the tests ran — not from the TypeScript sources, so it holds the
// same code. Files are found relative to the module that asks (`import.meta.url`): every file of dist/bundle/ lies two
// folders below the package root, as dist/<folder>/<file>.js does, and the worker entries lie beside the code that
// starts them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const out = path.join(dist, 'bundle');
rmSync(out, { recursive: true, force: true });

await build({
  entryPoints: {
    main: path.join(dist, 'cli', 'main.js'),
    'word-worker': path.join(dist, 'pipeline', 'word-worker.js'),
    'range-worker': path.join(dist, 'sources', 'ledger', 'range-worker.js'),
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  chunkNames: 'chunk-[hash]',
  // CommonJS libraries inside an ES module bundle call `require` for Node's own modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  legalComments: 'eof',
  // Whitespace and comments out, syntax shortened, names kept (stack traces still name the functions): the generate
  // command loads ~2 MB of it. Comments with å, ä, ö made a whole file a two-byte string for Node; ASCII output keeps
  // it one byte a character. Measured: importing the generate command's code 136-143 -> 118-124 ms.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  logLevel: 'warning',
});
