/**
 * Arbetsmiljöavvikelser per category (`personnel.sources.workEnvironment.categories`, seed 002: "varav hot och
 * våld 0 0", "varav stickskador 0 0"): the configured categories are rows in their order even when a period has
 * none; other categories count in the totals only. Without the setting, one row per category found, by name.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { calculatePersonnel } from '../../src/calc/personnel/index.js';
import { personnelConfigSchema } from '../../src/config/personnel-schema.js';
import { validateConfig } from '../../src/config/load-config.js';
import { buildPersonnelSection } from '../../src/report/personnel-section.js';
import { readWorkEnvironment } from '../../src/sources/heroma/read-small.js';
import { readPersonnelInputs } from '../../src/sources/heroma/load.js';
import type { Block, Section, Table } from '../../src/report/model.js';
import { formatCell } from '../../src/render/format.js';
import { bundledTexts } from '../helpers/text-templates.js';
import { HrBuilder, rules } from './helpers.js';

function cp1252(text: string, name: string) {
  return { bytes: new Uint8Array(iconv.encode(text.replace(/\n/g, '\r\n'), 'windows-1252')), displayName: name };
}

const FILE = 'Ansvar;Datum;Typ;Kategori\n'
  + 'A1;2023-03-14;Händelse;Fall\n' // January–July 2023
  + 'A1;2024-02-01;Tillbud;hot och våld \n' // January–July 2024, the category written in another case
  + 'A1;2024-05-02;Risk;Belastning\n'
  + 'A1;2024-09-01;Händelse;Stickskador\n'; // after the HR period (July 2024): in no figure

function tables(s: Section): Table[] {
  const all = (x: Section): Block[] => [...x.blocks, ...x.sections.flatMap(all)];
  return all(s).filter((b): b is Table => b.type === 'table');
}

async function section(categories?: string[]) {
  const spec = personnelConfigSchema.shape.sources.shape.workEnvironment.unwrap().parse({
    file: 'a.csv', columns: { category: 'Kategori' }, ...(categories ? { categories } : {}),
  });
  const read = await readWorkEnvironment(cp1252(FILE, 'a.csv'), spec);
  expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const b = new HrBuilder();
  for (const e of b.people(12, 'K')) b.employ(e, 202301, 202407);
  const data = { ...b.data(), workEnvironment: read.value, workEnvironmentCategories: spec.categories ?? null };
  const { results } = calculatePersonnel(data, rules(), { period: { year: 2024, month: 8 }, unitCostCentres: ['A1'] });
  const t = tables(buildPersonnelSection(results, { texts: bundledTexts(), unitName: 'Enheten' })).find((x) => x.id === 'personal-arbetsmiljoavvikelser')!;
  return t.rows.map((r) => r.cells.map((c) => formatCell(c, ' ')));
}

describe('arbetsmiljöavvikelser per category', () => {
  it('the configured categories in their order, 0 where a period has none, others in the totals only', async () => {
    expect(await section(['Hot och våld', 'Stickskador'])).toEqual([
      ['Antal händelser', '1', '1'],
      ['Antal risker', '0', '1'],
      ['Totalt antal', '1', '2'],
      ['varav hot och våld', '0', '1'],
      ['varav stickskador', '0', '0'],
    ]);
  });

  it('without categories: one row per category found, by name (as before)', async () => {
    expect(await section()).toEqual([
      ['Antal händelser', '1', '1'],
      ['Antal risker', '0', '1'],
      ['Totalt antal', '1', '2'],
      ['varav belastning', '0', '1'],
      ['varav fall', '1', '0'],
      ['varav hot och våld', '0', '1'],
    ]);
  });

  it('categories without a category column is a configuration error; a configured column the file lacks is an error naming the file', async () => {
    const r = validateConfig({
      organisation: { name: 'Region X', unit: 'Nämnden' },
      sources: { ledger: { file: 'l.csv' }, organisation: { file: 'o.csv' }, accountGroups: { file: 'k.csv' } },
      personnel: { sources: { employments: { file: 'e.csv' }, absence: { file: 'f.csv' }, workEnvironment: { file: 'a.csv', categories: ['Hot och våld'] } } },
    }, 'rapport.config.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('personnel.sources.workEnvironment.categories: categories kräver columns.category');
    const spec = personnelConfigSchema.shape.sources.shape.workEnvironment.unwrap().parse({ file: 'a.csv', columns: { category: 'Kategorie' }, categories: ['Hot och våld'] });
    const read = await readWorkEnvironment(cp1252(FILE, 'a.csv'), spec);
    const err = read.diagnostics.find((d) => d.code === 'table.missing-columns')!;
    expect(err.severity).toBe('error');
    expect(err.location?.file).toBe('a.csv');
    expect(err.message).toContain('Kategorie');
    expect(read.value).toEqual([]);
  });
});

describe('a configured category that no event has', () => {
  async function load(categories: string[]) {
    const cfg = personnelConfigSchema.parse({
      sources: {
        employments: { file: 'e.csv' }, absence: { file: 'f.csv' },
        workEnvironment: { file: 'a.csv', columns: { category: 'Kategori' }, categories },
      },
    });
    return readPersonnelInputs(cfg, { employments: null, absence: null, workEnvironment: cp1252(FILE, 'a.csv') }, {}, new Uint8Array(32).fill(7));
  }

  it('is a visible warning naming the file, the column and the nearest category found', async () => {
    const { diagnostics } = await load(['Hot och våld', 'Stickskada']);
    const unmatched = diagnostics.filter((d) => d.code === 'personnel.workEnvironment.category.unmatched');
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatchObject({ severity: 'warning', location: { file: 'a.csv', column: 'Kategori' } });
    expect(unmatched[0]!.message).toContain('Kategorin "Stickskada"');
    expect(unmatched[0]!.message).toContain('Menade du "Stickskador"?');
  });

  it('far from every category the file has, it is an info: a category may have no events', async () => {
    const { diagnostics } = await load(['Hot och våld', 'Brand']);
    expect(diagnostics.filter((d) => d.code === 'personnel.workEnvironment.category.unmatched')).toEqual([]);
    const none = diagnostics.filter((d) => d.code === 'personnel.workEnvironment.category.none');
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ severity: 'info', location: { file: 'a.csv', column: 'Kategori' } });
    expect(none[0]!.message).toContain('kategorin "Brand"');
  });

  it('matches whatever the Unicode form: "våld" written with a combining ring is the same category', async () => {
    const nfd = 'Hot och våld'.normalize('NFD');
    expect(nfd).not.toBe('Hot och våld');
    const { diagnostics } = await load([nfd, 'Stickskador']);
    expect(diagnostics.filter((d) => d.code === 'personnel.workEnvironment.category.unmatched')).toEqual([]);
    expect(await section([nfd, 'Stickskador'])).toContainEqual([`varav ${nfd.toLowerCase()}`, '0', '1']);
  });
});
