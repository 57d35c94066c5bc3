/**
 * The example region end to end: the Heroma-shaped fixture → pseudonymised records → figures → the personnel
 * section, for the whole region and for a förvaltning with its delområden. The section's JSON (what every renderer
 * gets) and all diagnostics are searched for every personnummer and name in the fixture.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { personnelConfigSchema, type PersonnelConfig } from '../../src/config/personnel-schema.js';
import type { LoadPersonnelResult } from '../../src/sources/heroma/load.js';
import { loadPersonnel } from '../../src/pipeline/load-inputs.js';
import { computePersonnel, preparePersonnel, type PreparedPersonnel } from '../../src/calc/personnel/index.js';
import { buildPersonnelSection } from '../../src/report/personnel-section.js';
import { buildHierarchy, type OrgNode } from '../../src/calc/hierarchy.js';
import { readOrganisation } from '../../src/sources/read-organisation.js';
import type { OrgRow } from '../../src/model/records.js';
import type { Block, Section, Table } from '../../src/report/model.js';
import { formatCell } from '../../src/render/format.js';
import { bundledTexts } from '../helpers/text-templates.js';

const TEXTS = bundledTexts();

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PERIOD = { year: 2024, month: 8 };

function personnelConfig(): PersonnelConfig {
  const yaml = parseYaml(readFileSync(path.join(HERE, 'personnel.config.yaml'), 'utf8')) as { personnel: unknown };
  return personnelConfigSchema.parse(yaml.personnel);
}

/** Every personnummer (in the forms it could be printed) and full name in the fixture. */
function fixtureIdentities(): { pnr: Set<string>; names: Set<string> } {
  const pnr = new Set<string>();
  const names = new Set<string>();
  for (const file of ['anstallningar.csv', 'franvaro.csv']) {
    const text = iconv.decode(readFileSync(path.join(ROOT, 'fixtures/region-exempel/heroma', file)), 'windows-1252');
    for (const line of text.split('\r\n').slice(1)) {
      if (line === '') continue;
      const [p, n] = line.split(';');
      pnr.add(p!);
      pnr.add(p!.replace('-', ''));
      pnr.add(p!.slice(2));
      pnr.add(p!.slice(2).replace('-', ''));
      names.add(n!);
    }
  }
  return { pnr, names };
}

function tables(s: Section): Table[] {
  const out: Table[] = [];
  const walk = (x: Section): void => {
    for (const b of x.blocks) if (b.type === 'table') out.push(b);
    x.sections.forEach(walk);
  };
  walk(s);
  return out;
}

function blocks(s: Section): Block[] {
  return [...s.blocks, ...s.sections.flatMap(blocks)];
}

let loaded: LoadPersonnelResult;
let org: OrgRow[];
let config: PersonnelConfig;
let prepared: PreparedPersonnel;
let runDiagnostics: readonly unknown[];

beforeAll(async () => {
  config = personnelConfig();
  loaded = await loadPersonnel(ROOT, config);
  const orgBytes = readFileSync(path.join(ROOT, 'fixtures/region-exempel/organisation.csv'));
  const orgRead = await readOrganisation(
    { bytes: new Uint8Array(orgBytes), displayName: 'organisation.csv' },
    { file: 'organisation.csv', format: 'csv', encoding: 'windows-1252', delimiter: ';', amounts: { trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: true }, unit: 'kr', columns: { costCentre: 'Ansvar', name: 'Ansvar (T)', levels: ['Delområde', 'Förvaltning', 'Nämnd'] } },
  );
  org = orgRead.value;
  const p = preparePersonnel(loaded.data!, config, PERIOD);
  prepared = p.prepared;
  runDiagnostics = p.diagnostics;
});

function sectionFor(node: OrgNode, name: string) {
  const diagnostics = runDiagnostics;
  const results = computePersonnel(prepared, {
    unitCostCentres: node.costCentres,
    subunits: node.children.map((c) => ({ id: c.id, name: c.name, costCentres: c.costCentres })),
  });
  const section = buildPersonnelSection(results, { texts: TEXTS,
    unitName: name,
    narratives: new Map([['personal-avvikelser', '| Område | Analys | Aktivitet |\n|---|---|---|\n| Ökad korttidsfrånvaro i Lokalvård | Influensa under våren | Vaccinationserbjudande |']]),
  });
  return { results, diagnostics, section };
}

describe('example region (fixture)', () => {
  it('reads the extracts without errors, and states what it left out', () => {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    // The extract runs to August; the August report shows HR figures to July.
    expect((runDiagnostics as { code: string }[]).map((d) => d.code).sort()).toEqual(['personnel.employments.afterHrPeriod', 'personnel.sick.afterHrPeriod']);
    expect(loaded.data).not.toBeNull();
    expect(loaded.data!.persons.length).toBeGreaterThan(2000);
  });

  it('has plausible figures for the whole region', () => {
    const h = buildHierarchy('Region Exempel', ['Delområde', 'Förvaltning', 'Nämnd'], org);
    const { results, section } = sectionFor(h.root, 'Region Exempel');
    const total = results.sickLeave.ytd.total.ratio!;
    expect(total.num / total.den).toBeGreaterThan(0.03);
    expect(total.num / total.den).toBeLessThan(0.08);
    expect(results.headcount.current.total).toBeGreaterThan(1800);
    expect(results.headcount.current.total).toBeLessThan(2400);
    const turnover = results.turnover.current.total.ratio!;
    expect(turnover.num / turnover.den).toBeGreaterThan(0.05);
    expect(turnover.num / turnover.den).toBeLessThan(0.2);
    expect(section.title).toBe('Väsentliga personalförhållanden');
    const text = blocks(section).filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text).join('\n');
    expect(text).toMatch(/genomsnittliga frånvaron över 12 månader från \d+(,\d+)? procent i juli 2023 till \d+(,\d+)? procent i juli 2024/);
    expect(text).toMatch(/Inom Region Exempel är \d[\d\u00a0]* personer anställda i juli 2024/);
  });

  it('shows suppression in a förvaltning with a small delområde (Regionkontoret: Hälsoval och beställning has fewer than 10)', () => {
    const h = buildHierarchy('Region Exempel', ['Delområde', 'Förvaltning', 'Nämnd'], org);
    const rk = [...h.byId.values()].find((n) => n.name === 'Regionkontoret')!;
    const { section } = sectionFor(rk, 'Regionkontoret');
    const units = tables(section).find((t) => t.id === 'personal-sjukfranvaro-enheter')!;
    const row = (name: string) => units.rows.find((r) => r.cells[0]!.kind === 'text' && (r.cells[0] as { text: string }).text === name)!;
    expect(row('Hälsoval och beställning').cells[2]!.kind).toBe('suppressed');
    // Complementary: another delområde is hidden so the small one cannot be had from the total.
    const hidden = units.rows.filter((r) => r.cells[2]!.kind === 'suppressed').length;
    expect(hidden).toBeGreaterThanOrEqual(2);
    expect(units.notes.join(' ')).toContain('högst 10 anställda');
    expect(formatCell(row('Hälsoval och beställning').cells[2]!)).toBe('–');
  });

  it('no personnummer or name of the fixture appears in any section or diagnostic', () => {
    const { pnr, names } = fixtureIdentities();
    const h = buildHierarchy('Region Exempel', ['Delområde', 'Förvaltning', 'Nämnd'], org);
    const outputs: string[] = [JSON.stringify(loaded.diagnostics), JSON.stringify(loaded.data)];
    for (const node of [h.root, ...h.root.children, ...h.root.children.flatMap((c) => c.children)]) {
      const { section, diagnostics, results } = sectionFor(node, node.name);
      outputs.push(JSON.stringify(section), JSON.stringify(diagnostics), JSON.stringify(results));
    }
    const all = outputs.join('\n');
    expect(pnr.size).toBeGreaterThan(4000);
    // Every run of digits (with an optional hyphen) and every pair of capitalised words in the output is looked up:
    // linear in the output, where searching for each of the 10 000 strings in turn would not be.
    const found = new Set<string>();
    for (const m of all.matchAll(/\d[\d-]{8,}\d/g)) {
      const run = m[0];
      for (let i = 0; i < run.length; i++) {
        for (const len of [10, 11, 12, 13]) {
          const part = run.slice(i, i + len);
          if (pnr.has(part)) found.add(part);
        }
      }
    }
    for (const m of all.matchAll(/(?=(\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+))/gu)) if (names.has(m[1]!)) found.add(m[1]!);
    expect([...found]).toEqual([]);
    // The search itself works: it finds a planted identity.
    const planted = `x ${[...pnr][0]} y ${[...names][0]} z`;
    expect([...planted.matchAll(/\d[\d-]{8,}\d/g)].some((m) => pnr.has(m[0]))).toBe(true);
    expect([...planted.matchAll(/(?=(\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+))/gu)].some((m) => names.has(m[1]!))).toBe(true);
    expect(all).not.toMatch(/NaN|Infinity/);
  });
});

describe('the generator', () => {
  it('re-creates the committed HR fixture byte for byte', { timeout: 600_000 }, () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'hr-'));
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/generate-example-hr.mjs'), '--out', out, '--quiet'], { cwd: ROOT });
      const dir = path.join(ROOT, 'fixtures/region-exempel/heroma');
      const files = readdirSync(out).sort();
      expect(files).toEqual(readdirSync(dir).filter((f) => f.endsWith('.csv')).sort());
      for (const f of files) expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(dir, f))), f).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
