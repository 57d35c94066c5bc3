/**
 * Filling small templates made in the tests with the hand-built sample report: placeholders split over runs, in
 * headers; repeating rows of each kind; blocks of each kind and what happens when the report lacks their target;
 * style mapping by built-in name when the template has English ids and when it lacks a style; .dotx; landscape pages;
 * page breaks; draft and final reports.
 */
import { describe, expect, it } from 'vitest';
import { Document, Header, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { fillTemplate, MissingNarrativeError, TemplateError, type TemplateFinding } from '../../src/render/docx/index.js';
import { formatMoney } from '../../src/model/format.js';
import { formatCell } from '../../src/render/format.js';
import { sampleReport } from '../helpers/sample-report.js';
import type { Cell, ReportModel, Table as ModelTable } from '../../src/report/model.js';
import { bodyParagraphs, editParts, findTable, makeTemplate, parts, plain, runs, styles, tables, textOf } from './helpers.js';

const model = sampleReport();

async function fill(template: Uint8Array, m: ReportModel = model, options: Parameters<typeof fillTemplate>[2] = {}) {
  const warnings: TemplateFinding[] = [];
  const bytes = await fillTemplate(m, template, { onWarning: (w) => warnings.push(w), ...options });
  const xml = parts(bytes);
  return { bytes, xml, doc: xml['word/document.xml']!, warnings };
}

function cellRow(texts: readonly string[], bold = false): TableRow {
  return new TableRow({ children: texts.map((t) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold })] })] })) });
}

describe('inline placeholders', () => {
  it('are replaced in the formatting of their first run, split over runs or not, and in headers', async () => {
    const doc = new Document({
      title: 't',
      sections: [
        {
          headers: { default: new Header({ children: [runs('{{organisation}} – {{dia|rienummer}}')] }) },
          children: [runs('A {{mnkr |ekonomi.budgetavvikelse|}} B {{tkr ekonomi.budgetavvikelse}} C {{kr ekonomi.budgetavvikelse 2}}'), runs('{{procent ekonomi.nettokostnadsutveckling}} {{procent ekonomi.nettokostnadsutveckling 2}} {{! en kommentar }}slut')],
        },
      ],
    });
    const { xml, doc: body } = await fill(new Uint8Array(await Packer.toBuffer(doc)));
    const paras = bodyParagraphs(body);
    const ctxRow = findTable(model, 'resultat').rows.at(-1)!;
    const deviation = ctxRow.cells[5] as Extract<Cell, { kind: 'money' }>;
    const tkr = plain(formatCell(deviation));
    expect(plain(paras[0]!.text)).toBe(`A ${plain(formatMoney(deviation.ore, 'mnkr'))} B ${tkr} C ${plain(formatMoney(deviation.ore, 'kr', 2))}`);
    expect(plain(paras[0]!.text)).toMatch(/^A -52 B -51 87\d C -51 87\d \d{3},\d\d$/);
    // "{{mnkr " was in a plain run, so the value is not bold (the run it starts in decides).
    const run = /<w:r>(?:(?!<w:r>)[\s\S])*?>-52<\/w:t><\/w:r>/.exec(paras[0]!.xml)![0];
    expect(run).not.toContain('<w:b/>');
    expect(plain(paras[1]!.text)).toMatch(/^7 7,\d\d slut$/);
    const header = Object.entries(xml).filter(([n]) => /header\d+\.xml$/.test(n)).map(([, x]) => textOf(x));
    expect(header).toContain('Region Västerbotten – RS 2024/1234');
  });

  it('blank for no data, never 0', async () => {
    const noInv: ReportModel = { ...model, sections: model.sections.filter((s) => s.number !== '4') };
    const { doc, warnings } = await fill(await makeTemplate([runs('[{{mnkr investeringar.utfall}}]')]), noInv);
    expect(bodyParagraphs(doc)[0]!.text).toBe('[]');
    expect(warnings).toEqual([]);
  });
});

describe('repeating rows', () => {
  it('repeat over the report rows with a row of each kind: rubrikrad, rad, summarad', async () => {
    const t = await makeTemplate([
      new Table({
        rows: [
          new TableRow({ tableHeader: true, children: ['Post', 'Utfall', 'Avvikelse'].map((h) => new TableCell({ children: [new Paragraph(h)] })) }),
          cellRow(['{{#rubrikrad resultat}}{{kolumn 1}}', '', '']),
          cellRow(['{{#rad resultat}}{{kolumn 1}}', '{{kolumn 4}}', '{{kolumn 6}} ({{enhet}})']),
          cellRow(['{{#summarad resultat}}{{kolumn 1}}', '{{kolumn 4}}', '{{kolumn 6}}{{/rad}}'], true),
          cellRow(['Not: belopp i tkr', '', '']),
        ],
      }),
    ]);
    const { doc } = await fill(t);
    const [table] = tables(doc);
    const source: ModelTable = findTable(model, 'resultat');
    expect(table!.rows).toHaveLength(1 + source.rows.length + 1);
    source.rows.forEach((row, i) => {
      const got = table!.rows[i + 1]!;
      const f = (j: number) => plain(formatCell(row.cells[j]!));
      if (row.emphasis === 'section') expect(got.cells.map(plain)).toEqual([f(0), '', '']);
      else if (row.emphasis === 'normal') expect(got.cells.map(plain)).toEqual([f(0), f(3), `${f(5)} (Regionstyrelsen)`]);
      else {
        expect(got.cells.map(plain)).toEqual([f(0), f(3), f(5)]);
        expect(got.xml).toContain('<w:b/>');
      }
    });
    expect(table!.rows.at(-1)!.cells[0]).toBe('Not: belopp i tkr');
  });

  it('a table the report does not have: the designed table is removed, with a warning', async () => {
    const t = await makeTemplate([runs('före'), new Table({ rows: [cellRow(['Rubrik']), cellRow(['{{#rad finns-inte}}{{kolumn 1}}'])] }), runs('efter')]);
    const { doc, warnings } = await fill(t);
    expect(tables(doc)).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['template.row.missing-target']);
    expect(warnings[0]!.message).toContain('"finns-inte"');
  });

  it('row placeholders that fail are errors, and too many rows is a budget error', async () => {
    const t = await makeTemplate([new Table({ rows: [cellRow(['{{#rad resultat}}{{kolumn 1}}'])] })]);
    const e = await fillTemplate(model, t, { limits: { maxRepeatedRows: 3 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TemplateError);
    expect((e as TemplateError).findings.map((f) => f.code)).toEqual(['template.budget.exceeded']);
  });
});

describe('blocks', () => {
  it('tables, charts (with their data table), sections, narratives, caveats; numbered in template order', async () => {
    const t = await makeTemplate([
      runs('{{> observera}}'),
      runs('{{> investeringar}}'),
      runs('{{> diagram resultat-manad-diagram}}'),
      runs('{{> tabell nettokostnad}}'),
      runs('{{> berattelse driftredovisning/analys}}'),
      runs('{{> avsnitt 2.3 utan-rubrik}}'),
    ]);
    const { doc, xml, warnings } = await fill(t);
    expect(warnings).toEqual([]);
    const texts = bodyParagraphs(doc).map((p) => p.text);
    expect(texts[0]).toBe(`Observera: ${model.caveats[0]}`);
    const captions = bodyParagraphs(doc).filter((p) => p.style === 'Caption').map((p) => p.text);
    expect(captions).toEqual([
      'Tabell 1. Investeringar 2024 per investeringsområde',
      expect.stringMatching(/^Diagram 1\. /),
      expect.stringMatching(/^Tabell 2\. /),
      expect.stringMatching(/^Tabell 3\. Nettokostnad/),
      expect.stringMatching(/^Tabell 4\. /),
    ]);
    expect(Object.keys(xml).filter((n) => /^word\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(1);
    // Narrative Markdown: its sub-headings use heading styles below the section's level, lists use numbering.
    expect(bodyParagraphs(doc).some((p) => /^Heading[3-6]$/.test(p.style ?? ''))).toBe(true);
    // "utan-rubrik": no heading "2.3 …", but its content.
    expect(texts).not.toContain('2.3 God ekonomisk hushållning och ekonomisk ställning');
    expect(texts).toContain('Per augusti görs en uppföljning och bedömning av fem av regionstyrelsens 17 delmål.');
    // The template's styles lacked the report's: they were added (by name, with outline levels).
    const st = styles(xml['word/styles.xml']!);
    expect(st.find((s) => s.id === 'Caption')?.name.toLowerCase()).toBe('caption');
    expect(st.find((s) => s.id === 'Tabelltext')).toBeDefined();
  });

  it('a block whose target the report lacks leaves nothing, with a warning', async () => {
    const t = await makeTemplate([runs('före'), runs('{{> tabell finns-inte}}'), runs('{{> avsnitt 9.9}}'), runs('efter')]);
    const { doc, warnings } = await fill(t);
    expect(bodyParagraphs(doc).map((p) => p.text)).toEqual(['före', 'efter']);
    expect(warnings.map((w) => `${w.code} ${w.placeholder}`)).toEqual(['template.block.missing-target {{> tabell finns-inte}}', 'template.block.missing-target {{> avsnitt 9.9}}']);
  });

  it('{{> rapport}} with {{> innehall}}: every heading in the table of contents, page numbers filled in', async () => {
    const t = await makeTemplate([runs('{{> innehall}}'), runs('{{> rapport}}')]);
    const { doc } = await fill(t);
    const toc = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(doc)![0];
    const entries = [...toc.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0])).filter((s) => s.includes('\t'));
    const headings: string[] = [];
    const walk = (ss: ReportModel['sections']) => ss.forEach((s) => (s.level <= 3 && headings.push(`${s.number} ${s.title}`), walk(s.sections)));
    walk(model.sections);
    const listed = entries.map((e) => e.split('\t')[0]);
    for (const h of headings) expect(listed).toContain(h);
    for (const e of entries) expect(e).toMatch(/\t\d+$/);
  });

  it('a block paragraph that starts a new page keeps doing so', async () => {
    const t = await makeTemplate([runs('titelsida'), new Paragraph({ pageBreakBefore: true, children: [new TextRun('{{> investeringar}}')] }), runs('{{> innehall}}'), new Paragraph({ children: [new TextRun({ text: '', break: 0 }), new TextRun('{{> sammanfattning}}')] })]);
    const pageBreak = editParts(t, (name, text) => (name === 'word/document.xml' ? text.replace('<w:t xml:space="preserve">{{&gt; innehall}}</w:t>', '<w:br w:type="page"/><w:t xml:space="preserve">{{&gt; innehall}}</w:t>') : text));
    const { doc } = await fill(pageBreak);
    const paras = bodyParagraphs(doc);
    const caption = paras.find((p) => p.text === 'Tabell 1. Investeringar 2024 per investeringsområde')!;
    expect(caption.xml).toContain('<w:pageBreakBefore/>');
    const tocHeading = paras.find((p) => p.text === 'Innehållsförteckning')!;
    expect(tocHeading.xml).toContain('<w:pageBreakBefore/>');
    expect(paras.filter((p) => p.xml.includes('<w:pageBreakBefore/>'))).toHaveLength(2);
  });

  it('a table too wide for the portrait page gets a landscape section of its own', async () => {
    const wide: ModelTable = {
      type: 'table',
      id: 'bred',
      title: 'En bred tabell',
      columns: [{ header: 'Post', align: 'left' }, ...Array.from({ length: 13 }, (_, j) => ({ header: `Kolumn ${j + 1}`, align: 'right' as const }))],
      rows: [{ emphasis: 'normal', cells: [{ kind: 'text', text: 'Rad' }, ...Array.from({ length: 13 }, (): Cell => ({ kind: 'money', ore: -123456789012, unit: 'kr' }))] }],
      notes: [],
    };
    const m: ReportModel = { ...model, sections: [{ id: 'b', number: '1', title: 'Bred', level: 1, blocks: [wide], sections: [] }] };
    const t = await makeTemplate([runs('före'), runs('{{> tabell bred}}'), runs('efter')]);
    const { doc } = await fill(t, m);
    const sects = [...doc.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((s) => s[0]);
    expect(sects).toHaveLength(3);
    expect(sects[1]).toContain('w:orient="landscape"');
    expect(sects[0]).not.toContain('landscape');
    expect(sects[2]).not.toContain('landscape');
    expect(sects[2]).toContain('<w:type w:val="nextPage"/>');
    expect(textOf(doc)).not.toContain('liggande');
  });
});

describe('narratives in a draft and in the final report', () => {
  it('a missing text shows a marker in a draft, nothing when optional in the final, and an error when required', async () => {
    const t = await makeTemplate([runs('{{> berattelse forvaltningsberattelse/handelser}}')]);
    const draft = await fill(t);
    expect(bodyParagraphs(draft.doc)[0]!.text).toContain('[Text saknas: 2.2 Händelser av väsentlig betydelse');
    // Required (as in the sample): the final report refuses.
    await expect(fillTemplate(model, t, { final: true })).rejects.toBeInstanceOf(MissingNarrativeError);
    // Optional: the final report leaves it out.
    const optional: ReportModel = JSON.parse(JSON.stringify(model).replace('"key":"forvaltningsberattelse/handelser","required":true', '"key":"forvaltningsberattelse/handelser","required":false'));
    const final = await fill(t, optional, { final: true });
    expect(bodyParagraphs(final.doc)).toEqual([]);
  });
});

describe('styles by built-in name', () => {
  it('maps to a template with its own (Swedish) ids and adds what it lacks', async () => {
    const stylesXml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="sv-SE"/></w:rPr></w:rPrDefault></w:docDefaults>' +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:color w:val="7B2C83"/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Beskrivning"><w:name w:val="Caption"/><w:basedOn w:val="Normal"/></w:style>' +
      '</w:styles>';
    const t = editParts(await makeTemplate([runs('{{> avsnitt 3}}')], { externalStyles: stylesXml }), (name, text) => (name === 'word/styles.xml' ? stylesXml : text));
    const { doc, xml } = await fill(t);
    const paras = bodyParagraphs(doc);
    expect(paras.find((p) => p.text === '3 Driftredovisning')?.style).toBe('Rubrik1');
    expect(paras.find((p) => p.text === '3.1 Ekonomiskt resultat')?.style).toBe('Heading2');
    expect(paras.filter((p) => p.text.startsWith('Tabell ')).every((p) => p.style === 'Beskrivning')).toBe(true);
    const st = styles(xml['word/styles.xml']!);
    expect(st.map((s) => s.id)).toEqual(expect.arrayContaining(['Rubrik1', 'Beskrivning', 'Heading2', 'Tabelltext']));
    expect(st.map((s) => s.id)).not.toContain('Heading1');
    expect(st.map((s) => s.id)).not.toContain('Caption');
    expect(st.find((s) => s.id === 'Heading2')!.name).toBe('heading 2');
  });
});

describe('.dotx', () => {
  it('a Word template (.dotx) is filled into a document (.docx)', async () => {
    const dotx = editParts(await makeTemplate([runs('{{enhet}}')]), (name, text) =>
      name === '[Content_Types].xml' ? text.replace('wordprocessingml.document.main+xml', 'wordprocessingml.template.main+xml') : text,
    );
    expect(parts(dotx)['[Content_Types].xml']).toContain('template.main+xml');
    const { xml } = await fill(dotx);
    expect(xml['[Content_Types].xml']).not.toContain('template.main+xml');
    expect(xml['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(textOf(xml['word/document.xml']!)).toBe('Regionstyrelsen');
  });
});

describe('XML as Word writes it', () => {
  it('fills placeholders split by spelling marks and revision ids, and repeats rows with Word paragraph ids', async () => {
    const body =
      '<w:p w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00A10000" w:rsidRDefault="00A10000"><w:r w:rsidR="00B20000"><w:t>{{</w:t></w:r><w:proofErr w:type="spellStart"/>' +
      '<w:r w:rsidR="00C30000"><w:rPr><w:i/></w:rPr><w:t>enhet</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">}} och </w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/>' +
      '<w:r><w:lastRenderedPageBreak/><w:t>{{period}}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>' +
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="2000"/></w:tblGrid>' +
      '<w:tr w:rsidR="00D40000"><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p w14:paraId="2A2B3C4D"><w:r><w:t>Område</w:t></w:r></w:p></w:tc><w:tc><w:p w14:paraId="3A2B3C4D"><w:r><w:t>Utfall</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr w:rsidR="00D40000"><w:tc><w:p w14:paraId="4A2B3C4D"><w:bookmarkStart w:id="1" w:name="rad"/><w:r><w:t>{{#rad investeringar}}{{kolumn </w:t></w:r><w:r><w:t>1}}</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p></w:tc>' +
      '<w:tc><w:p w14:paraId="5A2B3C4D"><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{{kolumn 2}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>';
    const t = editParts(await makeTemplate([runs('x')]), (name, text) =>
      name === 'word/document.xml' ? text.replace(/<w:body>[\s\S]*<\/w:body>/, `<w:body>${body}</w:body>`) : text,
    );
    const { doc } = await fill(t);
    const paras = bodyParagraphs(doc);
    expect(paras[0]!.text).toBe('Regionstyrelsen och januari–augusti 2024');
    expect(/<w:r\b[^>]*>(?:(?!<\/w:r>)[\s\S])*?>Regionstyrelsen<\/w:t><\/w:r>/.exec(paras[0]!.xml)![0]).not.toContain('<w:i/>');
    const [table] = tables(doc);
    const inv = findTable(model, 'investeringar');
    expect(table!.rows.slice(1).map((r) => r.cells.map(plain))).toEqual(inv.rows.map((r) => [plain(formatCell(r.cells[0]!)), plain(formatCell(r.cells[1]!))]));
    // Copies carry no duplicate Word paragraph ids or bookmarks.
    const ids = [...doc.matchAll(/w14:paraId="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.match(/w:name="rad"/g)).toBeNull();
  });
});

describe('determinism', () => {
  it('the whole sample report in a template, twice: the same bytes', async () => {
    const t = await makeTemplate([runs('{{dokumenttitel}}'), runs('{{> innehall}}'), runs('{{> rapport}}')]);
    const a = await fillTemplate(model, t);
    const b = await fillTemplate(model, t);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });
});
