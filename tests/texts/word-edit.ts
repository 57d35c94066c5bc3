/**
 * Writing in a generated report the way Word saves what a person typed: the slot's content control loses its
 * placeholder flag, paragraphs carry w:rsid attributes, runs are split where the spelling checker marked a word
 * (w:proofErr), lists use numbering definitions Word added, tracked changes are w:ins/w:del, comments anchored.
 */
import { unzipSync, zipSync } from 'fflate';

const dec = new TextDecoder();
const enc = new TextEncoder();

export type Parts = Map<string, Uint8Array>;

export function unzip(bytes: Uint8Array): Parts {
  return new Map(Object.entries(unzipSync(bytes)));
}

export function zip(parts: Parts): Uint8Array {
  return zipSync(Object.fromEntries(parts));
}

export function text(parts: Parts, name: string): string {
  return dec.decode(parts.get(name)!);
}

export function setText(parts: Parts, name: string, xml: string): void {
  parts.set(name, enc.encode(xml));
}

/** Replaces the content of the slot whose tag is `rapport:<unit>/<key>#…` with Word's XML, as typing in Word does. */
export function fillSlot(parts: Parts, unit: string, key: string, contentXml: string): void {
  const doc = text(parts, 'word/document.xml');
  const re = new RegExp(`(<w:sdt><w:sdtPr>(?:(?!</w:sdtPr>).)*?<w:tag w:val="rapport:${unit}/${key}#[0-9a-f]+"/>(?:(?!</w:sdtPr>).)*?)(<w:showingPlcHdr/>)?(</w:sdtPr>)(?:<w:sdtEndPr/>)?<w:sdtContent>.*?</w:sdtContent></w:sdt>`, 's');
  if (!re.test(doc)) throw new Error(`no slot ${unit}/${key}`);
  setText(parts, 'word/document.xml', doc.replace(re, (_all, pr: string, _ph: string, end: string) => `${pr}${end}<w:sdtEndPr/><w:sdtContent>${contentXml}</w:sdtContent></w:sdt>`));
}

/** Adds the bullet (numId 90) and numbered (numId 91) list definitions Word writes when a list is started. */
export function addWordLists(parts: Parts): void {
  const xml = text(parts, 'word/numbering.xml');
  const lvl = (i: number, fmt: string, t: string) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${t}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
  const abstracts = `<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>${lvl(0, 'bullet', '')}${lvl(1, 'bullet', 'o')}</w:abstractNum><w:abstractNum w:abstractNumId="91"><w:multiLevelType w:val="hybridMultilevel"/>${lvl(0, 'decimal', '%1.')}${lvl(1, 'lowerLetter', '%2)')}</w:abstractNum>`;
  const nums = '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num><w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>';
  // Abstract definitions come before the w:num elements.
  const at = xml.indexOf('<w:num ');
  const withAbstracts = at >= 0 ? xml.slice(0, at) + abstracts + xml.slice(at) : xml.replace('</w:numbering>', abstracts + '</w:numbering>');
  setText(parts, 'word/numbering.xml', withAbstracts.replace('</w:numbering>', nums + '</w:numbering>'));
}

const rsid = (n: number) => `w:rsidR="00A1${String(n).padStart(4, '0')}" w:rsidRDefault="00A1${String(n).padStart(4, '0')}"`;

/** A paragraph as Word writes it: rsids, the words split into runs at a spelling mark. */
export function wordParagraph(n: number, runs: string, pPr = ''): string {
  return `<w:p ${rsid(n)} w:rsidP="00B2${String(n).padStart(4, '0')}">${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
}

export function run(t: string, rPr = '', id = 7): string {
  return `<w:r w:rsidRPr="00C3${String(id).padStart(4, '0')}">${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;
}

/** Ekonomisk analys as a controller writes it in Word. */
export const ANALYSIS_XML = [
  wordParagraph(1, `${run('Resultatet ')}${run('är')}${run(' ')}<w:proofErr w:type="spellStart"/>${run('betydligt', '<w:b/>', 8)}${run(' bättre', '<w:b/><w:bCs/>', 9)}<w:proofErr w:type="spellEnd"/>${run(' än ')}${run('budget', '<w:i/>')}${run('.')}`),
  wordParagraph(2, `${run('Andra raden')}<w:r><w:br/></w:r>${run('efter en radbrytning, 5 * 3 = 15 och [parentes].')}`),
  wordParagraph(3, run('Lägre kostnader för hyrpersonal'), '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'),
  wordParagraph(4, run('Högre statsbidrag'), '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'),
  wordParagraph(5, run('Första åtgärden'), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'),
  wordParagraph(6, run('Andra åtgärden'), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'),
  '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="2000"/></w:tblGrid>' +
    `<w:tr>${['Område', 'Mnkr'].map((c) => `<w:tc><w:p>${run(c)}</w:p></w:tc>`).join('')}</w:tr>` +
    `<w:tr><w:tc><w:p>${run('Vård')}</w:p></w:tc><w:tc><w:p><w:pPr><w:jc w:val="right"/></w:pPr>${run('12,5')}</w:p></w:tc></w:tr></w:tbl>`,
  wordParagraph(7, run('Sista stycket.')),
].join('');

/** The Markdown the import makes of ANALYSIS_XML. */
export const ANALYSIS_MD = [
  'Resultatet är **betydligt bättre** än *budget*.',
  '',
  'Andra raden\\',
  'efter en radbrytning, 5 \\* 3 = 15 och \\[parentes\\].',
  '',
  '- Lägre kostnader för hyrpersonal',
  '   - Högre statsbidrag',
  '1. Första åtgärden',
  '2. Andra åtgärden',
  '',
  '| Område | Mnkr |',
  '| --- | ---: |',
  '| Vård | 12,5 |',
  '',
  'Sista stycket.',
].join('\n');

/** Perioden som gått with tracked changes and a comment. */
export const TRACKED_XML =
  wordParagraph(
    11,
    `${run('Perioden präglades av ')}<w:ins w:id="1" w:author="Controller" w:date="2024-09-10T10:00:00Z">${run('hög ')}</w:ins>` +
      `<w:del w:id="2" w:author="Controller" w:date="2024-09-10T10:00:00Z"><w:r><w:delText xml:space="preserve">låg </w:delText></w:r></w:del>` +
      `<w:commentRangeStart w:id="0"/>${run('efterfrågan.')}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`,
  );

/** The comments part Word writes for the comment in TRACKED_XML (its content type and relationship too). */
export function addComments(parts: Parts): void {
  setText(
    parts,
    'word/comments.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Strateg" w:date="2024-09-11T09:00:00Z" w:initials="S"><w:p><w:r><w:t>Källa?</w:t></w:r></w:p></w:comment></w:comments>',
  );
  setText(parts, '[Content_Types].xml', text(parts, '[Content_Types].xml').replace('</Types>', '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'));
  setText(
    parts,
    'word/_rels/document.xml.rels',
    text(parts, 'word/_rels/document.xml.rels').replace('</Relationships>', '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>'),
  );
}
