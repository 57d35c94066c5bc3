/**
 * Advice that works (issue 12 item 6): every command-line flag a message suggests is an option of some command,
 * so "kör med --x" never ends in "Okänd flagga".
 */
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { catalogue } from '../../src/messages/index.js';
import { buildProgram } from '../../src/cli/main.js';

function options(program: Command): Set<string> {
  const all = new Set<string>();
  const walk = (c: Command): void => {
    for (const o of c.options) if (o.long) all.add(o.long);
    c.commands.forEach(walk);
  };
  walk(program);
  return all;
}

describe('the flags messages suggest', () => {
  it('exist', () => {
    const known = options(buildProgram(() => {}));
    expect(known.has('--final')).toBe(true);
    const suggested = Object.entries(catalogue).flatMap(([code, def]) =>
      [...def.text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => ({ code, flag: m[0] })),
    );
    expect(suggested.length).toBeGreaterThan(3);
    expect(suggested.filter((s) => !known.has(s.flag))).toEqual([]);
  });
});
