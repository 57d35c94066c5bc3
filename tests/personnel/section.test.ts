import { describe, expect, it } from 'vitest';
import { calculatePersonnel } from '../../src/calc/personnel/index.js';
import { buildPersonnelSection, parseDeviationTable } from '../../src/report/personnel-section.js';
import type { Block, Chart, Paragraph, Section, Table } from '../../src/report/model.js';
import { formatCell } from '../../src/render/format.js';
import { HrBuilder, rules } from './helpers.js';
import { bundledTexts } from '../helpers/text-templates.js';

const TEXTS = bundledTexts();

const AUG = { year: 2024, month: 8 };

function all(s: Section): Block[] {
  return [...s.blocks, ...s.sections.flatMap(all)];
}
function table(s: Section, id: string): Table {
  return all(s).find((b): b is Table => b.type === 'table' && b.id === id)!;
}
function text(s: Section): string {
  return all(s).filter((b): b is Paragraph => b.type === 'paragraph').map((b) => b.text).join('\n');
}
function row(t: Table, label: string): string[] {
  const r = t.rows.find((x) => x.cells[0]!.kind === 'text' && (x.cells[0] as { text: string }).text === label);
  if (!r) throw new Error(`no row ${label} in ${t.id}`);
  return r.cells.map((c) => formatCell(c, ' '));
}

/**
 * 20 women (born 1980) and 12 men (born 1960), 100 h scheduled a month, Aug 2022 – Jul 2024.
 * R12 to July 2023: women 4 sick 25 h each in Mar 2023 = 100 h of 24 000 h (0,42 %); men 2 × 36 h = 72 / 14 400 (0,50 %).
 * R12 to July 2024: women 6 × 20 h in Feb 2024 = 120 / 24 000 (0,50 %); men 1 × 24 h + 1 × 12 h = 36 / 14 400 (0,25 %).
 * Total R12 2023: 172 / 38 400 = 0,447916… → 0,45 %; 2024: 156 / 38 400 = 0,40625 → 0,41 %.
 */
function build(): HrBuilder {
  const b = new HrBuilder();
  const women = b.people(20, 'K', '1980-03-03');
  const men = b.people(12, 'M', '1960-03-03');
  for (const e of [...women, ...men]) b.employ(e, 202208, 202407, { scheduled: 100 });
  women.slice(0, 4).forEach((e, i) => b.sick(e, `2023-03-0${i + 1}`, `2023-03-0${i + 1}`, 25));
  men.slice(0, 2).forEach((e, i) => b.sick(e, `2023-04-0${i + 3}`, `2023-04-0${i + 3}`, 36));
  women.slice(0, 6).forEach((e, i) => b.sick(e, `2024-02-0${i + 1}`, `2024-02-0${i + 1}`, 20));
  b.sick(men[0]!, '2024-05-06', '2024-05-06', 24);
  b.sick(men[1]!, '2024-05-07', '2024-05-07', 12);
  return b;
}

describe('personnel section', () => {
  const { results } = calculatePersonnel(build().data(), rules(), { period: AUG, unitCostCentres: ['A1'] });
  const section = buildPersonnelSection(results, { texts: TEXTS,
    unitName: 'Regionkontoret',
    narratives: new Map([
      ['sjukfranvaro', 'Sjukfrånvaron är låg.'],
      ['personal-avvikelser', '| Avvikelseområde | Analys | Aktivitet |\n| --- | --- | --- |\n| Låg sjukfrånvaro i staben | Positiv utveckling | Ingen |\n| Ökning bland kvinnor | Influensa i februari | Vaccination \\| information |'],
    ]),
  });

  it('drafts the R12 sentence in the style of seed 001', () => {
    expect(text(section)).toContain(
      'Sjukfrånvaroutvecklingen inom Regionkontoret visar en minskning av den genomsnittliga frånvaron över 12 månader från 0,45 procent i juli 2023 till 0,41 procent i juli 2024.',
    );
  });

  it('drafts the gender sentence with both directions', () => {
    expect(text(section)).toContain(
      'Sjukfrånvaron har ökat bland kvinnor från 0,42 procent i juli 2023 till 0,50 procent i juli 2024 men för män har sjukfrånvaron minskat under samma period från 0,50 procent till 0,25 procent.',
    );
  });

  it('states the head count and its change', () => {
    expect(text(section)).toContain('Inom Regionkontoret är 32 personer anställda i juli 2024 (tillsvidareanställda och visstidsanställda).');
    expect(text(section)).toContain('Antalet anställda är detsamma som vid samma tid förra året.');
  });

  it('tables hold exact percent cells with two decimals, and the change in points', () => {
    const r12 = table(section, 'personal-sjukfranvaro-r12');
    expect(row(r12, 'Total sjukfrånvaro')).toEqual(['Total sjukfrånvaro', '0,45', '0,41', '-0,04']);
    const cell = r12.rows[0]!.cells[2]!;
    expect(cell).toEqual({ kind: 'percent', ratio: { num: 15600, den: 3840000 }, decimals: 2 });
    expect(row(r12, 'Kvinnor')).toEqual(['Kvinnor', '0,42', '0,50', '0,08']);
    // Zero and few days, whole percent as seed 001: 2024 — 8 of 32 were sick → 24 / 32 = 75 %.
    expect(row(r12, 'Andel medarbetare med 0 sjukdagar')).toEqual(['Andel medarbetare med 0 sjukdagar', '81', '75', '-6']);
  });

  it('suppresses the small age group and its complement with footnotes', () => {
    // Nobody is 29 or younger (empty); men (12) are the only 50+ group, women (20) the 30–49 group: both shown.
    const ytd = table(section, 'personal-sjukfranvaro');
    expect(row(ytd, '29 år eller yngre')).toEqual(['29 år eller yngre', '–', '–', '–']);
    const c = ytd.rows.find((r) => (r.cells[0] as { text: string }).text === '29 år eller yngre')!.cells[1]!;
    expect(c.kind).toBe('suppressed');
    expect((c as { note: string }).note).toMatch(/inga anställda/);
  });

  it('has a chart of sick leave per month with its data table', () => {
    const chart = all(section).find((b): b is Chart => b.type === 'chart')!;
    expect(chart.categories).toHaveLength(12);
    expect(chart.series.map((s) => s.name)).toEqual(['2024', '2023']);
    expect(chart.series[0]!.values.slice(7)).toEqual([null, null, null, null, null]);
    expect(chart.dataTableId).toBe('personal-sjukfranvaro-manad');
    expect(table(section, 'personal-sjukfranvaro-manad').rows).toHaveLength(12);
    expect(chart.altText).toContain('Data finns i tabellen');
    // February 2024: six women 20 h each = 120 h of 3 200 h = 3,75 %.
    expect(chart.series[0]!.values[1]).toBe(3.75);
  });

  it('states the definitions used', () => {
    const notes = table(section, 'personal-sjukfranvaro').notes.join(' ');
    expect(notes).toContain('60 dagar eller mer');
    expect(notes).toContain('inom 5 dagar');
    expect(notes).toContain('31 december');
    expect(table(section, 'personal-arbetad-tid').notes.join(' ')).toContain('1\u00a0700');
    expect(table(section, 'personal-personalomsattning').notes.join(' ')).toContain('genomsnittligt antal tillsvidareanställda');
  });

  it('takes the avvikelse table and narratives from the narrative input', () => {
    const t = table(section, 'personal-avvikelser');
    expect(t.columns.map((c) => c.header)).toEqual(['Avvikelseområde', 'Analys – orsak till avvikelse', 'Aktivitet för att komma till rätta med avvikelse']);
    expect(row(t, 'Ökning bland kvinnor')).toEqual(['Ökning bland kvinnor', 'Influensa i februari', 'Vaccination | information']);
    const n = all(section).find((b) => b.type === 'narrative' && b.key === 'sjukfranvaro');
    expect(n).toMatchObject({ markdown: 'Sjukfrånvaron är låg.', required: false });
  });

  it('is plain JSON: no NaN, no functions', () => {
    const json = JSON.stringify(section);
    expect(json).not.toMatch(/NaN|Infinity|null,"den":0/);
    expect(JSON.parse(json)).toEqual(section);
  });
});

describe('parseDeviationTable', () => {
  it('reads a pipe table and ignores text around it', () => {
    expect(parseDeviationTable('Inledning\n\n| A | B | C |\n|:---|---|---:|\n| x | y | z |\n\nEfteråt')).toEqual([{ area: 'x', analysis: 'y', activity: 'z' }]);
    expect(parseDeviationTable('')).toEqual([]);
  });
});

describe('withheld groups in sentences', () => {
  it('does not write a sentence about a suppressed figure', () => {
    const b = new HrBuilder();
    const women = b.people(20, 'K');
    const men = b.people(5, 'M');
    for (const e of [...women, ...men]) b.employ(e, 202208, 202407);
    women.slice(0, 5).forEach((e, i) => b.sick(e, `2024-03-0${i + 1}`, `2024-03-0${i + 1}`, 8));
    const { results } = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] });
    const s = buildPersonnelSection(results, { texts: TEXTS, unitName: 'Enheten' });
    expect(text(s)).toContain('Sjukfrånvaron per kön redovisas inte');
    expect(text(s)).not.toMatch(/bland kvinnor från/);
  });
});

describe('personnel section: settings of 1 read in the singular', () => {
  const one = rules((r) => ({
    ...r,
    sickLeave: { ...r.sickLeave, longTermDays: 1, rejoinWithinDays: 1, fewDays: 1 },
    privacy: { ...r.privacy, maxSuppressedGroupSize: 1 },
  }));
  const { results } = calculatePersonnel(build().data(), one, { period: AUG, unitCostCentres: ['A1'] });
  const section = buildPersonnelSection(results, { texts: TEXTS, unitName: 'Regionkontoret', narratives: new Map() });
  const all = JSON.stringify(section);

  it('says "1 dag", "1 sjukdag", "1 anställd", never "1 dagar"', () => {
    expect(all).toContain('timmar i sjukperioder om 1 dag eller mer');
    expect(all).toContain('som börjar inom 1 dag efter');
    expect(all).toContain('Andel långtidssjukfrånvaro (1 dag eller mer) av total sjukfrånvaro');
    expect(all).toContain('Andel medarbetare med högst 1 sjukdag');
    expect(all).toContain('Uppgifter om grupper med högst 1 anställd,');
    expect(all).not.toMatch(/\b1 (dagar|sjukdagar|anställda|kalenderdagar)\b/);
  });
});
