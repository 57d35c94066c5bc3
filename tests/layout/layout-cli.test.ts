/**
 * A layout of one's own, through the command line on a copy of the golden case (seed 001) in a folder whose name has
 * a space and å: a table in mnkr with one decimal, a column "Bokslut föregående år" and a total labelled "Resultat"
 * prints the figures the core computes, each rounded on its own; `rapport validate` finds a report row the account
 * grouping does not have; `rapport init --layout` starts from a bundled layout.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/run-cli.js';

afterEach(() => vi.restoreAllMocks());

const LAYOUT = `version: 1
sections:
  - id: drift
    title: Driftredovisning
    blocks:
      - table:
          id: resultatrakning
          title: "Förenklad resultaträkning {{år}}"
          unit: mnkr
          decimals: 1
          labelHeading: Mnkr
          columns:
            - { measure: ackUtfall, heading: "Ack utfall {{mån}} {{år}}" }
            - { measure: bokslutForegaendeAr, heading: Bokslut föregående år }
            - { measure: ackAvvikelseForegaendeAr }
            - { measure: forandringProcent, decimals: 2 }
          rows:
            - kind: sections
              heading: false
              reportRows: false
              totals: { Verksamhetens intäkter: Summa intäkter, Verksamhetens kostnader: Summa kostnader }
            - { kind: net, label: Resultat }
          notes: ["{{beloppsnot}}", "{{avrundningsnot}}"]
`;

async function region(layout: string, configEdit: (c: string) => string = (c) => c): Promise<{ dir: string; config: string; out: string }> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-layout-')), 'Region å');
  await cp('fixtures/vasterbotten-rs-2024-08', dir, { recursive: true });
  await writeFile(path.join(dir, 'min layout.yaml'), layout);
  const config = path.join(dir, 'rapport.config.yaml');
  const text = (await readFile(config, 'utf8')).replace('  unitLevels: [root]', '  unitLevels: [root]\n  layout: min layout.yaml');
  await writeFile(config, configEdit(text));
  return { dir, config, out: path.join(dir, 'rapporter') };
}

/** Half away from zero to one decimal of mnkr, from öre, with a decimal comma: an independent check of format.ts. */
function mnkr1(ore: number): string {
  const tenths = Math.sign(ore) * Math.round(Math.abs(ore) / 1e7);
  const s = (Math.abs(tenths) / 10).toFixed(1).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return (tenths < 0 ? '-' : '') + s;
}

describe('a layout of its own', () => {
  it('prints a table in mnkr with one decimal, Bokslut föregående år and a total labelled Resultat', async () => {
    const r = await region(LAYOUT);
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'md,json,xlsx']);
    expect(g.code, g.err).toBe(0);
    const json = JSON.parse(await readFile(path.join(r.out, 'regionstyrelsen-2024-08.json'), 'utf8'));
    const table = json.sections[0].blocks[0];
    expect(table.title).toBe('Förenklad resultaträkning 2024');
    expect(table.columns.map((c: { header: string }) => c.header)).toEqual([
      'Mnkr', 'Ack utfall aug 2024', 'Bokslut föregående år', 'Ack avvikelse mot föreg år', 'Förändring utfall i %',
    ]);
    expect(table.rows.map((row: { cells: { text?: string }[] }) => row.cells[0]!.text)).toEqual(['Summa intäkter', 'Summa kostnader', 'Resultat']);
    const net = table.rows[2].cells;
    // The published table 3.1 (fixtures README): net ack utfall -2 515 284 tkr, föreg år -2 349 555 tkr.
    expect(Math.round(net[1].ore / 1e5)).toBe(-2515284);
    expect(Math.round(net[3].ore / 1e5)).toBe(-2515284 - -2349555);
    expect(net[1]).toMatchObject({ kind: 'money', unit: 'mnkr', decimals: 1 });
    expect(net[4]).toMatchObject({ kind: 'percent', decimals: 2 });
    expect(table.notes).toEqual([
      'Belopp i miljoner kronor (mnkr).',
      'Varje belopp är avrundat för sig; summor kan därför avvika med ±0,1 från summan av de avrundade raderna.',
    ]);

    const md = await readFile(path.join(r.out, 'regionstyrelsen-2024-08.md'), 'utf8');
    const line = md.split('\n').find((l) => l.startsWith('| **Resultat**'))!;
    const cells = line.split('|').slice(2, -1).map((c) => c.trim().replace(/\*\*/g, '').replace(/\u00a0/g, ' '));
    expect(cells[0]).toBe('-2 515,3');
    expect(cells[0]).toBe(mnkr1(net[1].ore));
    expect(cells[1]).toBe(mnkr1(net[2].ore));
    expect(cells[2]).toBe('-165,7');
    expect(cells[3]).toBe('7,05'); // 2 515 284 / 2 349 555 − 1 = 7,054 %

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(r.out, 'regionstyrelsen-2024-08.xlsx'))) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets.find((w) => w.name.includes('Förenklad'))!;
    const resultRow = ws.getRows(1, ws.rowCount)!.find((row) => row.getCell(1).value === 'Resultat')!;
    expect(resultRow.getCell(2).value).toBe(net[1].ore / 1e8);
    expect(resultRow.getCell(2).numFmt).toBe('#,##0.0;-#,##0.0;0.0');
    expect(resultRow.getCell(5).numFmt).toBe('0.00%');
  });

  it('child units at any depth, a report row under its own label, shares, and sections for some unit levels only', async () => {
    const layout = `version: 1
sections:
  - id: per-enhet
    title: Per enhet
    blocks:
      - table:
          id: enheter
          title: "Nettokostnad per enhet {{mån}} {{år}}"
          unit: tkr
          labelHeading: Enhet
          columns:
            - { measure: ackUtfall }
            - { measure: andelAvNettokostnad, decimals: 1 }
          rows:
            - { kind: children, depth: 3 }
            - { kind: reportRow, name: Personal, label: Personalkostnader }
            - { kind: net, label: Summa }
  - id: bara-omraden
    title: Bara för områden
    levels: [Område]
    blocks:
      - narrative: egen-text
`;
    const r = await region(layout, (c) => c.replace('  unitLevels: [root]', '  unitLevels: [root, Område]'));
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out, '--format', 'json']);
    expect(g.code, g.err).toBe(0);
    const root = JSON.parse(await readFile(path.join(r.out, 'regionstyrelsen-2024-08.json'), 'utf8'));
    expect(root.sections.map((s: { id: string }) => s.id)).toEqual(['per-enhet']);
    const rows = root.sections[0].blocks[0].rows as { cells: { text?: string; ore?: number; ratio?: { num: number; den: number } }[]; emphasis: string; level?: number }[];
    // organisation.csv: 2 Område, 6 Delområde, 12 Ansvar; then the report row and the net.
    expect(rows).toHaveLength(2 + 6 + 12 + 2);
    expect(rows.filter((x) => x.level === 2)).toHaveLength(12);
    expect(rows.filter((x) => x.level === 1)).toHaveLength(6);
    expect(rows.filter((x) => x.level === undefined && x.emphasis === 'subtotal')).toHaveLength(2);
    const personal = rows[20]!;
    expect(personal.cells[0]!.text).toBe('Personalkostnader');
    expect(Math.round(personal.cells[1]!.ore! / 1e5)).toBe(-768426); // table 3.1, Personal, ack utfall innev år
    const net = rows[21]!;
    expect(net.cells[2]!.ratio!.num).toBe(net.cells[2]!.ratio!.den); // the net is 100 % of itself
    // The two Område rows' shares add up to the whole (their net ack utfall sums to the root's).
    const areas = rows.filter((x) => x.level === undefined && x.emphasis === 'subtotal');
    expect(areas.reduce((sum, x) => sum + x.cells[1]!.ore!, 0)).toBe(net.cells[1]!.ore);
    const omrade = JSON.parse(await readFile(path.join(r.out, 'regionovergripande-verksamhet-2024-08.json'), 'utf8'));
    expect(omrade.sections.map((s: { id: string }) => s.id)).toEqual(['per-enhet', 'bara-omraden']);
    expect(omrade.sections[1].blocks[0]).toEqual({ type: 'narrative', key: 'egen-text', required: false, markdown: null });
  });

  it('validate finds a report row and a section the sources do not have, with the nearest name and the line', async () => {
    const bad = LAYOUT.replace('            - { kind: net, label: Resultat }', '            - { kind: reportRow, name: Personalkostnader }\n            - { kind: section, name: Verksamhetens intakter }\n            - { kind: net, label: Resultat }');
    const r = await region(bad);
    const v = await runCli(['validate', '--config', r.config, '--json']);
    expect(v.code).toBe(78);
    const diags = JSON.parse(v.out).diagnostics.filter((d: { code: string }) => d.code.startsWith('layout.'));
    expect(diags.map((d: { code: string }) => d.code)).toEqual(['layout.unknown-report-row', 'layout.unknown-section']);
    const row = diags.find((d: { code: string }) => d.code === 'layout.unknown-report-row');
    expect(row.message).toBe("Raden 'Personalkostnader' i layoutens tabell resultatrakning finns inte i kontogrupperingen kontogrupper.csv — menade du 'Övriga personalkostnader'?");
    expect(row.location).toEqual({ file: 'min layout.yaml', row: 22 });
    const section = diags.find((d: { code: string }) => d.code === 'layout.unknown-section');
    expect(section.message).toContain("menade du 'Verksamhetens intäkter'?");
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out]);
    expect(g.code).toBe(78);
  });

  it('an unknown measure stops generate with file, line and suggestion', async () => {
    const r = await region(LAYOUT.replace('measure: ackAvvikelseForegaendeAr', 'measure: ackAvvFgAr'));
    const g = await runCli(['generate', '--period', '2024-08', '--config', r.config, '--out', r.out]);
    expect(g.code).toBe(78);
    expect(g.err).toContain("min layout.yaml, rad 15: Okänt mått 'ackAvvFgAr' — menade du 'ackAvvikelseForegaendeAr'?");
  });

  it('a layout that names no file or bundled layout is an error listing the bundled ones', async () => {
    const r = await region(LAYOUT, (c) => c.replace('layout: min layout.yaml', 'layout: standrad'));
    const v = await runCli(['validate', '--config', r.config]);
    expect(v.code).toBe(78);
    expect(v.err).toContain('Hittar inte layouten "standrad"');
    expect(v.err).toContain('standard');
  });

  it('init --layout standard writes the layout beside the configuration, which names it', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-init-')), 'ny å');
    const config = path.join(dir, 'rapport.config.yaml');
    const r = await runCli(['init', '--file', config, '--layout', 'standard']);
    expect(r.code, r.err).toBe(0);
    expect(await readFile(path.join(dir, 'layout.yaml'), 'utf8')).toBe(await readFile('templates/layouts/standard.yaml', 'utf8'));
    expect(await readFile(config, 'utf8')).toMatch(/\n {2}unitLevels: \[root\]\n {2}layout: layout\.yaml /);
    const wrong = await runCli(['init', '--file', path.join(dir, 'b.yaml'), '--layout', 'standar']);
    expect(wrong.code).toBe(64);
  });
});
