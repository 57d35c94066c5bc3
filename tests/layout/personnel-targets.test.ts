/**
 * Målvärden of personnel measures (`personnel.targets`, a layout column with `target: true`, seed 003's "Indikator |
 * Utfall | Målvärde" tables): the configuration's checks, the layout's checks and how a målvärde is printed.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { personnelConfigSchema } from '../../src/config/personnel-schema.js';
import { checkLayoutAgainstConfig, parseLayout } from '../../src/config/layout.js';
import { loadConfig } from '../../src/config/load-config.js';
import { personnelTarget } from '../../src/report/measures.js';
import { formatCell } from '../../src/render/format.js';
import type { PersonnelResults } from '../../src/calc/personnel/index.js';

const SOURCES = { employments: { file: 'anstallningar.csv' }, absence: { file: 'franvaro.csv' } };

describe('personnel.targets', () => {
  it('takes målvärden in percent for the personnel percentages', () => {
    const r = personnelConfigSchema.safeParse({ sources: SOURCES, targets: { personalomsattning: 11, sjukfranvaro: 5.2 } });
    expect(r.success).toBe(true);
    expect(r.data!.targets).toEqual({ personalomsattning: 11, sjukfranvaro: 5.2 });
    expect(personnelConfigSchema.parse({ sources: SOURCES }).targets).toEqual({});
  });

  it('takes one or two decimals that are not exact in binary (1.1 × 100 = 110.00000000000001)', () => {
    for (const v of [1.1, 2.3, 0.57, 4.35, 99.99]) {
      const r = personnelConfigSchema.safeParse({ sources: SOURCES, targets: { sjukfranvaro: v } });
      expect(r.success, String(v)).toBe(true);
    }
    for (const v of [1.005, 2.301, 0.001]) {
      const r = personnelConfigSchema.safeParse({ sources: SOURCES, targets: { sjukfranvaro: v } });
      expect(r.success, String(v)).toBe(false);
    }
  });

  it('an unknown measure is an error naming the nearest one; more than two decimals is an error', () => {
    const r = personnelConfigSchema.safeParse({ sources: SOURCES, targets: { personalomsatning: 11 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['targets', 'personalomsatning']);
    expect(r.error!.issues[0]!.message).toContain('menade du "personalomsattning"?');
    const d = personnelConfigSchema.safeParse({ sources: SOURCES, targets: { sjukfranvaro: 5.255 } });
    expect(d.success).toBe(false);
    expect(d.error!.issues[0]!.message).toBe('Målvärdet får ha högst två decimaler.');
  });
});

describe('a målvärde column', () => {
  const results = (targets: Record<string, number>) => ({ rules: { targets } }) as unknown as PersonnelResults;

  it('prints the målvärde as written (11 → "11", 5.2 → "5,2", 4.75 → "4,75"), or with the column\'s decimals', () => {
    const r = results({ personalomsattning: 11, sjukfranvaro: 5.2, sjukfranvaroKvinnor: 4.75 });
    expect(formatCell(personnelTarget(r, 'personalomsattning', undefined))).toBe('11');
    expect(formatCell(personnelTarget(r, 'sjukfranvaro', undefined))).toBe('5,2');
    expect(formatCell(personnelTarget(r, 'sjukfranvaroKvinnor', undefined))).toBe('4,75');
    expect(formatCell(personnelTarget(r, 'personalomsattning', 2))).toBe('11,00');
    expect(personnelTarget(r, 'sjukfranvaroMan', undefined)).toEqual({ kind: 'percent', ratio: null, decimals: 0 });
  });

  it('layout errors: target on a measure without målvärden, and a målvärde the configuration lacks', async () => {
    const table = (measure: string) => `version: 1
sections:
  - id: medarbetare
    title: Medarbetare
    blocks:
      - table:
          id: indikator
          title: Indikator
          columns:
            - { measure: ${measure}, heading: Utfall }
            - { measure: ${measure}, target: true }
          rows:
            - { kind: net, label: Enheten }
`;
    const wrong = parseLayout(table('arbetadTid'), 'layout.yaml');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.diagnostics.map((d) => d.code)).toEqual(['layout.invalid']);
      expect(wrong.diagnostics[0]!.message).toContain('målvärde (target) finns bara för måtten sjukfranvaro');
      expect(wrong.diagnostics[0]!.location).toEqual({ file: 'layout.yaml', row: 11 });
    }
    // Seed 003's fixture configures målvärden for personalomsattning and sjukfranvaro, not for sjukfranvaroKvinnor.
    const cfg = await loadConfig(path.resolve('fixtures/halland-regionkontoret-2023-04/rapport.config.yaml'));
    if (!cfg.ok) throw new Error('config');
    const ok = parseLayout(table('personalomsattning'), 'layout.yaml');
    if (!ok.ok) throw new Error(JSON.stringify(ok.diagnostics));
    expect(checkLayoutAgainstConfig({ ...ok.value, file: 'layout.yaml' }, cfg.value.config, { configFile: 'rapport.config.yaml' })).toEqual([]);
    const missing = parseLayout(table('sjukfranvaroKvinnor'), 'layout.yaml');
    if (!missing.ok) throw new Error(JSON.stringify(missing.diagnostics));
    const d = checkLayoutAgainstConfig({ ...missing.value, file: 'layout.yaml' }, cfg.value.config, { configFile: 'rapport.config.yaml' });
    expect(d.map((x) => x.message)).toEqual([
      'Ogiltig layout, sections.0.blocks.0.table.columns.1.target: målvärdet för sjukfranvaroKvinnor saknas under personnel.targets i rapport.config.yaml (se docs/layout.md).',
    ]);
    // The bundled layout of seed 003 checks clean against its fixture.
    const bundled = parseLayout(await readFile('templates/layouts/uppdrag.yaml', 'utf8'), 'uppdrag.yaml');
    if (!bundled.ok) throw new Error(JSON.stringify(bundled.diagnostics));
    expect(checkLayoutAgainstConfig({ ...bundled.value, file: 'uppdrag.yaml' }, cfg.value.config, { configFile: 'rapport.config.yaml' })).toEqual([]);
  });
});
