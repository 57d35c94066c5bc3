/**
 * `rapport explain` on the personnel and goal columns of a layout table (example region, August 2024, personnel
 * figures to July): sick leave, headcount and worked hours are traced by groups of ansvar exactly as the personnel
 * section's own tables are (never persons), and agree with those tables' explanations; the other personnel measures
 * get a Swedish message saying what the figure is and why explain does not split it; a withheld cell is not
 * explained; goal counts list the delmål or indicators they count.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { exampleConfigWithLayout } from '../helpers/example-config.js';
import { SICK_LEAVE_PER_CHILD } from '../helpers/layout-yaml.js';

afterEach(() => vi.restoreAllMocks());

const LAYOUT = `version: 1
sections:
  - id: personal
    title: Personal
    blocks:
      - table:
          id: pers
          title: Sjukfrånvaro per delområde
${SICK_LEAVE_PER_CHILD}      - table:
          id: pers-enheten
          title: Personal
          columns:
            - { measure: antalAnstallda }
            - { measure: arbetadTid }
            - { measure: arsarbetare, decimals: 1 }
            - { measure: sjukfranvaroKvinnor }
            - { measure: sjukfranvaroMan }
            - { measure: andelLangtidssjukfranvaro }
          rows:
            - { kind: net, label: Totalt }
      - table:
          id: mal
          title: Måluppfyllelse
          columns:
            - { measure: antalMal }
            - { measure: malHelt }
            - { measure: andelMalHelt }
            - { measure: indikatorerEjBedomda }
          rows:
            - { kind: children }
            - { kind: net, label: Hela enheten }
  - module: personnel
  - module: goals
`;

let config: string;

beforeAll(async () => {
  // The example region's configuration with this layout, in a folder of its own (the sources stay where they are).
  config = await exampleConfigWithLayout('rapport-explain-layout-', LAYOUT);
});

async function explain(unit: string, figure: string): Promise<{ code: number; out: string; err: string }> {
  return runCli(['explain', '--period', '2024-08', '--config', config, '--unit', unit, '--figure', figure, '--json']);
}

interface Grouped {
  kind: string;
  figure: { cell: { kind: string; value?: number; ratio?: { num: number; den: number } } };
  terms: { label: string; sign: number; sum: number; groups: { label: string; value: number }[] }[];
  ratio?: { num: number; den: number };
  value: number;
}

const centi = (h: number) => Math.round(h * 100);
/** No personnummer-like string (YYMMDD-NNNN or YYYYMMDDNNNN) anywhere in what explain printed. */
const noPersonalIds = (s: string) => expect(s).not.toMatch(/\b(\d{6}|\d{8})[-+]?\d{4}\b/);

describe('explain on a layout table\'s personnel columns', () => {
  it('the unit\'s sick leave: per ansvar, the same terms as the personnel section\'s Total sjukfrånvaro', async () => {
    const r = await explain('regionkontoret', 'pers/Totalt/Sjukfrånvaro %');
    expect(r.code, r.err).toBe(0);
    noPersonalIds(r.out);
    const e = JSON.parse(r.out) as Grouped;
    expect(e.kind).toBe('groups');
    for (const t of e.terms) expect(t.groups.reduce((a, g) => a + centi(g.value), 0)).toBe(centi(t.sum));
    const c = e.figure.cell.ratio!;
    expect(BigInt(c.num) * BigInt(e.ratio!.den)).toBe(BigInt(e.ratio!.num) * BigInt(c.den));
    // The personnel section's own table, explained the way it always was: the same sums.
    const s = await explain('regionkontoret', 'personal-sjukfranvaro/Total sjukfrånvaro/jan–jul 2024');
    expect(s.code, s.err).toBe(0);
    const section = JSON.parse(s.out) as Grouped;
    expect(e.terms.map((t) => [t.label, t.sum])).toEqual(section.terms.map((t) => [t.label, t.sum]));
    expect(e.terms.map((t) => t.label)).toEqual(['Sjukfrånvarotimmar 2024-01–2024-07', 'Ordinarie arbetstid 2024-01–2024-07']);
  });

  it('a child unit\'s sick leave last year: over its own ansvar, exactly its cell', async () => {
    const r = await explain('regionkontoret', 'pers/Regionledning och staber/Sjukfrånvaro föreg år %');
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as Grouped;
    expect(e.terms.map((t) => t.label)).toEqual(['Sjukfrånvarotimmar 2023-01–2023-07', 'Ordinarie arbetstid 2023-01–2023-07']);
    const c = e.figure.cell.ratio!;
    expect(BigInt(c.num) * BigInt(e.ratio!.den)).toBe(BigInt(e.ratio!.num) * BigInt(c.den));
    const u = await explain('regionkontoret', 'pers/Totalt/Sjukfrånvaro föreg år %');
    const total = JSON.parse(u.out) as Grouped;
    // A part of the unit: fewer hours than the whole.
    expect(e.terms[1]!.sum).toBeLessThan(total.terms[1]!.sum);
  });

  it('a withheld cell is not explained', async () => {
    const r = await explain('regionkontoret', 'pers/Hälsoval och beställning/Sjukfrånvaro %');
    expect(r.code).toBe(64);
    expect(r.err).toContain('Cellen pers / Hälsoval och beställning / Sjukfrånvaro % visas inte i rapporten: Uppgiften visas inte');
    expect(r.err).toContain('explain förklarar inte uppgifter som inte får visas.');
  });

  it('headcount and worked hours: per ansvar, summing exactly to the cell', async () => {
    const h = await explain('regionkontoret', 'pers-enheten/Totalt/Antal anställda');
    expect(h.code, h.err).toBe(0);
    noPersonalIds(h.out);
    const head = JSON.parse(h.out) as Grouped;
    expect(head.terms).toHaveLength(1);
    expect(head.terms[0]!.groups.reduce((a, g) => a + g.value, 0)).toBe(head.figure.cell.value);
    // Every group shown on its own has more than ten persons; the small ones are merged.
    for (const g of head.terms[0]!.groups) expect(g.value).toBeGreaterThan(10);
    // The personnel section's table says the same.
    const s = await explain('regionkontoret', 'personal-antal-anstallda/Totalt/jul 2024');
    expect(s.code, s.err).toBe(0);
    const section = JSON.parse(s.out) as Grouped;
    expect(section.value).toBe(head.value);
    expect(section.terms[0]!.groups).toEqual(head.terms[0]!.groups);

    const w = await explain('regionkontoret', 'pers-enheten/Totalt/Arbetad tid, timmar');
    expect(w.code, w.err).toBe(0);
    const worked = JSON.parse(w.out) as Grouped;
    expect(worked.terms.map((t) => [t.label, t.sign])).toEqual([
      ['Utförd arbetstid egen personal 2024-01–2024-07', 1],
      ['Utförd arbetstid externt inhyrd personal 2024-01–2024-07', 1],
      ['Arbetad tid under jour/beredskap 2024-01–2024-07', -1],
    ]);
    for (const t of worked.terms) expect(t.groups.reduce((a, g) => a + centi(g.value), 0)).toBe(centi(t.sum));
    expect(worked.terms.reduce((a, t) => a + t.sign * centi(t.sum), 0)).toBe(centi(worked.figure.cell.value!));
  });

  it('the other personnel measures: what the figure is and why it is not split, in Swedish', async () => {
    const cases: [string, string[]][] = [
      ['pers/Totalt/Förändring sjukfrånvaro, procentenheter', [
        'Förändring sjukfrånvaro, procentenheter för Regionkontoret är skillnaden i procentenheter mellan sjukfrånvaron januari–juli 2024 och samma månader föregående år (januari–juli 2023)',
        'måtten sjukfranvaro och sjukfranvaroForegaendeAr',
      ]],
      ['pers-enheten/Totalt/Sjukfrånvaro kvinnor %', [
        'är kvinnornas sjukfrånvarotimmar / kvinnornas ordinarie arbetstid (schemalagd tid), januari–juli 2024, i procent',
        'uppdelad på både kön och ansvar blir grupperna så små att enskilda personer kan pekas ut',
      ]],
      ['pers-enheten/Totalt/Sjukfrånvaro män %', ['är männens sjukfrånvarotimmar / männens ordinarie arbetstid']],
      ['pers-enheten/Totalt/Andel långtidssjukfrånvaro %', [
        'är sjukfrånvarotimmarna i sjukperioder om 60 dagar eller mer / alla sjukfrånvarotimmar, januari–juli 2024, i procent: en andel av sjukfrånvaron, inte av arbetstiden',
      ]],
      ['pers-enheten/Totalt/Årsarbetare', [
        'är arbetad tid exkl jour/beredskap, januari–juli 2024, delad med årsnormen 1700 timmar × periodens andel av året',
        'måttet arbetadTid',
      ]],
    ];
    for (const [figure, parts] of cases) {
      const r = await explain('regionkontoret', figure);
      expect(r.code, figure).toBe(64);
      for (const p of parts) expect(r.err, figure).toContain(p);
      // Not the economy wording that used to be the only message for non-amounts.
      expect(r.err).not.toContain('andelar');
      expect(r.err).not.toContain('Oväntat fel');
    }
  });
});

interface Goals {
  kind: string;
  figure: { cell: { kind: string; value?: number; ratio?: { num: number; den: number } } };
  items: { what: string; status: string; counted: boolean; location: { file: string; sheet?: string; row?: number } }[];
  value: number;
  ratio?: { num: number; den: number };
}

describe('explain on a layout table\'s goal columns', () => {
  it('a count lists every delmål with its status and row, the counted ones adding up to the cell', async () => {
    const r = await explain('region-exempel', 'mal/Hela enheten/Mål, uppfylls helt');
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as Goals;
    expect(e.kind).toBe('goals');
    // The example region's goal section: 17 delmål, six of which uppfylls helt.
    expect(e.items).toHaveLength(17);
    expect(e.items.filter((i) => i.counted)).toHaveLength(6);
    expect(e.value).toBe(6);
    expect(e.figure.cell).toEqual({ kind: 'count', value: 6 });
    for (const i of e.items.filter((x) => x.counted)) expect(i.status.startsWith('uppfylls helt')).toBe(true);
    for (const i of e.items) {
      expect(i.location.file.endsWith('fixtures/region-exempel/mal/mal.xlsx')).toBe(true);
      expect(i.location.sheet).toBe('Mål');
      expect(i.location.row).toBeGreaterThan(1);
    }
  });

  it('the share of assessed delmål: helt / (helt + delvis + inte)', async () => {
    const r = await runCli(['explain', '--period', '2024-08', '--config', config, '--figure', 'mal/Hela enheten/Mål som uppfylls helt %']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Siffran: 54,5 %');
    expect(r.out).toContain('Räkning: 6 / 11 × 100 = 54,545455 %');
  });

  it('indicators not assessed this period: each with the reason', async () => {
    const r = await explain('region-exempel', 'mal/Hela enheten/Indikatorer, ej bedömda');
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as Goals;
    expect(e.items).toHaveLength(25);
    const counted = e.items.filter((i) => i.counted);
    expect(counted).toHaveLength(8);
    // Seven not due in August, one due without an outcome (the goal section: "för en saknas utfall").
    expect(counted.filter((i) => i.status.startsWith('ej bedömd: redovisas inte denna period'))).toHaveLength(7);
    expect(counted.filter((i) => i.status === 'ej bedömd: inget utfall för perioden')).toHaveLength(1);
  });

  it('a unit without delmål: the cell is blank and explain says why', async () => {
    const r = await explain('region-exempel', 'mal/Regionstyrelsen/Antal mål');
    expect(r.code).toBe(64);
    expect(r.err).toContain('Antal mål för Regionstyrelsen är tom: målexporten (');
    expect(r.err).toContain('har inga delmål för Regionstyrelsen eller enheterna under den.');
  });
});

describe('explain on seed 003\'s Medarbetare tables (Halland fixture, layout uppdrag)', () => {
  const halland = path.resolve('fixtures', 'halland-regionkontoret-2023-04', 'rapport.config.yaml');
  const run = (figure: string) => runCli(['explain', '--period', '2023-04', '--config', halland, '--figure', figure]);

  it('personalomsättning: what it is and why it is not split, in Swedish, not a crash', async () => {
    const r = await run('personalomsattning/Personalomsättning/Utfall');
    expect(r.code, r.err).toBe(64);
    expect(r.err).toContain('personalomsättningen för de senaste tolv månaderna');
    expect(r.err).toContain('explain delar inte upp den per ansvar eller person');
    expect(r.err).not.toContain('Oväntat fel');
  });

  it('a målvärde column: a configured value, not traced to the sources', async () => {
    const r = await run('sjukfranvaro/Sjukfrånvaro/Målvärde');
    expect(r.code, r.err).toBe(64);
    expect(r.err).toContain('är ett målvärde som står i konfigurationen (personnel.targets');
  });

  it('the sick leave beside it is traced per ansvar', async () => {
    const r = await run('sjukfranvaro/Sjukfrånvaro/Utfall');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Siffran: 2,58 %');
  });
});
