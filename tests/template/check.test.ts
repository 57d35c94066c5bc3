/**
 * `template check`: finds every mistake planted in fixtures/templates/trasig-mall.docx (a broken copy of the branded
 * example, see scripts/generate-example-template.mjs), with where it is and what to do, and nothing in the example
 * itself or in the starter template.
 */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import { buildStarterTemplate, templateCheck, templateCheckExitCode, type TemplateFinding } from '../../src/template/index.js';
import { editParts, makeTemplate, runs } from './helpers.js';

const good = readFileSync('fixtures/templates/region-exempel-mall.docx');
const broken = readFileSync('fixtures/templates/trasig-mall.docx');

function only(findings: readonly TemplateFinding[], code: string): TemplateFinding {
  const found = findings.filter((f) => f.code === code);
  expect(found, `${code} in ${JSON.stringify(findings.map((f) => f.code))}`).toHaveLength(1);
  return found[0]!;
}

describe('template check', () => {
  it('finds nothing in the branded example template or the starter', async () => {
    expect(templateCheck(good, 'region-exempel-mall.docx')).toEqual([]);
    expect(templateCheck(await buildStarterTemplate(), 'rapportmall.docx')).toEqual([]);
    expect(templateCheckExitCode([])).toBe(0);
  });

  describe('finds every planted mistake in the broken copy', () => {
    const findings = templateCheck(broken, 'trasig-mall.docx');

    it('lists exactly the planted mistakes, and exits 78', () => {
      expect(findings.map((f) => f.code).sort()).toEqual(
        [
          'a11y.table.header-missing',
          'template.block.not-alone',
          'template.block.unknown',
          'template.expression.denied',
          'template.helper.unknown',
          'template.placeholder.unclosed',
          'template.style.missing',
          'template.value.needs-helper',
          'template.variable.unknown',
        ].sort(),
      );
      expect(findings.every((f) => f.file === 'trasig-mall.docx')).toBe(true);
      expect(templateCheckExitCode(findings)).toBe(78);
    });

    it('an unknown variable, with where it is and what was meant', () => {
      const f = only(findings, 'template.variable.unknown');
      expect(f.severity).toBe('error');
      expect(f.placeholder).toBe('{{enhett}}');
      expect(f.part).toBe('word/document.xml');
      expect(f.paragraph).toBeGreaterThan(0);
      expect(f.column).toBe(1);
      expect(f.message).toContain('Okänd variabel "enhett"');
      expect(f.message).toContain(`brödtexten, stycke ${f.paragraph}, tecken 1 ("{{enhett}} redovisar`);
      expect(f.message).toContain('Menade du "enhet"?');
      expect(f.message).toContain('ekonomi.(nettokostnad');
    });

    it('a misspelt helper', () => {
      const f = only(findings, 'template.helper.unknown');
      expect(f.placeholder).toBe('{{mnkrr investeringar.prognos}}');
      expect(f.message).toContain('Okänd hjälpfunktion "mnkrr"');
      expect(f.message).toContain('Menade du "mnkr"?');
    });

    it('an unknown block', () => {
      const f = only(findings, 'template.block.unknown');
      expect(f.placeholder).toBe('{{> nettokostnader}}');
      expect(f.message).toContain('Menade du "nettokostnad"?');
      expect(f.message).toContain('resultatrakning, nettokostnad, investeringar');
    });

    it('unbalanced braces', () => {
      const f = only(findings, 'template.placeholder.unclosed');
      expect(f.message).toContain('("Period: {{period}")');
      expect(f.column).toBe(9);
    });

    it('a figure printed without a helper, a denied property, a block with other text', () => {
      expect(only(findings, 'template.value.needs-helper').message).toContain('{{mnkr ekonomi.budgetavvikelse}}');
      expect(only(findings, 'template.expression.denied').placeholder).toBe('{{constructor}}');
      expect(only(findings, 'template.block.not-alone').message).toContain('("Se diagrammet: {{> diagram investeringar-per-omrade}}")');
    });

    it('a missing heading style (by built-in name) and a table without a header row', () => {
      const style = only(findings, 'template.style.missing');
      expect(style.severity).toBe('warning');
      expect(style.message).toContain('"heading 3"');
      const a11y = only(findings, 'a11y.table.header-missing');
      expect(a11y.severity).toBe('error');
      expect(a11y.message).toContain('Investeringsområde');
    });
  });

  it('reports an unreadable file, a zip that is not Word, and a macro-enabled file', async () => {
    expect(templateCheck(new TextEncoder().encode('inte en zip'), 'x.docx').map((f) => f.code)).toEqual(['template.file.unreadable']);
    expect(templateCheck(zipSync({ 'a.txt': new Uint8Array([1]) }), 'x.docx').map((f) => f.code)).toEqual(['template.file.unreadable']);
    const macro = editParts(await makeTemplate([runs('{{enhet}}')]), (name, text) =>
      name === '[Content_Types].xml' ? text.replace('wordprocessingml.document.main+xml', 'hidden').replace('application/vnd.openxmlformats-officedocument.hidden', 'application/vnd.ms-word.document.macroEnabled.main+xml') : text,
    );
    const f = templateCheck(macro, 'x.docm');
    expect(f.map((x) => x.code)).toEqual(['template.file.macros']);
    expect(f[0]!.message).toContain('x.docm');
    expect(templateCheckExitCode(f)).toBe(78);
  });

  it('checks placeholders split over runs, in headers too, and repeating-row markers', async () => {
    const t = await makeTemplate([
      runs('Enhet: {{en|het}}, fel: {{mn|kr ekonomi.budgetav|vikelse 7}}'),
      runs('{{kolumn 2}} utanför en rad'),
      runs('text {{#rad investeringar}} mitt i'),
      runs('{{#om-negativ ekonomi.budgetavvikelse}}minus{{/om-negativ}}'),
      runs('{{#okand x}}'),
      runs('{{> avsnitt 3.2 med-rubrik}} '),
      runs('{{> tabell Stora_Bokstaver}}'),
      runs('{{ekonomi}} och {{ekonomi.nettokostnadsutveckling}}'),
      runs('{{procent ekonomi.budget}}'),
    ]);
    const findings = templateCheck(t, 't.docx');
    const codes = findings.map((f) => `${f.code} ${f.placeholder ?? ''}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'template.helper.arguments {{mnkr ekonomi.budgetavvikelse 7}}',
        'template.row.column-outside {{kolumn 2}}',
        'template.row.misplaced {{#rad investeringar}}',
        'template.expression.unsupported {{#om-negativ ekonomi.budgetavvikelse}}',
        'template.expression.unsupported {{/om-negativ}}',
        'template.helper.unknown {{#okand x}}',
        'template.block.argument {{> avsnitt 3.2 med-rubrik}}',
        'template.block.argument {{> tabell Stora_Bokstaver}}',
        'template.variable.group {{ekonomi}}',
        'template.value.needs-helper {{ekonomi.nettokostnadsutveckling}}',
        'template.helper.arguments {{procent ekonomi.budget}}',
      ]),
    );
    // {{enhet}} split over two runs is fine.
    expect(codes.some((c) => c.includes('{{enhet}}'))).toBe(false);
    expect(findings.find((f) => f.placeholder === '{{procent ekonomi.budget}}')!.message).toContain('väntar sig en andel, men ekonomi.budget är ett belopp (i öre)');
  });

  it('a repeating row inside a table in another repeating row is refused', async () => {
    const inner = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [runs('{{#rad nettokostnad}}{{kolumn 1}}')] })] })] });
    const t = await makeTemplate([
      new Table({ rows: [new TableRow({ children: [new TableCell({ children: [runs('{{#rad investeringar}}{{kolumn 1}}'), inner] })] })] }),
    ]);
    expect(templateCheck(t, 't.docx').map((f) => f.code)).toContain('template.row.nested');
  });
});
