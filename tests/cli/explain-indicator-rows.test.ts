/**
 * `rapport explain` on the cells of a layout table with one row per indicator (row kind `indicators`), on the
 * example region in August 2024: a cell is traced to the indicator's rows in the goal export (målvärde, outcome),
 * like the goals module's indicator tables; a blank outcome gets a Swedish message saying why and where the
 * indicator is, never a crash.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { exampleConfigWithLayout } from '../helpers/example-config.js';
import { INDICATOR_COLUMNS_AND_ROWS } from '../helpers/layout-yaml.js';

const LAYOUT = `version: 1
sections:
  - id: ind
    title: Indikatorer
    blocks:
      - table:
          id: ind
          title: Indikatorer
${INDICATOR_COLUMNS_AND_ROWS}`;

let config: string;

beforeAll(async () => {
  config = await exampleConfigWithLayout('rapport-explain-indicators-', LAYOUT);
});

const explain = (figure: string, json = true) =>
  runCli(['explain', '--period', '2024-08', '--config', config, '--figure', figure, ...(json ? ['--json'] : [])]);

interface IndicatorJson {
  kind: string;
  figure: { printed: string };
  sources: { what: string; value: string; location: { file: string; sheet?: string; row?: number } }[];
  formula: string;
}

describe('rapport explain on an indicator row', () => {
  it('an outcome: the indicator\'s målvärde row and outcome row in the goal export', async () => {
    const r = await explain('ind/Andel fel lösta inom 3 arbetsdagar (%)/Utfall 2024');
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as IndicatorJson;
    expect(e.kind).toBe('indicator');
    expect(e.figure.printed).toBe('93,8');
    expect(e.sources.map((s) => [s.what, s.value, path.basename(s.location.file), s.location.sheet, s.location.row])).toEqual([
      ['Indikatorn I15 "Andel fel lösta inom 3 arbetsdagar", målvärde', '> 90%', 'mal.xlsx', 'Indikatorer', 21],
      ['Utfall 2024-08', '93,8', 'mal.xlsx', 'Indikatorer', 22],
    ]);
    expect(e.formula).toBe('Uppfyllnad % = utfall / målvärde × 100');
  });

  it('the status and a text målvärde are explained too, in Swedish', async () => {
    const r = await explain('ind/Andel fel lösta inom 3 arbetsdagar (%)/Status', false);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Siffran: ● Uppfylls helt');
    expect(r.out).toContain('mal.xlsx, blad Indikatorer, rad 22: Utfall 2024-08: 93,8');
    const t = await explain('ind/Sjukfrånvaro (%), lägre är bättre/Målvärde');
    expect(t.code, t.err).toBe(0);
    expect((JSON.parse(t.out) as IndicatorJson).sources[0]!.value).toBe('Behålla (4,7 % helår 2023)');
  });

  it('a blank outcome says why and where the indicator is; not a crash', async () => {
    const none = await explain('ind/Antal rapporterade tillbud (antal)/Utfall 2024', false);
    expect(none.code).toBe(64);
    expect(none.err).toContain('Utfall 2024 är tom: målexporten har inget aktuellt utfall för indikatorn denna period (inga data är inte 0). Indikatorn I20 "Antal rapporterade tillbud" står i ');
    expect(none.err).toContain('mal.xlsx, blad Indikatorer, rad 34');
    const notDue = await explain('ind/NKI (Nöjd kund-index) (index)/Utfall 2024', false);
    expect(notDue.code).toBe(64);
    expect(notDue.err).toContain('är tom: indikatorn redovisas inte vid detta tillfälle. Indikatorn I16 "NKI (Nöjd kund-index)" står i ');
    const heading = await explain('ind/Kortare ledtider för IT-stöd till vården/Status', false);
    expect(heading.code).toBe(64);
    expect(heading.err).toContain('har ingen siffra att förklara');
  });
});
