/**
 * The fast page-number estimator (src/render/docx/page-estimate.ts) against `docx/layout`, its oracle: on every report
 * of the example region and the golden case, draft and final, both work out the same page for every heading of the
 * table of contents, and the fast layout places every paragraph and table where docx/layout does, to a twentieth of a
 * point. A document outside its subset is laid out by docx/layout instead.
 */
import { describe, expect, test } from 'vitest';
import { Document, HeadingLevel, Packer, Paragraph, TableOfContents, TextRun, type IContext, type IXmlableObject, type PageNumberEstimator } from 'docx';
import { estimatePageNumbers, layoutDocument } from 'docx/layout';
import { buildDocument, renderDocx } from '../../src/render/docx/index.js';
import { fastLayoutUnsupported, fastPageNumbers, layOutBody } from '../../src/render/docx/page-estimate.js';
import type { Block, ReportModel, Section } from '../../src/report/model.js';
import { exampleModels } from '../helpers/example-models.js';
import { goldenModel } from '../template/helpers.js';
import { openPackage } from './ooxml.js';

interface Compared {
  readonly unsupported: string | undefined;
  readonly reference: ReturnType<PageNumberEstimator>;
  readonly fast: ReturnType<typeof layOutBody> | undefined;
}

/** Builds the Word document and lays its body out both ways, as `docx` asks for the page numbers. */
async function compare(model: ReportModel, final: boolean): Promise<Compared> {
  let compared: Compared | undefined;
  const both: PageNumberEstimator = (body: IXmlableObject, context: IContext) => {
    const unsupported = fastLayoutUnsupported(body, context);
    const reference = estimatePageNumbers(body, context);
    compared = { unsupported, reference, fast: unsupported === undefined ? layOutBody(body, context) : undefined };
    return reference;
  };
  await Packer.toBuffer(buildDocument(model, { narrativeMarker: !final, pageNumberEstimator: both }));
  if (!compared) throw new Error('the estimator was not called');
  return compared;
}

function expectSamePages(c: Compared): void {
  expect(c.unsupported).toBeUndefined();
  const fast = c.fast!;
  expect(c.reference.bookmarks.size).toBeGreaterThan(5);
  for (const [name, page] of c.reference.bookmarks) expect(`${name}: ${String(fast.bookmarks.get(name))}`).toBe(`${name}: ${page}`);
  // docx/layout leaves the count out where it stops (it gives up on a bordered paragraph at a page's foot in one draft).
  if (c.reference.pageCount !== undefined) expect(fast.pageCount).toBe(c.reference.pageCount);
}

describe('the fast layout gives the pages docx/layout gives', () => {
  test('every unit report of the example region, as a draft', async () => {
    const models = await exampleModels();
    expect(models.length).toBe(11);
    for (const model of models) expectSamePages(await compare(model, false));
  }, 600_000);

  test('the region report and the golden report, final (no markers for missing texts)', async () => {
    const models = await exampleModels();
    expectSamePages(await compare(models[0]!, true));
    expectSamePages(await compare(await goldenModel(), true));
    expectSamePages(await compare(await goldenModel(), false));
  }, 600_000);

  test('every paragraph and table of the region report is where docx/layout puts it', async () => {
    await expectSameBlocks((await exampleModels())[0]!, 300);
  }, 600_000);

  test('and where long texts and long tables break across pages (widow control, repeated header rows)', async () => {
    const region = (await exampleModels())[0]!;
    // Every person-written and drafted text four times as long, and every table's body five times as long.
    const stretched = mapBlocks(region, (b) =>
      b.type === 'paragraph'
        ? { ...b, text: Array(4).fill(b.text).join(' ') }
        : b.type === 'narrative' && b.markdown !== null
          ? { ...b, markdown: b.markdown.replace(/^(?![#|\-*\d]).+$/gm, (line) => Array(4).fill(line).join(' ')) }
          : b.type === 'table'
            ? { ...b, rows: [...b.rows, ...b.rows, ...b.rows, ...b.rows, ...b.rows] }
            : b,
    );
    await expectSameBlocks(stretched, 300);
  }, 600_000);
});

/** The model with each block of every section replaced. */
function mapBlocks(model: ReportModel, f: (b: Block) => Block): ReportModel {
  const walk = (s: Section): Section => ({ ...s, blocks: s.blocks.map(f), sections: s.sections.map(walk) });
  return { ...model, sections: model.sections.map(walk) };
}

/** The fast layout places every paragraph and table of the model's Word document where docx/layout places it. */
async function expectSameBlocks(model: ReportModel, atLeast: number): Promise<void> {
  const trace: { index: number; page: number; y: number }[] = [];
  let unsupported: string | undefined;
  await Packer.toBuffer(
    buildDocument(model, {
      pageNumberEstimator: (body, context) => {
        unsupported = fastLayoutUnsupported(body, context);
        if (unsupported === undefined) layOutBody(body, context, trace);
        return fastPageNumbers(body, context);
      },
    }),
  );
  expect(unsupported).toBeUndefined();
  const { pages, stoppedAt } = layoutDocument(buildDocument(model));
  expect(stoppedAt).toBeUndefined();
  const reference = new Map<number, { page: number; y: number }>();
  pages.forEach((page, i) => {
    for (const block of page.body) {
      if (reference.has(block.index)) continue;
      const y = block.type === 'paragraph' ? block.lines[0]!.y : block.rows[0]!.y;
      reference.set(block.index, { page: i + 1, y: y * 0.75 }); // pixels → points
    }
  });
  expect(trace.length).toBe(reference.size);
  expect(trace.length).toBeGreaterThan(atLeast);
  for (const t of trace) {
    const r = reference.get(t.index)!;
    expect(`#${t.index} page ${t.page}`).toBe(`#${t.index} page ${r.page}`);
    expect(Math.abs(t.y - r.y)).toBeLessThan(0.05);
  }
}

describe('what the fast layout does not lay out goes to docx/layout', () => {
  /** A table of contents, then headings around a long paragraph in `font`. */
  const document = (font: string, pageNumbers: PageNumberEstimator) =>
    new Document({
      pageNumbers,
      sections: [
        {
          children: [
            new TableOfContents('Innehåll', { hyperlink: true, headingStyleRange: '1-3' }),
            new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun('Första')] }),
            new Paragraph({ children: [new TextRun({ text: 'Text i ett annat typsnitt. '.repeat(300), font })] }),
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Andra')] }),
          ],
        },
      ],
    });

  test('a run in Arial: the fast layout says why, and the numbers are docx/layout’s', async () => {
    let why: string | undefined;
    let fast: ReturnType<PageNumberEstimator> | undefined;
    let reference: ReturnType<PageNumberEstimator> | undefined;
    await Packer.toBuffer(
      document('Arial', (body, context) => {
        why = fastLayoutUnsupported(body, context);
        fast = fastPageNumbers(body, context);
        reference = estimatePageNumbers(body, context);
        return fast;
      }),
    );
    expect(why).toBe('font Arial');
    expect([...fast!.bookmarks]).toEqual([...reference!.bookmarks]);
    expect([...fast!.bookmarks.values()]).toEqual(['2', '3']);
  });

  test('the default report is inside the subset: its table of contents is written with numbers', async () => {
    const bytes = await renderDocx((await exampleModels())[0]!);
    const xml = openPackage(bytes).text('word/document.xml');
    const numbers = [...xml.matchAll(/PAGEREF _Toc\d+ \\h<\/w:instrText>.*?<w:t[^>]*>(\d+)<\/w:t>/gs)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers[0]).toBe(3);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // A goal's title and who it is addressed to are on two lines of their cell.
    expect(xml).toContain('<w:br/><w:t xml:space="preserve">Riktas till');
  });
});
