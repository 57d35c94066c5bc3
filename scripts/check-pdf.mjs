#!/usr/bin/env node
// Real-client check (CI): LibreOffice has converted our .docx to PDF; poppler's pdftotext reads it back.
// Asserts that every row of the golden tables (shared README: tables 3.1, 3.2, 4) is in the PDF text with its
// figures in order, and that the report's main headings are there.
//   node scripts/check-pdf.mjs <golden README.md> <report.pdf> [more.pdf …]   (first PDF: the golden case's report)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [readme, goldenPdf, ...others] = process.argv.slice(2);
if (!readme || !goldenPdf) {
  console.error('användning: check-pdf.mjs README.md golden.pdf [andra.pdf …]');
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
process.exit(failures === 0 ? 0 : 1);
