/**
 * The personnel module's sick-leave table in a region's own shape (`module: personnel` with `sickLeaveTable`, seed
 * 002's "Sjukfrånvaro % (ack)"): rows in the layout's order with its labels, only the columns it lists, under its
 * headings. The figures are the standard table's, cell for cell, on the example region (Regionkontoret, 2024-08);
 * every mistake in the option is a Swedish layout error with file, line and the nearest name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config/load-config.js';
import { checkLayoutAgainstConfig, parseLayout } from '../../src/config/layout.js';
import type { Cell, ReportModel } from '../../src/report/model.js';
import { exampleRun, reportWithLayout, tablesOf, unitNamed } from '../helpers/example-models.js';

const SHAPED = `version: 1
sections:
  - module: personnel
    sickLeaveDecimals: 1
    sickLeaveTable:
      title: "Sjukfrånvaro % (ack)"
      labelHeading: Sjukfrånvaro
      columns:
        - { column: foregaendeAr, heading: Föregående år }
        - { column: innevarandeAr, heading: Innevarande år }
      rows:
        - { row: total }
        - { row: intervall, bounds: [14, 90, 365], labels: [varav dag 1-14, varav dag 15-90, varav dag 91-365, varav dag 366-] }
        - { row: man }
        - { row: kvinnor, label: Kvinnor totalt }
        - { row: aldersgrupper, bounds: [29, 49], labels: [Anställda -29 år, Anställda 30-49 år, Anställda 50 år-] }
`;
const STANDARD = 'version: 1\nsections:\n  - module: personnel\n    sickLeaveDecimals: 1\n';

const label = (c: Cell) => (c as { text: string }).text;

let loaded: LoadedConfig;
let shaped: ReportModel;
let standard: ReportModel;

beforeAll(async () => {
  const run = await exampleRun();
  loaded = run.loaded;
  const unit = unitNamed(run.data, 'Regionkontoret');
  const build = (yaml: string) => reportWithLayout(run, yaml, 'personal.yaml', { unit });
  shaped = build(SHAPED);
  standard = build(STANDARD);
}, 600_000);

describe('sickLeaveTable: the sick-leave table in the layout\'s shape', () => {
  it('prints the rows in the layout\'s order with its labels and only its columns, each cell the standard table\'s', () => {
    const mine = tablesOf(shaped.sections).find((t) => t.id === 'personal-sjukfranvaro')!;
    const std = tablesOf(standard.sections).find((t) => t.id === 'personal-sjukfranvaro')!;
    expect(mine.title).toBe('Sjukfrånvaro % (ack)');
    expect(mine.columns.map((c) => c.header)).toEqual(['Sjukfrånvaro', 'Föregående år', 'Innevarande år']);
    expect(mine.rows.map((r) => label(r.cells[0]!))).toEqual([
      'Total sjukfrånvaro', 'varav dag 1-14', 'varav dag 15-90', 'varav dag 91-365', 'varav dag 366-', 'Män', 'Kvinnor totalt',
      'Anställda -29 år', 'Anställda 30-49 år', 'Anställda 50 år-',
    ]);
    // The standard table's rows in the same order (its labels: varav dag 1–14 …, 29 år eller yngre …).
    const stdLabels = ['Total sjukfrånvaro', 'varav dag 1–14', 'varav dag 15–90', 'varav dag 91–365', 'varav dag 366–', 'Män', 'Kvinnor',
      '29 år eller yngre', '30–49 år', '50 år eller äldre'];
    stdLabels.forEach((l, i) => {
      const row = std.rows.find((r) => label(r.cells[0]!) === l);
      expect(row, l).toBeDefined();
      // Previous year and this year; the standard table's third figure column is the change, left out here.
      expect(mine.rows[i]!.cells.slice(1)).toEqual(row!.cells.slice(1, 3));
      expect(mine.rows[i]!.emphasis).toBe(row!.emphasis);
      expect(mine.rows[i]!.level ?? 0).toBe(row!.level ?? 0);
    });
    // Real figures with one decimal, not blanks.
    expect(mine.rows[0]!.cells.slice(1).map((c) => [c.kind, (c as { decimals?: number }).decimals])).toEqual([['percent', 1], ['percent', 1]]);
    // Without a change column the note on the change is left out; the definitions stay.
    expect(mine.notes.some((n) => n.startsWith('Förändringen är räknad'))).toBe(false);
    expect(mine.notes[0]).toMatch(/^Sjukfrånvaro = sjukfrånvarotimmar/);
  });

  it('the months table takes sickLeaveDecimals too (seed 002: "Januari 4,1%")', () => {
    const months = tablesOf(shaped.sections).find((t) => t.id === 'personal-sjukfranvaro-manad')!;
    const jan = months.rows[0]!.cells[2] as { kind: string; decimals: number };
    expect([jan.kind, jan.decimals]).toEqual(['percent', 1]);
  });
});

describe('sickLeaveTable: layout errors', () => {
  const parse = (yaml: string) => {
    const r = parseLayout(yaml, 'min layout.yaml');
    return r.ok ? [] : r.diagnostics;
  };

  it('an unknown row or column names file and line and the nearest name', () => {
    const d = parse(SHAPED.replace('{ row: man }', '{ row: män }').replace('column: innevarandeAr', 'column: innevarandeÅr'));
    expect(d.map((x) => x.code)).toEqual(['layout.unknown-name', 'layout.unknown-name']);
    expect(d[0]!.message).toContain("Okänd kolumn i sjukfrånvarotabellen 'innevarandeÅr' — menade du 'innevarandeAr'?");
    expect(d[0]!.location).toEqual({ file: 'min layout.yaml', row: 10 });
    expect(d[1]!.message).toContain("Okänd rad i sjukfrånvarotabellen 'män' — menade du 'man'?");
    expect(d[1]!.location).toEqual({ file: 'min layout.yaml', row: 14 });
  });

  it('label on a list row, labels on a single row, a row twice, and the option under another module', () => {
    expect(parse(SHAPED.replace('{ row: intervall, bounds: [14, 90, 365], labels: [varav dag 1-14, varav dag 15-90, varav dag 91-365, varav dag 366-] }', '{ row: intervall, label: varav }'))
      .map((x) => x.message)).toEqual(['Ogiltig layout, sections.0.sickLeaveTable.rows.1.label: raden intervall är en rad per intervall eller åldersgrupp: ange labels (en etikett per rad), inte label (se docs/layout.md).']);
    expect(parse(SHAPED.replace('{ row: man }', '{ row: man, labels: [Män] }')).map((x) => x.message))
      .toEqual(['Ogiltig layout, sections.0.sickLeaveTable.rows.2.labels: raden man är en rad: ange label, inte labels (se docs/layout.md).']);
    expect(parse(SHAPED.replace('{ row: man }', '{ row: total }')).map((x) => x.message))
      .toEqual(["Ogiltig layout, sections.0.sickLeaveTable.rows.2: raden 'total' finns två gånger (se docs/layout.md)."]);
    expect(parse(SHAPED.replace('module: personnel', 'module: goals')).map((x) => x.message)).toEqual([
      'Ogiltig layout, sections.0.sickLeaveDecimals: gäller bara module: personnel (se docs/layout.md).',
      'Ogiltig layout, sections.0.sickLeaveTable: gäller bara module: personnel (se docs/layout.md).',
    ]);
  });

  it('labels for bands or age groups need the limits they are written for, one limit fewer than labels', () => {
    expect(parse(SHAPED.replace('bounds: [14, 90, 365], ', '')).map((x) => x.message)).toEqual([
      'Ogiltig layout, sections.0.sickLeaveTable.rows.1.labels: etiketterna behöver bounds: intervallens sista dagar, t.ex. [14, 90, 365], så att de kan stämmas av mot konfigurationen (se docs/layout.md).',
    ]);
    expect(parse(SHAPED.replace('varav dag 91-365, varav dag 366-', 'varav dag 91-')).map((x) => x.message)).toEqual([
      'Ogiltig layout, sections.0.sickLeaveTable.rows.1.labels: 3 etiketter för 3 gränser: det ska vara en etikett mer än gränserna (den sista gruppen är öppen) (se docs/layout.md).',
    ]);
    expect(parse(SHAPED.replace('bounds: [29, 49]', 'bounds: [49, 29]')).map((x) => x.message)).toEqual([
      'Ogiltig layout, sections.0.sickLeaveTable.rows.4.bounds: gränserna ska vara stigande (se docs/layout.md).',
    ]);
    expect(parse(SHAPED.replace('{ row: man }', '{ row: man, bounds: [1] }')).map((x) => x.message)).toEqual([
      'Ogiltig layout, sections.0.sickLeaveTable.rows.2.bounds: bounds hör till labels på raderna intervall och aldersgrupper (se docs/layout.md).',
    ]);
  });

  it('limits other than the configured bands or age groups are an error naming both (rapport validate, generate)', () => {
    const other = SHAPED.replace('bounds: [14, 90, 365], labels: [varav dag 1-14, varav dag 15-90, varav dag 91-365, varav dag 366-]', 'bounds: [14, 59, 365], labels: [varav dag 1-14, varav dag 15-59, varav dag 60-365, varav dag 366-]')
      .replace('bounds: [29, 49]', 'bounds: [39, 49]');
    const parsed = parseLayout(other, 'min layout.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const d = checkLayoutAgainstConfig(parsed.value, loaded.config, { configFile: 'rapport.config.yaml' });
    expect(d.map((x) => x.message)).toEqual([
      'Ogiltig layout, sections.0.sickLeaveTable.rows.1.bounds: etiketterna är skrivna för gränserna 14, 59, 365 men personnel.sickLeave.bands (intervallens sista dagar) i rapport.config.yaml har 14, 90, 365: skriv etiketterna och bounds för de gränserna (se docs/layout.md).',
      'Ogiltig layout, sections.0.sickLeaveTable.rows.4.bounds: etiketterna är skrivna för gränserna 39, 49 men personnel.sickLeave.ageGroups i rapport.config.yaml har 29, 49: skriv etiketterna och bounds för de gränserna (se docs/layout.md).',
    ]);
    expect(d[0]!.location).toEqual({ file: 'min layout.yaml', row: 13 });
    // The bundled layout's limits are the configuration's: no finding.
    const same = parseLayout(SHAPED, 'min layout.yaml');
    if (!same.ok) throw new Error(JSON.stringify(same.diagnostics));
    expect(checkLayoutAgainstConfig(same.value, loaded.config, { configFile: 'rapport.config.yaml' })).toEqual([]);
  });
});

describe('rehabTable and workEnvironmentTable: layout errors', () => {
  const yaml = `version: 1
sections:
  - module: personnel
    rehabTable:
      headings: { foregaendeAr: Föregående år, innevarandeÅr: Innevarande år }
      labels: { avslutad: Varav avslutade }
    workEnvironmentTable:
      labels: { handelser: Antal händelser, risk: Antal risker }
`;
  it('an unknown column or row names file and line and the nearest name', () => {
    const r = parseLayout(yaml, 'min layout.yaml');
    const d = r.ok ? [] : r.diagnostics;
    expect(d.map((x) => x.message.split(' (se ')[0])).toEqual([
      "Okänd kolumn i rehabiliteringstabellen 'innevarandeÅr' — menade du 'innevarandeAr'?",
      "Okänd rad i rehabiliteringstabellen 'avslutad' — menade du 'avslutade'?",
      "Okänd rad i arbetsmiljötabellen 'risk' — menade du 'risker'?",
    ].map((m) => expect.stringContaining(m) as unknown as string));
    expect(d.map((x) => x.location)).toEqual([
      { file: 'min layout.yaml', row: 5 },
      { file: 'min layout.yaml', row: 6 },
      { file: 'min layout.yaml', row: 8 },
    ]);
  });

  it('under another module: an error', () => {
    const r = parseLayout(yaml.replace('module: personnel', 'module: goals'), 'min layout.yaml');
    expect(r.ok ? [] : r.diagnostics.map((x) => x.message)).toEqual(expect.arrayContaining([
      'Ogiltig layout, sections.0.rehabTable: gäller bara module: personnel (se docs/layout.md).',
      'Ogiltig layout, sections.0.workEnvironmentTable: gäller bara module: personnel (se docs/layout.md).',
    ]));
  });
});
