/**
 * The bundled layouts modelled on seeds 002 (`resultatrakning`) and 003 (`uppdrag`), run on their example fixtures:
 * every published cell (the expected tables in each fixture's README) is printed, cell for cell, in the JSON report
 * model, the Markdown, the Excel workbook (values read back and shown with the cell's own number format) and the Word
 * document read back by LibreOffice (skipped where LibreOffice is not installed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.js';
import { formatCell } from '../../src/render/format.js';
import { findSoffice } from '../../src/render/pdf.js';
import { formatMoney, formatNumber } from '../../src/model/format.js';
import type { DisplayUnit } from '../../src/model/figures.js';
import type { ReportModel, Table } from '../../src/report/model.js';
import { parseMarkdownTables, plainCell, type MdTable } from '../helpers/markdown-tables.js';

const soffice = findSoffice();
const ORE: Record<DisplayUnit, number> = { kr: 100, tkr: 100_000, mnkr: 100_000_000 };

/** A README table and the layout table that prints it (id and unit). */
interface Case { readonly heading: string; readonly id: string; readonly unit: DisplayUnit }

const FIXTURES = [
  {
    name: 'seed 002: Region Västmanland, FDS (layout resultatrakning)',
    dir: 'fixtures/vastmanland-fds-2023-08',
    period: '2023-08',
    base: 'forvaltningen-for-digitaliseringsstod-2023-08',
    // Income-financed: a surplus both years (6,7 and 13,3 mnkr), so no "nettokostnadsutveckling på minus 49 procent".
    summary: 'Förvaltningen för digitaliseringsstöd redovisar efter andra tertialet en positiv budgetavvikelse på 3 miljoner kronor. Prognosen för året är ett överskott mot budget på 1 miljon kronor.',
    cases: [
      { heading: 'Förenklad resultaträkning', id: 'resultatrakning', unit: 'mnkr' },
      { heading: 'Investeringar', id: 'investeringar', unit: 'mnkr' },
    ] as Case[],
  },
  {
    name: 'seed 003: Region Halland, Regionkontoret (layout uppdrag)',
    dir: 'fixtures/halland-regionkontoret-2023-04',
    period: '2023-04',
    base: 'regionkontoret-2023-04',
    cases: [
      { heading: '5.1 Ackumulerad', id: 'ackumulerad-budgetavvikelse', unit: 'tkr' },
      { heading: '5.1.1', id: 'uppdrag', unit: 'mnkr' },
      { heading: '5.2 Prognos', id: 'prognos-budgetavvikelse', unit: 'tkr' },
      { heading: '5.3 Investeringar', id: 'investeringar', unit: 'mnkr' },
      { heading: '5.3.1', id: 'prognos-investeringar', unit: 'tkr' },
      // Section 4 Medarbetare: percentages (the unit is not used), from the generated HR extracts in heroma/.
      { heading: '4.1 Personalomsättning', id: 'personalomsattning', unit: 'tkr' },
      { heading: '4.2 Sjukfrånvaro', id: 'sjukfranvaro', unit: 'tkr' },
    ] as Case[],
  },
];

/**
 * An output table (header row first) in the shape of the published one: section heading rows (a label and nothing
 * else) are left out, as the README lists only rows with figures; a published table without a label column (seed
 * 003's 5.3.1) is compared without ours.
 */
function asPublished(out: string[][], want: MdTable): string[][] {
  const rows = out.map((r) => r.map(plainCell));
  const body = rows.slice(1).filter((r) => r.slice(1).some((c) => c !== ''));
  const all = [rows[0]!, ...body];
  return want.header.length === rows[0]!.length - 1 ? all.map((r) => r.slice(1)) : all;
}

function published(want: MdTable): string[][] {
  return [want.header.map(plainCell), ...want.rows.map((r) => r.map(plainCell))];
}

function modelTable(m: ReportModel, id: string): Table {
  const walk = (sections: ReportModel['sections']): Table | undefined => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === 'table' && b.id === id) return b;
      const t = walk(s.sections);
      if (t) return t;
    }
    return undefined;
  };
  const t = walk(m.sections);
  if (!t) throw new Error(`no table ${id} in the report model`);
  return t;
}

/** Every table of a workbook as text rows: header row, then the rows up to the first empty one. Numbers are shown as
 * their number format shows them (decimals from the format), from the exact value in the table's unit. */
function xlsxTables(wb: ExcelJS.Workbook, unit: (sheet: string) => DisplayUnit): string[][][] {
  const out: string[][][] = [];
  for (const ws of wb.worksheets) {
    const rows: (string | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: (string | null)[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        const v = cell.value;
        if (v === null || v === undefined) cells.push(null);
        else if (typeof v === 'number' && (cell.numFmt ?? '').endsWith('%')) {
          // A percentage is a fraction with a percent format ("0.00%"): shown as its percent figure, as the README
          // lists it (the tables' titles say "(%)").
          const decimals = /\.(0+)%/.exec(cell.numFmt ?? '')?.[1]?.length ?? 0;
          cells.push(formatNumber(v * 100, decimals, ' '));
        } else if (typeof v === 'number') {
          const decimals = /\.(0+)/.exec(cell.numFmt ?? '')?.[1]?.length ?? 0;
          // A format whose positive section starts with "+" (layout `sign: plus`) shows it on every value above zero.
          const plus = (cell.numFmt ?? '').startsWith('+') && v > 0 ? '+' : '';
          cells.push(plus + formatMoney(Math.round(v * ORE[unit(ws.name)]), unit(ws.name), decimals, ' '));
        } else cells.push(String(v));
      }
      rows[n - 1] = cells;
    });
    // The header row is the first row with two or more filled cells; the table ends at the first empty row.
    const start = rows.findIndex((r) => r && r.filter((c) => c !== null).length >= 2);
    if (start < 0) continue;
    const table: string[][] = [];
    for (let i = start; i < rows.length && rows[i] && rows[i]!.some((c) => c !== null); i++) table.push(rows[i]!.map((c) => c ?? ''));
    out.push(table);
  }
  return out;
}

function htmlTables(html: string): string[][][] {
  const decode = (s: string) =>
    s.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
  return [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((t) =>
    [...t[0].matchAll(/<tr[\s\S]*?<\/tr>/g)]
      .map((r) => [...r[0].matchAll(/<t[dh][\s\S]*?<\/t[dh]>/g)].map((c) => plainCell(decode(c[0]).replace(/\s+/g, ' '))))
      .filter((cells) => cells.length > 0),
  );
}

/**
 * The output table whose header, in the published shape, equals the published header; where several have that
 * header (seed 003's "Indikator | Utfall | Målvärde" tables), the one with the published first row's label.
 */
function byHeader(tables: string[][][], want: MdTable): string[][] | undefined {
  const header = want.header.map(plainCell).join('|');
  const same = tables.filter((t) => t.length > 0 && asPublished([t[0]!], want)[0]!.join('|') === header);
  const label = plainCell(want.rows[0]?.[0] ?? '');
  return same.find((t) => t[0]!.length !== want.header.length || t.slice(1).some((r) => plainCell(r[0] ?? '') === label)) ?? same[0];
}

for (const f of FIXTURES) {
  describe(f.name, () => {
    let expected: MdTable[];
    let out: string;
    let model: ReportModel;
    let markdown: string;
    let workbook: ExcelJS.Workbook;

    beforeAll(async () => {
      const dir = path.resolve(f.dir);
      expected = parseMarkdownTables(await readFile(path.join(dir, 'README.md'), 'utf8'));
      out = await mkdtemp(path.join(os.tmpdir(), 'rapport-layout-'));
      const code = await main(['node', 'rapport', 'generate', '--period', f.period, '--config', path.join(dir, 'rapport.config.yaml'), '--out', out, '--format', 'json,md,xlsx,docx']);
      expect(code).toBe(0);
      expect((await readdir(out)).sort()).toEqual(['.rapport', ...['docx', 'json', 'md', 'xlsx'].map((e) => `${f.base}.${e}`)]);
      model = JSON.parse(await readFile(path.join(out, `${f.base}.json`), 'utf8')) as ReportModel;
      markdown = await readFile(path.join(out, `${f.base}.md`), 'utf8');
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(path.join(out, `${f.base}.xlsx`))) as unknown as ExcelJS.Buffer);
    });

    const want = (c: Case) => {
      const t = expected.find((x) => x.heading.startsWith(c.heading));
      if (!t) throw new Error(`README has no table under ${c.heading}`);
      return t;
    };

    it.skipIf(!('summary' in f))('the drafted summary sentence', () => {
      expect(markdown).toContain((f as { summary: string }).summary);
    });

    for (const c of f.cases) {
      it(`${c.heading} (${c.id}): every published cell in the JSON model and the Markdown`, () => {
        const w = want(c);
        const t = modelTable(model, c.id);
        const json = [t.columns.map((col) => col.header), ...t.rows.map((r) => r.cells.map((cell) => formatCell(cell, ' ')))];
        expect(asPublished(json, w)).toEqual(published(w));
        const md = byHeader(parseMarkdownTables(markdown).map((m) => [m.header, ...m.rows]), w);
        expect(md, 'a Markdown table with the published header').toBeDefined();
        expect(asPublished(md!, w)).toEqual(published(w));
      });

      it(`${c.heading} (${c.id}): every published cell in the Excel workbook, by its number format`, () => {
        const w = want(c);
        const found = byHeader(xlsxTables(workbook, () => c.unit), w);
        expect(found, 'a sheet with the published header').toBeDefined();
        expect(asPublished(found!, w)).toEqual(published(w));
      });
    }

    it.skipIf(soffice === null)('the Word document read back by LibreOffice holds every published table cell for cell', async () => {
      const profile = await mkdtemp(path.join(os.tmpdir(), 'rapport-lo-profile-'));
      execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'html', '--outdir', out, path.join(out, `${f.base}.docx`)], { stdio: 'ignore', timeout: 600_000 });
      const tables = htmlTables(await readFile(path.join(out, `${f.base}.html`), 'utf8'));
      for (const c of f.cases) {
        const w = want(c);
        const found = byHeader(tables, w);
        expect(found, `${c.heading}: a Word table with the published header`).toBeDefined();
        expect(asPublished(found!, w), c.heading).toEqual(published(w));
      }
    });
  });
}

describe('init --layout starts from the seed layouts', () => {
  for (const name of ['resultatrakning', 'uppdrag']) {
    it(`init --layout ${name} writes a copy of templates/layouts/${name}.yaml beside the configuration`, async () => {
      const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-init-')), 'ny å');
      const config = path.join(dir, 'rapport.config.yaml');
      const code = await main(['node', 'rapport', 'init', '--file', config, '--layout', name]);
      expect(code).toBe(0);
      expect(await readFile(path.join(dir, 'layout.yaml'), 'utf8')).toBe(await readFile(`templates/layouts/${name}.yaml`, 'utf8'));
    });
  }
});

describe('seed 002: the page "Medarbetare" from the generated Heroma extracts (personnel module)', () => {
  const dir = path.resolve('fixtures/vastmanland-fds-2023-08');
  const base = 'forvaltningen-for-digitaliseringsstod-2023-08';
  let readme: MdTable[];
  let want: string[][];
  let out: string;
  beforeAll(async () => {
    readme = parseMarkdownTables(await readFile(path.join(dir, 'README.md'), 'utf8'));
    const t = readme.find((x) => x.heading.startsWith('Arbetad tid'));
    want = t!.rows.map((r) => r.slice(1).map(plainCell));
    expect(want).toHaveLength(8);
    out = await mkdtemp(path.join(os.tmpdir(), 'rapport-hr-'));
    const code = await main(['node', 'rapport', 'generate', '--period', '2023-08', '--config', path.join(dir, 'rapport.config.yaml'), '--out', out, '--format', 'json,md,xlsx,docx']);
    expect(code).toBe(0);
  });
  /** The figures (all but the label column) of the table whose first data row is own staff's worked time. */
  const figures = (tables: string[][][]) => {
    const t = tables.find((x) => x.some((r) => plainCell(r[0] ?? '') === 'Utförd arbetstid egen personal'));
    expect(t, 'the worked-time table').toBeDefined();
    const start = t!.findIndex((r) => plainCell(r[0] ?? '') === 'Utförd arbetstid egen personal');
    return t!.slice(start, start + 8).map((r) => r.slice(1).map(plainCell));
  };

  /** "Sjukfrånvaro % (ack)" as published (header and rows), and the slide's months of 2023 (month, figure). */
  const sickWant = () => published(readme.find((x) => x.heading.startsWith('Sjukfrånvaro % (ack)'))!);
  const monthsWant = () => readme.find((x) => x.heading.startsWith('Sjukfrånvaro per månad'))!.rows.map((r) => r.map(plainCell));
  /** The output table whose header row is the published one, from its header to its last row, as plain text. */
  const sickTable = (tables: string[][][]) => {
    const header = sickWant()[0]!.join('|');
    for (const t of tables) {
      const i = t.findIndex((r) => r.map(plainCell).join('|') === header);
      if (i < 0) continue;
      // The table ends at its last row, or (in a worksheet, where the notes follow) at the first empty row.
      const end = t.findIndex((r, k) => k > i && r.every((c) => plainCell(c) === ''));
      return t.slice(i, end < 0 ? t.length : end).map((r) => r.map(plainCell));
    }
    return undefined;
  };
  /**
   * The months table (header "Månad | 2022, % | 2023, %"): 2023's figure of each month, and whether every month
   * after July is blank for 2023 (no data yet, never 0).
   */
  const months2023 = (tables: string[][][]) => {
    const t = tables.find((x) => x.some((r) => r.map(plainCell).join('|') === 'Månad|2022, %|2023, %'));
    expect(t, 'the months table').toBeDefined();
    const start = t!.findIndex((r) => r.map(plainCell).join('|') === 'Månad|2022, %|2023, %');
    const rows = t!.slice(start + 1, start + 13).map((r) => r.map(plainCell));
    expect(rows.map((r) => r[0])).toEqual(['Januari', 'Februari', 'Mars', 'April', 'Maj', 'Juni', 'Juli', 'Augusti', 'September', 'Oktober', 'November', 'December']);
    expect(rows.slice(7).map((r) => r[2] ?? '')).toEqual(['', '', '', '', '']);
    return rows.slice(0, 7).map((r) => [r[0]!, r[2]!]);
  };

  const jsonTables = async () => {
    const model = JSON.parse(await readFile(path.join(out, `${base}.json`), 'utf8')) as ReportModel;
    const tables: string[][][] = [];
    const walk = (sections: ReportModel['sections']): void => {
      for (const s of sections) {
        for (const b of s.blocks) if (b.type === 'table') tables.push([b.columns.map((c) => c.header), ...b.rows.map((r) => r.cells.map((c) => formatCell(c, ' ')))]);
        walk(s.sections);
      }
    };
    walk(model.sections);
    return tables;
  };
  const mdTables = async () => parseMarkdownTables(await readFile(path.join(out, `${base}.md`), 'utf8')).map((m) => [m.header, ...m.rows]);
  /** Every sheet as rows of text: numbers as their number format shows them (a % format shows the fraction × 100). */
  const xlsxSheets = async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(out, `${base}.xlsx`))) as unknown as ExcelJS.Buffer);
    return wb.worksheets.map((ws) => {
      const rows: string[][] = [];
      // Empty rows too (as empty cells): a table ends at the first one.
      ws.eachRow({ includeEmpty: true }, (row) => {
        const cells: string[] = [];
        for (let c = 1; c <= ws.columnCount; c++) {
          const cell = row.getCell(c);
          const v = cell.value;
          const decimals = /\.(0+)/.exec(cell.numFmt ?? '')?.[1]?.length ?? 0;
          // Hours are numbers, changes in percent are fractions shown by a % format.
          cells.push(typeof v === 'number' ? formatNumber((cell.numFmt ?? '').includes('%') ? v * 100 : v, decimals, ' ') : v === null || v === undefined ? '' : String(v));
        }
        rows.push(cells);
      });
      return rows;
    });
  };
  let html: Promise<string[][][]> | undefined;
  /** The Word document read back by LibreOffice, once for all the tests below. */
  const wordTables = () => (html ??= (async () => {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'rapport-lo-profile-'));
    execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'html', '--outdir', out, path.join(out, `${base}.docx`)], { stdio: 'ignore', timeout: 600_000 });
    return htmlTables(await readFile(path.join(out, `${base}.html`), 'utf8'));
  })());

  it('Arbetad tid (ack): every published figure in the JSON model, the Markdown and the Excel workbook', async () => {
    expect(figures(await jsonTables())).toEqual(want);
    expect(figures(await mdTables())).toEqual(want);
    expect(figures(await xlsxSheets())).toEqual(want);
  });

  it.skipIf(soffice === null)('Arbetad tid (ack): every published figure in the Word document read back by LibreOffice', async () => {
    expect(figures(await wordTables())).toEqual(want);
  });

  it('Sjukfrånvaro % (ack): the published table, header, labels and every cell, in the JSON model, the Markdown and the Excel workbook', async () => {
    const w = sickWant();
    expect(w).toHaveLength(11);
    expect(sickTable(await jsonTables())).toEqual(w);
    expect(sickTable(await mdTables())).toEqual(w);
    expect(sickTable(await xlsxSheets())).toEqual(w);
  });

  it.skipIf(soffice === null)('Sjukfrånvaro % (ack): the published table cell for cell in the Word document read back by LibreOffice', async () => {
    expect(sickTable(await wordTables())).toEqual(sickWant());
  });

  it('sick leave per month of 2023: every published month in the JSON model, the Markdown and the Excel workbook', async () => {
    const w = monthsWant();
    expect(w).toHaveLength(7);
    expect(months2023(await jsonTables())).toEqual(w);
    expect(months2023(await mdTables())).toEqual(w);
    expect(months2023(await xlsxSheets())).toEqual(w);
  });

  it.skipIf(soffice === null)('sick leave per month of 2023: every published month in the Word document read back by LibreOffice', async () => {
    expect(months2023(await wordTables())).toEqual(monthsWant());
  });

  /**
   * The rehab and arbetsmiljö tables as published: header, labels and every figure (the layout gives them the seed's
   * headings, "Föregående år" and "Innevarande år", and its label "Varav avslutade …": `rehabTable`,
   * `workEnvironmentTable` under `module: personnel`).
   */
  const countTables = ['Antal rehabiliteringsärenden (ack)', 'Arbetsmiljöavvikelser (ack)'];
  const countsWant = (heading: string) => published(readme.find((x) => x.heading.startsWith(heading))!);
  const counts = (tables: string[][][], heading: string) => {
    const want = countsWant(heading);
    const header = want[0]!.join('|');
    for (const t of tables) {
      const i = t.findIndex((r) => r.map(plainCell).filter((c) => c !== '').join('|') === header);
      if (i < 0) continue;
      return t.slice(i, i + want.length).map((r) => r.map(plainCell).filter((c) => c !== ''));
    }
    return undefined;
  };

  it('rehabiliteringsärenden and arbetsmiljöavvikelser: every published figure in the JSON model, the Markdown and the Excel workbook', async () => {
    for (const heading of countTables) {
      const w = countsWant(heading);
      expect(w.length, heading).toBeGreaterThanOrEqual(3);
      expect(counts(await jsonTables(), heading), `${heading}: JSON`).toEqual(w);
      expect(counts(await mdTables(), heading), `${heading}: Markdown`).toEqual(w);
      expect(counts(await xlsxSheets(), heading), `${heading}: Excel`).toEqual(w);
    }
  });

  it.skipIf(soffice === null)('rehabiliteringsärenden and arbetsmiljöavvikelser: every published figure in the Word document read back by LibreOffice', async () => {
    for (const heading of countTables) expect(counts(await wordTables(), heading), heading).toEqual(countsWant(heading));
  });

  it('scripts/generate-vastmanland-hr.mjs re-creates the committed extracts byte for byte (its own check of every cell passes)', { timeout: 600_000 }, async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'hr-fds-'));
    try {
      execFileSync(process.execPath, [path.resolve('scripts/generate-vastmanland-hr.mjs'), '--out', tmp, '--quiet']);
      const files = ['anstallningar.csv', 'arbetsmiljoavvikelser.csv', 'franvaro.csv', 'rehabiliteringsarenden.csv'];
      expect((await readdir(tmp)).sort()).toEqual(files);
      for (const f of files) {
        expect((await readFile(path.join(tmp, f))).equals(await readFile(path.join(dir, 'heroma', f))), f).toBe(true);
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

describe('seed 003: the turnover\'s parts in the drafted text of 4.1 (generated Heroma extracts)', () => {
  const dir = path.resolve('fixtures/halland-regionkontoret-2023-04');
  const base = 'regionkontoret-2023-04';
  let fragments: string[];
  let out: string;
  beforeAll(async () => {
    // The README's table of the figures the seed gives in the text of 4.1, each as the drafted sentence writes it.
    const t = parseMarkdownTables(await readFile(path.join(dir, 'README.md'), 'utf8')).find((x) => x.heading.startsWith('Personalomsättningens delar'));
    const wording: Record<string, (v: string) => string> = {
      Pensionsavgångar: (v) => `pensionsavgångar ${v} procent`,
      'Interna avgångar': (v) => `interna avgångar ${v} procent`,
      'Externa avgångar': (v) => `externa avgångar ${v} procent`,
      Kvinnor: (v) => `Kvinnor har en högre personalomsättning (${v} procent)`,
      Män: (v) => `jämfört med män (${v} procent)`,
      '20–29 år': (v) => `åldersgruppen 20–29 år (${v} procent)`,
    };
    fragments = t!.rows.map((r) => wording[plainCell(r[0]!)]!(plainCell(r[1]!)));
    expect(fragments).toHaveLength(6);
    out = await mkdtemp(path.join(os.tmpdir(), 'rapport-hr-'));
    const code = await main(['node', 'rapport', 'generate', '--period', '2023-04', '--config', path.join(dir, 'rapport.config.yaml'), '--out', out, '--format', 'json,md,docx']);
    expect(code).toBe(0);
  });

  it('every part, women, men and the age group 20–29 år in the JSON model and the Markdown', async () => {
    const model = JSON.parse(await readFile(path.join(out, `${base}.json`), 'utf8')) as ReportModel;
    const section = model.sections.flatMap((s) => s.sections).find((s) => s.id === 'personalomsattning')!;
    const text = section.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])).join('\n');
    for (const f of fragments) expect(text).toContain(f);
    expect(text).toContain('11,15 procent');
    const md = (await readFile(path.join(out, `${base}.md`), 'utf8')).replace(/\u00a0/g, ' ');
    for (const f of fragments) expect(md).toContain(f);
  });

  it.skipIf(soffice === null)('and in the Word document read back by LibreOffice', async () => {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'rapport-lo-profile-'));
    execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'html', '--outdir', out, path.join(out, `${base}.docx`)], { stdio: 'ignore', timeout: 600_000 });
    const html = (await readFile(path.join(out, `${base}.html`), 'utf8')).replace(/<[^>]+>/g, '').replace(/&nbsp;|\u00a0/g, ' ').replace(/&amp;/g, '&')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/\s+/g, ' ');
    for (const f of fragments) expect(html).toContain(f);
  });
});
