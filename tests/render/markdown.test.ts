import { describe, expect, it } from 'vitest';
import { reportPeriod } from '../../src/report/period.js';
import { renderMarkdown, escapeMarkdown } from '../../src/render/markdown.js';
import { loadMarkdownTemplates } from '../../src/pipeline/templates.js';
import type { ReportModel } from '../../src/report/model.js';

const model: ReportModel = {
  version: 1,
  meta: { title: 'Delårsrapport per augusti', subtitle: 'Tertial 2 2024', organisation: 'Region Exempel', unit: 'Enhet | <script>x</script>', unitId: 'enhet', period: reportPeriod({ year: 2024, month: 8 }), kind: 'tertial2', reportDate: '2024-08-31', language: 'sv-SE' },
  caveats: [],
  sections: [{
    id: 's', number: '1', title: 'Sammanfattning', level: 1, sections: [],
    blocks: [
      { type: 'paragraph', text: 'Text med [länk](javascript:alert(1)).', drafted: true },
      { type: 'table', id: 't', title: 'Tabell', columns: [{ header: 'Namn', align: 'left' }, { header: 'Belopp', align: 'right' }, { header: 'Andel', align: 'right' }],
        rows: [
          { cells: [{ kind: 'text', text: 'A|B' }, { kind: 'money', ore: -360371200000, unit: 'tkr' }, { kind: 'suppressed', note: 'Färre än elva medarbetare.' }], emphasis: 'normal' },
          { cells: [{ kind: 'text', text: 'Totalt' }, { kind: 'money', ore: null, unit: 'tkr' }, { kind: 'percent', ratio: { num: 1, den: 8 }, decimals: 1 }], emphasis: 'total' },
        ], notes: ['Belopp i tkr.'] },
      { type: 'narrative', key: 'perioden-som-gatt', required: true, markdown: null },
    ],
  }],
};

describe('Markdown renderer', () => {
  it('escapes table syntax, HTML and links from data (case 95)', () => {
    expect(escapeMarkdown('A|B')).toBe('A\\|B');
    expect(escapeMarkdown('<script>')).toBe('&lt;script&gt;');
    expect(escapeMarkdown('[x](javascript:y)')).toBe('\\[x\\](javascript:y)');
  });

  it('renders tables with Swedish figures, blanks, suppression footnotes and missing-text markers', async () => {
    const md = renderMarkdown(model, await loadMarkdownTemplates(undefined));
    expect(md).toContain('| A\\|B | -3 603 712 | – |');
    expect(md).toContain('| **Totalt** |  | **12,5** |');
    expect(md).toContain('*– Färre än elva medarbetare.*');
    expect(md).toContain('[Text saknas: perioden-som-gatt – obligatorisk]');
    expect(md).toContain('## 1 Sammanfattning');
    expect(md).not.toContain('<script>');
  });
});
