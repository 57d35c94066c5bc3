#!/usr/bin/env node
// Generates the branded example Word template and a broken copy of it in fixtures/templates/:
//
//   region-exempel-mall.docx  Region Exempel's own look (teal headings in Arial, a coloured title band, a text header
//                             with the region's name, no logo) with style ids as Swedish Word writes them ("Rubrik1"
//                             named "heading 1", "Beskrivning" named "caption", "Innehll1" named "toc 1" …), and every
//                             kind of placeholder: inline fields and figures, blocks, and a designed table whose rows
//                             repeat over the report's investment areas.
//   trasig-mall.docx          the same template with planted mistakes that `rapport template check` must find (the
//                             list is PLANTED below; tests/template/ asserts each one).
//
// Deterministic: re-running gives byte-identical files. Built from the starter template's code, so run
// `npm run build` first.   Usage: node scripts/generate-example-template.mjs [--out DIR]

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(ROOT, 'fixtures', 'templates');

const { buildStarterTemplate, EXAMPLE_TEMPLATE_OPTIONS } = await import(path.join(ROOT, 'dist', 'template', 'starter.js'));
const { normaliseZip } = await import(path.join(ROOT, 'dist', 'render', 'normalise-zip.js'));

const good = await buildStarterTemplate(EXAMPLE_TEMPLATE_OPTIONS);

// The planted mistakes: [part, what is replaced, replacement, what `template check` says (code)].
const PLANTED = [
  ['word/document.xml', '>{{enhet}} redovisar', '>{{enhett}} redovisar', 'template.variable.unknown'],
  ['word/document.xml', '{{mnkr investeringar.prognos}}', '{{mnkrr investeringar.prognos}}', 'template.helper.unknown'],
  ['word/document.xml', '{{&gt; nettokostnad}}', '{{&gt; nettokostnader}}', 'template.block.unknown'],
  ['word/document.xml', '>{{period}}<', '>{{period}<', 'template.placeholder.unclosed'],
  ['word/document.xml', '{{belopp ekonomi.budgetavvikelse}}', '{{ekonomi.budgetavvikelse}}', 'template.value.needs-helper'],
  ['word/document.xml', '{{belopp ekonomi.budget}}', '{{constructor}}', 'template.expression.denied'],
  ['word/document.xml', '{{&gt; diagram investeringar-per-omrade}}', 'Se diagrammet: {{&gt; diagram investeringar-per-omrade}}', 'template.block.not-alone'],
  ['word/document.xml', '<w:tblHeader/>', '', 'a11y.table.header-missing'],
  ['word/styles.xml', /<w:style w:type="paragraph" w:styleId="Rubrik3">.*?<\/w:style>/, '', 'template.style.missing'],
];

const files = unzipSync(good);
const dec = new TextDecoder();
const enc = new TextEncoder();
for (const [part, from, to] of PLANTED) {
  const xml = dec.decode(files[part]);
  const next = xml.replace(from, to);
  if (next === xml) throw new Error(`generate-example-template: "${from}" finns inte i ${part}`);
  files[part] = enc.encode(next);
}
const { zipSync } = await import('fflate');
const broken = normaliseZip(zipSync(files), { date: EXAMPLE_TEMPLATE_OPTIONS.date });

mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, 'region-exempel-mall.docx'), good);
writeFileSync(path.join(OUT, 'trasig-mall.docx'), broken);
if (!process.argv.includes('--quiet')) {
  console.log(`Skrev ${path.relative(process.cwd(), path.join(OUT, 'region-exempel-mall.docx'))} och ${path.relative(process.cwd(), path.join(OUT, 'trasig-mall.docx'))}.`);
}
