import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { goalsConfigSchema, type GoalsConfig } from '../../src/config/goals-schema.js';
import type { LoadedGoals } from '../../src/sources/goals/index.js';
import { loadGoals } from '../../src/pipeline/load-inputs.js';
import { assessGoals, type GoalResults } from '../../src/calc/goals/assess.js';
import { buildGoalsSection } from '../../src/report/goals-section.js';
import { formatCell } from '../../src/render/format.js';
import type { Block, Cell, Section, Table } from '../../src/report/model.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { bundledTexts } from '../helpers/text-templates.js';

const TEXTS = bundledTexts();

/**
 * The example region's goal export (fixtures/region-exempel/mal/, made by scripts/generate-example-goals.mjs) read,
 * assessed and laid out: the expected figures below are worked out by hand from the generator's tables.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = 'fixtures/region-exempel/mal';

const EXAMPLE_GOALS_CONFIG_YAML = `
sources:
  goals: { file: ${DIR}/mal.xlsx, sheet: Mål }
  indicators: { file: ${DIR}/mal.xlsx, sheet: Indikatorer }
  previousIndicators: { file: ${DIR}/indikatorer-2024-04.csv, encoding: windows-1252, delimiter: ";" }
  uppdrag: { file: ${DIR}/mal.xlsx, sheet: Uppdrag }
  measures: { file: ${DIR}/mal.xlsx, sheet: Åtgärder }
  projects: { file: ${DIR}/mal.xlsx, sheet: Projekt }
  internalControl: { file: ${DIR}/mal.xlsx, sheet: Intern kontroll }
labels: { plan: nämndplanen }
`;

const config: GoalsConfig = goalsConfigSchema.parse(parseYaml(EXAMPLE_GOALS_CONFIG_YAML));
let loaded: LoadedGoals;

beforeAll(async () => {
  loaded = await loadGoals(ROOT, config);
});

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code}`).sort();

function tables(s: Section): Table[] {
  const own = s.blocks.filter((b: Block): b is Table => b.type === 'table');
  return [...own, ...s.sections.flatMap(tables)];
}

function paragraphs(s: Section): string[] {
  return [...s.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])), ...s.sections.flatMap(paragraphs)];
}

const statusText = (c: Cell) => (c.kind === 'status' ? formatCell(c) : null);

describe('reading the example export', () => {
  it('has the promised size', () => {
    const d = loaded.data!;
    expect(loaded.missing).toEqual([]);
    expect(new Set(d.goals.map((g) => g.topGoal)).size).toBe(7);
    expect(d.goals).toHaveLength(17);
    expect(d.indicators).toHaveLength(25);
    expect(d.uppdrag).toHaveLength(8);
    expect(d.measures).toHaveLength(10);
    expect(d.projects).toHaveLength(10);
    expect(d.internalControl).toHaveLength(4);
  });
  it('flags the indicator renamed since the April export, and nothing else', () => {
    expect(codes(loaded.diagnostics)).toEqual(['warning goals.indicator-renamed']);
    const d = loaded.diagnostics[0]!;
    expect(d.message).toContain('I15');
    expect(d.message).toContain('Andel uppkomna fel lösta inom 3 arbetsdagar');
    expect(d.message).toContain('indikatorer-2024-04.csv');
    expect(d.location).toMatchObject({ file: `${DIR}/mal.xlsx`, sheet: 'Indikatorer' });
  });
  it('reads indicators with their follow-ups per period', () => {
    const byId = new Map(loaded.data!.indicators.map((i) => [i.id, i]));
    const sick = byId.get('I18')!;
    expect(sick.occasions).toEqual(['M', 'D1', 'D2', 'Å']);
    expect(sick.target).toMatchObject({ kind: 'maintain', reference: 4.7 });
    expect(sick.direction).toBe('lower');
    expect(sick.measurements.map((m) => [m.period, m.value])).toEqual([
      [202401, 5.6], [202402, 5.9], [202403, 5.2], [202404, 4.8], [202405, 4.6], [202406, 4.3], [202407, 5],
    ]);
    expect(byId.get('I14')!.target).toEqual({ kind: 'comparison', op: '<', value: 5, text: '< 5' });
    expect(byId.get('I10')!.measurements.at(-1)!.value).toBe(26150);
    expect(byId.get('I08')!.measurements[0]).toMatchObject({ text: 'Publicerad i juni', assessment: { status: 'helt' } });
    expect(byId.get('I20')!.measurements.map((m) => m.period)).toEqual([202404]); // the blank August cell is no follow-up
    expect(byId.get('I01')!.measurements).toEqual([]);
  });
  it('reads uppdrag, åtgärder, projects and intern kontroll', () => {
    const d = loaded.data!;
    expect(d.uppdrag.map((u) => `${u.origin}:${u.progress}:${u.endDate}`)).toEqual([
      'fullmaktige:ongoing:2024-12-31', 'fullmaktige:ongoing:2024-06-30', 'fullmaktige:ongoing:2024-12-31', 'fullmaktige:done:2024-05-31',
      'namnd:ongoing:2024-08-31', 'namnd:notStarted:2024-12-31', 'namnd:cancelled:2024-10-31', 'other:done:2024-08-31',
    ]);
    expect(d.measures.find((m) => m.number === '19')).toMatchObject({ timeline: 'Q2-2024', timelineEnd: '2024-06-30', progress: 'ongoing' });
    expect(d.projects[3]).toMatchObject({ priority: 4, time: 'red', resource: 'yellow', quality: 'green' });
    expect(d.projects[9]).toMatchObject({ time: null, resource: null, quality: null });
    expect(d.internalControl.map((c) => c.outcome)).toEqual(['partly', 'met', 'met', 'notMet']);
  });
});

describe('assessed per augusti 2024', () => {
  let results: GoalResults;
  let diagnostics: Diagnostic[];
  beforeAll(() => {
    ({ results, diagnostics } = assessGoals(loaded.data!, { period: { year: 2024, month: 8 }, rules: config.rules }));
  });

  it('gives every delmål the status worked out by hand', () => {
    const got = Object.fromEntries(results.topGoals.flatMap((t) => t.goals).map((g) => [g.goal.id, `${g.level}/${g.basis}`]));
    expect(got).toEqual({
      D01: 'ingaData/none', D02: 'helt/person', D03: 'ingaData/none', D04: 'helt/indicators', D05: 'delvis/indicators',
      D06: 'inte/indicators', D07: 'helt/indicators', D08: 'ingaData/none', D09: 'helt/person', D10: 'delvis/person',
      D11: 'helt/indicators', D12: 'ingaData/none', D13: 'delvis/indicators', D14: 'inte/indicators', D15: 'ingaData/none',
      D16: 'ingaData/none', D17: 'helt/indicators',
    });
  });
  it('gives every indicator the status worked out by hand', () => {
    const got = Object.fromEntries(results.topGoals.flatMap((t) => t.goals.flatMap((g) => g.indicators)).map((i) => [i.indicator.id, `${i.level}/${i.basis}`]));
    expect(got).toEqual({
      I01: 'ingaData/notDue', I02: 'helt/rule', I03: 'ingaData/notDue', I04: 'helt/rule', I05: 'helt/rule',
      I06: 'delvis/rule', // 51 / 60 = 85 %
      I07: 'inte/rule', // 38 / 50 = 76 %
      I08: 'helt/person', I09: 'ingaData/notDue', I10: 'helt/rule',
      I11: 'delvis/rule', // 8,1 / 9 = 90 %
      I12: 'helt/rule', // 44,5 > 40
      I13: 'inte/rule', // 13 / 20 = 65 %
      I14: 'helt/rule', // 3 < 5
      I15: 'helt/rule', I16: 'ingaData/notDue', I17: 'ingaData/notDue',
      I18: 'delvis/rule', // July (one month lag): 4,7 / 5,0 = 94 %
      I19: 'delvis/rule', // 11 / 11,15 = 98,7 %
      I20: 'ingaData/noData', // August blank; April's outcome is stale
      I21: 'delvis/rule', // 150 / 171 = 87,7 %
      I22: 'inte/rule', // 400 / 720 = 55,6 %
      I23: 'ingaData/notDue', I24: 'ingaData/notDue', I25: 'helt/rule',
    });
  });
  it('flags the stale measurement, the overdue uppdrag and åtgärd, and the overridden rule', () => {
    expect(codes(diagnostics)).toEqual([
      'info goals.assessment-differs', 'info goals.assessment-differs', 'info goals.measure-overdue', 'info goals.uppdrag-overdue',
      'warning goals.indicator-stale',
    ]);
    expect(results.uppdrag.filter((u) => u.overdue).map((u) => u.uppdrag.id)).toEqual(['U2']);
    expect(results.measures.filter((m) => m.overdue).map((m) => m.measure.number)).toEqual(['19']);
  });

  describe('section 2.3', () => {
    let section: Section;
    beforeAll(() => {
      section = buildGoalsSection(results, { texts: TEXTS, unitName: 'Regionstyrelsen', labels: config.labels });
    });

    it('has the seed 001 summary table and sentence', () => {
      expect(section).toMatchObject({ number: '2.3', title: 'God ekonomisk hushållning och ekonomisk ställning', level: 2 });
      const summary = tables(section).find((t) => t.id === 'mal-sammanfattning')!;
      expect(summary.columns.map((c) => c.header)).toEqual(['Regionmål', 'Delmål', 'Prognos']);
      expect(summary.rows).toHaveLength(17);
      expect(summary.rows.filter((r) => r.cells[0]!.kind === 'text' && r.cells[0]!.text !== '')).toHaveLength(7);
      expect(summary.rows.map((r) => statusText(r.cells[2]!))).toEqual([
        '– Inga data', '● Mål kommer helt uppfyllas *', '– Inga data', '● Mål kommer helt uppfyllas', '◐ Mål kommer delvis uppfyllas',
        '○ Mål kommer inte uppfyllas', '● Mål kommer helt uppfyllas', '– Inga data', '● Mål kommer helt uppfyllas *',
        '◐ Mål kommer delvis uppfyllas *', '● Mål kommer helt uppfyllas', '– Inga data', '◐ Mål kommer delvis uppfyllas',
        '○ Mål kommer inte uppfyllas', '– Inga data', '– Inga data', '● Mål kommer helt uppfyllas',
      ]);
      expect(summary.notes[0]).toMatch(/^\* Helhetsbedömning gjord av ansvarig/);
      expect(paragraphs(section)).toContain(
        'Regionstyrelsen har beslutat om 17 delmål i planen för 2024 och per augusti görs en uppföljning och bedömning av elva av dessa. ' +
          'Av dessa är bedömningen att sex kommer uppnås, tre delvis kommer uppnås och två inte kommer uppnås.',
      );
      expect(paragraphs(section)).toContain(
        'Av de 25 indikatorerna följs 18 upp per augusti. Av dessa uppfylls nio helt, fem delvis och tre inte; för en saknas utfall.',
      );
    });

    it('has the legend of criteria as in seed 001', () => {
      const legend = tables(section).find((t) => t.id === 'indikator-bedomning')!;
      expect(legend.rows.map((r) => r.cells.map((c) => statusText(c) ?? formatCell(c)))).toEqual([
        ['● Målvärdet uppfylls helt', '100 procent av målvärde eller högre'],
        ['◐ Målvärdet uppfylls delvis', '80–99 procent av målvärde'],
        ['○ Målvärdet uppfylls inte', 'Under 80 procent av målvärde'],
        ['– Inga data', 'Inget utfall för perioden'],
      ]);
    });

    it('has one subsection per regionmål and per delmål, with analysis and indicator table', () => {
      expect(section.sections.slice(0, 7).map((s) => `${s.number} ${s.title}`)).toEqual([
        '2.3.1 Mål 1. Trygga uppväxtvillkor', '2.3.2 Mål 2. Goda levnadsvillkor', '2.3.3 Mål 3. Ett attraktivt och hållbart län',
        '2.3.4 Mål 4. Tillgänglig vård med god kvalitet och kontinuitet', '2.3.5 Mål 5. Goda arbetsplatser och attraktiva arbetsgivare',
        '2.3.6 Mål 6. En hållbar miljö- och klimatregion', '2.3.7 Mål 7. Stärkt forskning, utbildning och innovation',
      ]);
      expect(section.sections.slice(0, 7).reduce((n, s) => n + s.sections.length, 0)).toBe(17);
      const d13 = section.sections[4]!.sections[1]!;
      expect(d13.number).toBe('2.3.5.2');
      expect(d13.blocks[0]).toMatchObject({ type: 'paragraph', drafted: true, text: expect.stringMatching(/^Prognos: Mål kommer delvis uppfyllas\. Bedömningen bygger på indikatorerna/) });
      expect(d13.blocks[1]).toMatchObject({ type: 'paragraph', drafted: false, text: expect.stringContaining('Handlingsplanen') });
      const t = d13.blocks[2] as Table;
      expect(t.columns.map((c) => c.header)).toEqual(['Indikator', 'Målvärde', 'Utfall 2024', 'Uppfyllnad %', 'Redovisas', 'Status']);
      expect(t.rows.map((r) => r.cells.map((c) => formatCell(c, ' ')))).toEqual([
        ['Sjukfrånvaro (%), lägre är bättre', 'Behålla (4,7 % helår 2023)', '5', '94', 'M, D1, D2, Å', '◐ Uppfylls delvis'],
        ['Personalomsättning (%), lägre är bättre', '11', '11,15', '99', 'D1, D2, Å', '◐ Uppfylls delvis'],
        ['Antal rapporterade tillbud (antal)', '40', '', '', 'D1, D2, Å', '– Inga data'],
      ]);
      expect(t.notes).toEqual([
        'Utfallet för "Sjukfrånvaro" avser juli 2024.',
        'Sjukfrånvaro: Sjukfrånvaron redovisas med en månads eftersläpning; utfallet avser juli.',
        'För indikatorer där lägre är bättre är uppfyllnad = målvärde / utfall; annars utfall / målvärde.',
      ]);
      // A delmål with no analysis in the export gets a visible "missing" marker, not silence.
      const d15 = section.sections[5]!.sections[1]!;
      expect(d15.blocks[1]).toMatchObject({ type: 'narrative', key: 'mal-d15', markdown: null });
      // A yearly indicator in August: shown, not assessed, and says when it will be.
      const d16 = section.sections[6]!.sections[0]!;
      expect(statusText((d16.blocks[2] as Table).rows[0]!.cells[5]!)).toBe('– Bedöms per december');
    });

    it('has uppdrag tables per origin with the overdue one flagged', () => {
      const u = tables(section).filter((t) => t.id.startsWith('uppdrag-'));
      expect(u.map((t) => [t.title, t.rows.length])).toEqual([
        ['Uppdrag från fullmäktige till nämnd', 4],
        ['Uppdrag från nämnd till förvaltning', 3],
        ['Uppdrag från nämnd till beredning folkhälsa', 1],
      ]);
      expect(u[0]!.columns.map((c) => c.header)).toEqual(['Status', 'Uppdrag', 'Analys', 'Periodicitet och slutdatum']);
      expect(u[0]!.rows.map((r) => statusText(r.cells[0]!))).toEqual(['◐ Pågående', '◐ Pågående, försenad', '◐ Pågående', '● Klar']);
      expect(u[1]!.rows.map((r) => statusText(r.cells[0]!))).toEqual(['◐ Pågående', '○ Ej påbörjad', '– Avbruten']);
      expect(formatCell(u[0]!.rows[0]!.cells[1]!)).toBe('Formalisera arbetet med att minska hyrberoendet\nRiktas till hälso- och sjukvårdsnämnden och regionstyrelsen');
      expect(paragraphs(section)).toContain(
        'Av åtta uppdrag är två klara, fyra pågående, ett ej påbörjat och ett avbrutet. Ett uppdrag har passerat sitt slutdatum utan att vara klart: ' +
          '"Ta fram förslag på samordnade administrativa funktioner mellan förvaltningarna" (slutdatum 2024-06-30).',
      );
    });

    it('has the åtgärder, project portfolio and intern kontroll tables', () => {
      const m = tables(section).find((t) => t.id === 'atgarder')!;
      expect(m.rows.filter((r) => r.emphasis === 'section').map((r) => formatCell(r.cells[0]!))).toEqual([
        'Ett välmående län', 'Ett nyskapande län', 'En effektiv verksamhet av god kvalitet', 'Stolta och engagerade medarbetare',
      ]);
      expect(m.rows.filter((r) => r.emphasis === 'normal')).toHaveLength(10);
      expect(m.rows.flatMap((r) => r.cells.map(statusText)).filter((s) => s?.includes('försenad'))).toEqual(['◐ Pågående, försenad']);
      expect(m.columns.map((c) => c.header)).toEqual(['Åtgärd', 'Tidplan', 'Status', 'Kommentar']);
      expect(paragraphs(section)).toContain('En åtgärd har passerat sin tidplan utan att vara klar: "19. Färdigställa sammanhållen journal med länets kommuner".');

      const p = tables(section).find((t) => t.id === 'projektportfolj')!;
      expect(p.columns.map((c) => c.header)).toEqual(['Prio', 'Projekt', 'Ägare/PL', 'Tid', 'Resurs', 'Kvalitet', 'Kommentar']);
      expect(p.rows).toHaveLength(10);
      expect(p.rows[3]!.cells.slice(3, 6).map(statusText)).toEqual(['○ Stor avvikelse', '◐ Mindre avvikelse', '● Enligt plan']);
      expect(p.rows[9]!.cells.slice(3, 6).map(statusText)).toEqual(['– Ej rapporterad', '– Ej rapporterad', '– Ej rapporterad']);
      expect(paragraphs(section)).toContain(
        'Projektportföljen har tio projekt. Efter den svagaste av tid, resurs och kvalitet går fyra enligt plan, fyra har en mindre avvikelse, ett har en stor avvikelse eller risk och för ett saknas status.',
      );

      const ik = tables(section).find((t) => t.id === 'intern-kontroll')!;
      expect(ik.rows.map((r) => statusText(r.cells[5]!))).toEqual(['◐ Delvis uppfyllt', '● Uppfyllt', '● Uppfyllt', '○ Ej uppfyllt']);
      expect(paragraphs(section)).toContain('Fyra kontrollmoment har följts upp: två är uppfyllda, ett är delvis uppfyllt och ett är inte uppfyllt.');
    });

    it('shows every status as symbol and word (readable without colour)', () => {
      const cells = tables(section).flatMap((t) => t.rows.flatMap((r) => r.cells)).filter((c) => c.kind === 'status');
      expect(cells.length).toBeGreaterThan(80);
      for (const c of cells) expect(formatCell(c)).toMatch(/^[●◐○–] \p{L}/u);
      const ids = tables(section).map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length); // table ids are unique (Excel sheets, template partials)
    });
  });
});

describe('assessed per april 2024', () => {
  it('does not assess the yearly or D2-only indicators', () => {
    const { results } = assessGoals(loaded.data!, { period: { year: 2024, month: 4 }, rules: config.rules });
    const all = results.topGoals.flatMap((t) => t.goals.flatMap((g) => g.indicators));
    const due = all.filter((i) => i.due).map((i) => i.indicator.id);
    expect(due).toEqual(['I02', 'I07', 'I10', 'I13', 'I14', 'I15', 'I18', 'I19', 'I20', 'I22']);
    expect(all.find((i) => i.indicator.id === 'I17')).toMatchObject({ due: false, basis: 'notDue' });
    const section = buildGoalsSection(results, { texts: TEXTS, unitName: 'Regionstyrelsen' });
    const d16 = section.sections[6]!.sections[0]!;
    expect(statusText((d16.blocks[2] as Table).rows[0]!.cells[5]!)).toBe('– Bedöms per december');
    const d04 = section.sections[1]!.sections[1]!;
    expect(statusText((d04.blocks[2] as Table).rows[0]!.cells[5]!)).toBe('– Bedöms per augusti');
  });
});

describe('the generator', () => {
  it('is deterministic', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'mal-'));
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-example-goals.mjs'), '--out', out, '--quiet']);
      for (const f of ['mal.xlsx', 'indikatorer-2024-04.csv']) {
        expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(ROOT, DIR, f))), f).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
