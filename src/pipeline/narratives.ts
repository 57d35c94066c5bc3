/**
 * Person-written analysis: Markdown files in the narrative folder, one folder per unit, one file per section key:
 * `<narrative>/<unit-id>/<key>.md` (e.g. `berattelser/regionstyrelsen/ekonomisk-analys.md`). Read through the input
 * edge (`io/read-source.ts`); a unit without a folder has no texts yet.
 */
import path from 'node:path';
import { listFolder, readTextFile } from '../io/read-source.js';
import type { ReportModel, Section } from '../report/model.js';

export async function loadNarratives(dir: string | undefined, unitId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!dir) return out;
  const unitDir = path.join(dir, unitId);
  const names = await listFolder(unitDir);
  if (!names) return out;
  for (const name of names) {
    if (!name.endsWith('.md')) continue;
    const key = name.slice(0, -3);
    const text = ((await readTextFile(path.join(unitDir, name))) ?? '').replace(/^\uFEFF/, '');
    if (text.trim() !== '') out.set(key, text);
  }
  return out;
}

/** Required narrative blocks of a report that nobody has written yet (what `--final` refuses to publish without). */
export function missingNarratives(model: ReportModel): { section: string; key: string }[] {
  const out: { section: string; key: string }[] = [];
  const walk = (s: Section): void => {
    for (const b of s.blocks) if (b.type === 'narrative' && b.required && b.markdown === null) out.push({ section: `${s.number} ${s.title}`, key: b.key });
    s.sections.forEach(walk);
  };
  model.sections.forEach(walk);
  return out;
}
