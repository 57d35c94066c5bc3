/** Runs the command line in-process (the code bin/rapport runs from dist/) and captures what it prints. */
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export async function runCli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    return { code: await main(['node', 'rapport', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
