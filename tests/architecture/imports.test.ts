import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The direction of flow, checked on every `npm test`. Each folder of `src/` may import only the folders listed for
 * it (and itself); anything else is a breach. The table is the one drawn in `src/README.md`:
 *
 *   model ← messages ← config ← io ← sources        (reading)
 *   model ← messages ← config ← calc ← report ← render   (computing and printing)
 *   pipeline and cli on top; template (authoring tools) beside render, through its public entry only.
 */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  messages: ['model'],
  config: ['model', 'messages'],
  io: ['model', 'messages'],
  sources: ['model', 'messages', 'config', 'io'],
  calc: ['model', 'messages', 'config'],
  report: ['model', 'messages', 'config', 'calc'],
  render: ['model', 'messages', 'report', 'io'],
  accessibility: ['model', 'messages', 'io'],
  template: ['model', 'messages', 'report', 'render', 'accessibility', 'io'],
  pipeline: ['model', 'messages', 'config', 'io', 'sources', 'calc', 'report', 'render'],
  docs: ['model', 'messages', 'config', 'report'],
  setup: ['model', 'messages', 'config', 'io', 'sources'],
  cli: ['model', 'messages', 'config', 'io', 'sources', 'calc', 'report', 'render', 'accessibility', 'template', 'pipeline', 'docs', 'setup'],
};

/** Folders whose files other layers may import only through the named entry file. */
const PUBLIC_ENTRY: Record<string, { readonly entry: string; readonly from: readonly string[] }> = {
  // template/ (check, init) reaches render/ only through the Word writer's public entry.
  render: { entry: 'src/render/docx/index.ts', from: ['template'] },
};

interface Edge {
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts')) out.push(p.split(path.sep).join('/'));
  }
  return out;
}

/** Every relative import, static or dynamic, type-only included, of every file under src/. */
function importEdges(): Edge[] {
  const edges: Edge[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      const spec = (m[1] ?? m[2])!;
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts');
      if (!edges.some((e) => e.from === file && e.to === to)) edges.push({ from: file, to });
    }
  }
  return edges;
}

const layerOf = (file: string): string => file.split('/')[1]!;

function breaches(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const a = layerOf(from);
    const b = layerOf(to);
    if (a === b) continue;
    const allowed = ALLOWED[a];
    if (!allowed) {
      out.push(`${from} -> ${to} (folder src/${a} has no entry in the table)`);
      continue;
    }
    if (!allowed.includes(b)) out.push(`${from} -> ${to}`);
    for (const [folder, rule] of Object.entries(PUBLIC_ENTRY)) {
      if (to.startsWith(`src/${folder}/`) && rule.from.includes(a) && to !== rule.entry) out.push(`${from} -> ${to} (only ${rule.entry})`);
    }
  }
  return out;
}

function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of next.get(f) ?? []) {
      if (state.get(t) === 'open') found.push([...stack.slice(stack.indexOf(t)), t]);
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of next.keys()) if (!state.has(f)) visit(f);
  return found;
}

describe('the direction of imports in src/', () => {
  const edges = importEdges();

  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges).toContainEqual({ from: 'src/cli/main.ts', to: 'src/cli/exit-codes.ts' });
  });

  it('has no import against the flow', () => {
    expect(breaches(edges)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles(edges).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('would notice a breach, an import past a public entry, and a cycle', () => {
    expect(breaches([{ from: 'src/calc/economy.ts', to: 'src/report/model.ts' }])).toEqual(['src/calc/economy.ts -> src/report/model.ts']);
    expect(breaches([{ from: 'src/template/check.ts', to: 'src/render/docx/table.ts' }])).toEqual([
      'src/template/check.ts -> src/render/docx/table.ts (only src/render/docx/index.ts)',
    ]);
    expect(breaches([{ from: 'src/newthing/a.ts', to: 'src/model/ore.ts' }])[0]).toContain('has no entry in the table');
    const loop = cycles([{ from: 'src/io/a.ts', to: 'src/io/b.ts' }, { from: 'src/io/b.ts', to: 'src/io/a.ts' }]);
    expect(loop.map((c) => c.join(' -> '))).toEqual(['src/io/a.ts -> src/io/b.ts -> src/io/a.ts']);
  });

  it('keeps model/ free of imports of our own other folders', () => {
    expect(edges.filter((e) => layerOf(e.from) === 'model' && layerOf(e.to) !== 'model')).toEqual([]);
  });
});
