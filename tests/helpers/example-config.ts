/** The example region's configuration (rapport.config.yaml at the repository root) copied for a test. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The example region's configuration with `layoutText` as its layout, in a new temporary folder whose name starts
 * with `prefix` (the sources stay where they are). Returns the path of the configuration file written there.
 */
export async function exampleConfigWithLayout(prefix: string, layoutText: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await writeFile(path.join(dir, 'layout.yaml'), layoutText);
  const fixtures = path.resolve('fixtures');
  const text = (await readFile('rapport.config.yaml', 'utf8'))
    .replaceAll(' fixtures/', ` ${fixtures}/`)
    .replace('\nreport:\n', '\nreport:\n  layout: layout.yaml\n');
  const config = path.join(dir, 'rapport.config.yaml');
  await writeFile(config, text);
  return config;
}
