/**
 * ReportModel → Markdown, through the Handlebars template `templates/report.md.hbs` (partials for sections and
 * tables). The renderer prepares display strings (Swedish formatting, Markdown escaping); the template only lays
 * them out. Compiled with `strict` and `knownHelpersOnly`: a typo in a template is an error, not a blank.
 */
import Handlebars from 'handlebars';
import type { Block, ReportModel, Section, Table } from '../report/model.js';
import { STATUS_SYMBOL } from '../model/format.js';
import { formatCell } from './format.js';

export interface MarkdownTemplates {
  readonly report: string;
  readonly section: string;
  readonly table: string;
}

/** Escapes text for a Markdown table cell or paragraph: pipes, HTML, link/emphasis syntax. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_`[\]])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

interface TableView {
  title: string;
  header: string;
  separator: string;
  rows: string[];
  notes: string[];
}

function tableView(t: Table): TableView {
  // Markdown tables use a plain space for grouping (renders everywhere; NBSP is kept in Word).
  const header = '| ' + t.columns.map((c) => escapeMarkdown(c.header)).join(' | ') + ' |';
  const separator = '| ' + t.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ') + ' |';
  const rows = t.rows.map((r) => {
    const cells = r.cells.map((c, i) => {
      let s = escapeMarkdown(formatCell(c, ' '));
      if (i === 0 && r.level) s = '\u00a0\u00a0'.repeat(r.level) + s;
      if ((r.emphasis === 'total' || r.emphasis === 'section' || r.emphasis === 'subtotal') && s !== '') s = `**${s}**`;
      return s;
    });
    return '| ' + cells.join(' | ') + ' |';
  });
  const footnotes = new Set<string>();
  for (const r of t.rows) for (const c of r.cells) if (c.kind === 'suppressed') footnotes.add(`– ${c.note}`);
  return { title: escapeMarkdown(t.title), header, separator, rows, notes: [...t.notes.map(escapeMarkdown), ...[...footnotes].map(escapeMarkdown)] };
}

interface BlockView {
  paragraph?: { text: string; drafted: boolean };
  table?: TableView;
  chart?: { title: string; altText: string };
  narrative?: { markdown: string | null; key: string; required: boolean };
}

function blockView(b: Block): BlockView {
  switch (b.type) {
    case 'paragraph':
      return { paragraph: { text: escapeMarkdown(b.text), drafted: b.drafted } };
    case 'table':
      return { table: tableView(b) };
    case 'chart':
      return { chart: { title: escapeMarkdown(b.title), altText: escapeMarkdown(b.altText) } };
    case 'narrative':
      // Person-written Markdown is passed through as written (it is Markdown already).
      return { narrative: { markdown: b.markdown === null ? null : b.markdown.trim(), key: b.key, required: b.required } };
  }
}

interface SectionView {
  hashes: string;
  number: string;
  title: string;
  blocks: BlockView[];
  sections: SectionView[];
}

function sectionView(s: Section): SectionView {
  return {
    hashes: '#'.repeat(Math.min(6, s.level + 1)),
    number: s.number,
    title: escapeMarkdown(s.title),
    blocks: s.blocks.map(blockView),
    sections: s.sections.map(sectionView),
  };
}

export function renderMarkdown(model: ReportModel, templates: MarkdownTemplates): string {
  const hb = Handlebars.create();
  const compile = (src: string) => hb.compile(src, { strict: true, knownHelpersOnly: true, noEscape: true });
  // Partials are compiled with the same options when first used.
  hb.registerPartial('section', compile(templates.section));
  hb.registerPartial('table', compile(templates.table));
  const view = {
    meta: {
      title: escapeMarkdown(model.meta.title),
      subtitle: escapeMarkdown(model.meta.subtitle),
      organisation: escapeMarkdown(model.meta.organisation),
      unit: escapeMarkdown(model.meta.unit),
      period: model.meta.period.code,
      reportDate: model.meta.reportDate,
      diarienummer: model.meta.diarienummer ? escapeMarkdown(model.meta.diarienummer) : '',
    },
    caveats: model.caveats.map(escapeMarkdown),
    sections: model.sections.map(sectionView),
    legend: `${STATUS_SYMBOL.helt} uppfylls helt · ${STATUS_SYMBOL.delvis} uppfylls delvis · ${STATUS_SYMBOL.inte} uppfylls inte · ${STATUS_SYMBOL.ingaData} inga data`,
  };
  const out = compile(templates.report)(view);
  return out.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
