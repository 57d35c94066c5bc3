#!/usr/bin/env node
// Real-client check (CI): LibreOffice has converted our .docx to PDF; poppler's pdftotext reads it back.
// Asserts that every row of the golden tables (shared README: tables 3.1, 3.2, 4) is in the PDF text with its
// figures in order, and that the report's main headings are there; then that every PDF is accessible as published:
// tagged (a structure tree, marked content), Swedish (the catalogue's /Lang is sv-SE), titled (and the viewer shows
// the title), with bookmarks (outline items from the headings), and every Figure structure element with alt text.
//   node scripts/check-pdf.mjs <golden README.md> <report.pdf> [more.pdf …] [-- only-accessibility.pdf …]
// (first PDF: the golden case's report; the PDFs after "--" are checked for accessibility only)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { inflateSync } from 'node:zlib';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const [readme, goldenPdf, ...others] = dash < 0 ? argv : argv.slice(0, dash);
const accessibilityOnly = dash < 0 ? [] : argv.slice(dash + 1);
if (!readme || !goldenPdf) {
  console.error('användning: check-pdf.mjs README.md golden.pdf [andra.pdf …] [-- fler.pdf …]');
  process.exit(64);
}

const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
const norm = (s) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-').replace(/\s+/g, ' ').trim();

// Golden rows: "| Name | 1 | -2 | … |" → name + figures (blank cells dropped; the " *" footnote marker removed).
const rows = [];
let inTable = false;
for (const line of readFileSync(readme, 'utf8').split('\n')) {
  if (/^## Table /.test(line)) inTable = true;
  else if (/^## /.test(line)) inTable = false;
  if (!inTable || !line.startsWith('|') || /^\|\s*-/.test(line)) continue;
  const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/\*\*/g, '').replace(/\s\*$/, '').trim());
  if (cells[0] === 'Gruppering' || cells[0].startsWith('Belopp') || cells[0] === 'Investeringsområde') continue;
  const figures = cells.slice(1).filter((c) => c !== '');
  if (figures.length > 0) rows.push({ name: cells[0], figures });
}

let failures = 0;
const text = norm(pdfText(goldenPdf));
for (const r of rows) {
  // The row's label followed by its figures in order, on one line of the table (spaces between them).
  const pattern = new RegExp(
    [r.name, ...r.figures].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'),
  );
  if (!pattern.test(text)) {
    console.error(`saknas i PDF: ${r.name} ${r.figures.join(' ')}`);
    failures++;
  }
}
const headings = ['Sammanfattning', 'Förvaltningsberättelse', 'Driftredovisning', 'Ekonomiskt resultat', 'Ekonomisk analys', 'Investeringsredovisning', 'Innehåll'];
for (const file of [goldenPdf, ...others]) {
  const t = norm(pdfText(file));
  for (const h of headings) {
    if (!t.includes(h)) {
      console.error(`rubriken "${h}" saknas i ${file}`);
      failures++;
    }
  }
}
console.log(`${rows.length} tabellrader och ${headings.length} rubriker kontrollerade i ${1 + others.length} PDF-filer: ${failures === 0 ? 'allt finns' : `${failures} fel`}.`);

// ---- Accessibility, read back from the PDF itself --------------------------------------------------------------

/** The PDF's objects by number, the last version of each (incremental updates), object streams unpacked. */
function pdfObjects(bytes) {
  const text = bytes.toString('latin1');
  const objects = new Map();
  for (const m of text.matchAll(/(?<=^|[\r\n])(\d+) \d+ obj\b([\s\S]*?)\bendobj/g)) objects.set(Number(m[1]), m[2].trim());
  for (const [, body] of [...objects]) {
    if (!/\/Type\s*\/ObjStm\b/.test(body)) continue;
    const n = Number(/\/N\s+(\d+)/.exec(body)?.[1]);
    const first = Number(/\/First\s+(\d+)/.exec(body)?.[1]);
    const start = body.indexOf('stream') + 'stream'.length;
    const raw = Buffer.from(body.slice(start).replace(/^\r?\n/, '').replace(/\s*endstream\s*$/, ''), 'latin1');
    let data;
    try {
      data = inflateSync(raw).toString('latin1');
    } catch {
      continue;
    }
    const head = data.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i < n; i++) {
      const num = head[2 * i];
      const from = first + head[2 * i + 1];
      const to = i + 1 < n ? first + head[2 * i + 3] : data.length;
      if (!objects.has(num)) objects.set(num, data.slice(from, to).trim());
    }
  }
  return objects;
}

/** A PDF string value of `key` in `dict`: (literal) or <hex>, UTF-16BE with a byte order mark or PDFDocEncoding. */
function pdfString(dict, key) {
  const m = new RegExp(`/${key}\\s*(?:\\(((?:\\\\.|[^\\\\)])*)\\)|<([0-9A-Fa-f\\s]*)>)`).exec(dict);
  if (!m) return null;
  const bytes = m[2] !== undefined
    ? Buffer.from(m[2].replace(/\s/g, ''), 'hex')
    : Buffer.from(m[1].replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[e] ?? e)), 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return s;
  }
  return bytes.toString('latin1');
}

const ref = (dict, key) => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
};

function accessibility(file) {
  const problems = [];
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const field = (name) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  const objects = pdfObjects(readFileSync(file));
  const catalog = [...objects.values()].find((b) => /\/Type\s*\/Catalog\b/.test(b)) ?? '';
  if (field('Tagged') !== 'yes' || !/\/StructTreeRoot\s+\d+/.test(catalog)) problems.push('inte taggad (pdfinfo: "Tagged: ' + field('Tagged') + '", ingen strukturträd i katalogen)');
  const lang = pdfString(catalog, 'Lang');
  if (lang !== 'sv-SE') problems.push(`dokumentspråket är ${lang === null ? 'inte angivet' : `"${lang}"`}, inte sv-SE`);
  const title = field('Title');
  if (title === '') problems.push('saknar titel');
  if (!/\/DisplayDocTitle\s+true/.test(catalog)) problems.push('visar inte titeln i fönstret (ViewerPreferences /DisplayDocTitle)');
  // Bookmarks: the outline items, followed from /First along /Next and down into each item's /First.
  let bookmarks = 0;
  const outlines = ref(catalog, 'Outlines');
  const seen = new Set();
  const walk = (num) => {
    for (let n = num; n !== null && !seen.has(n); n = ref(objects.get(n) ?? '', 'Next')) {
      seen.add(n);
      bookmarks++;
      const child = ref(objects.get(n) ?? '', 'First');
      if (child !== null) walk(child);
    }
  };
  if (outlines !== null) {
    const first = ref(objects.get(outlines) ?? '', 'First');
    if (first !== null) walk(first);
  }
  if (bookmarks === 0) problems.push('saknar bokmärken');
  const figures = [...objects.values()].filter((b) => /\/Type\s*\/StructElem\b/.test(b) && /\/S\s*\/Figure\b/.test(b));
  const withAlt = figures.filter((b) => (pdfString(b, 'Alt') ?? '').trim() !== '');
  if (withAlt.length < figures.length) problems.push(`${figures.length - withAlt.length} av ${figures.length} figurer saknar alternativtext`);
  console.log(`${basename(file)}: ${problems.length === 0 ? 'tillgänglig' : problems.join('; ')} — taggad ${field('Tagged')}, språk ${lang ?? '–'}, titel "${title}", ${bookmarks} bokmärken, ${withAlt.length} av ${figures.length} figurer med alternativtext`);
  return problems.length;
}

let a11yFailures = 0;
const all = [goldenPdf, ...others, ...accessibilityOnly];
for (const file of all) a11yFailures += accessibility(file);
console.log(`Tillgänglighet kontrollerad i ${all.length} PDF-filer: ${a11yFailures === 0 ? 'alla taggade, svenska, med titel, bokmärken och alternativtext' : `${a11yFailures} fel`}.`);
failures += a11yFailures;
process.exit(failures === 0 ? 0 : 1);
