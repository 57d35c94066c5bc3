/**
 * Template safety, bad-input cases 91–94 (and 88–89 for the filled text): a template is an untrusted program. Strict
 * variables, known helpers only, no prototype access, no code execution, bounded time and output — and an error, not
 * a hang, for a recursive or huge template.
 */
import { describe, expect, it } from 'vitest';
import { Paragraph, TextRun } from 'docx';
import { fillTemplate, TemplateError } from '../../src/render/docx/index.js';
import { templateCheck, templateCheckExitCode } from '../../src/template/index.js';
import { templateContextSchema, buildTemplateContext } from '../../src/render/docx/template/context.js';
import { Budget, DEFAULT_LIMITS, ExpressionRunner } from '../../src/render/docx/template/expressions.js';
import { sampleReport } from '../helpers/sample-report.js';
import type { ReportModel } from '../../src/report/model.js';
import { bodyParagraphs, makeTemplate, parts, runs, textOf } from './helpers.js';

async function fillError(template: Uint8Array, model: ReportModel = sampleReport(), limits = {}): Promise<TemplateError> {
  try {
    await fillTemplate(model, template, { fileName: 'mall.docx', limits });
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a TemplateError');
}

const runner = () => new ExpressionRunner(buildTemplateContext(sampleReport()), new Budget(DEFAULT_LIMITS));

describe('H91: a missing variable is an error naming the template and the place (strict)', () => {
  it('fill stops with template.variable.unknown, file, paragraph and character; exit 78', async () => {
    const t = await makeTemplate([runs('Rubrik'), runs('Summa: {{totl}} kr')]);
    const e = await fillError(t);
    expect(e.findings.map((f) => f.code)).toEqual(['template.variable.unknown']);
    const f = e.findings[0]!;
    expect(f.file).toBe('mall.docx');
    expect([f.paragraph, f.column]).toEqual([2, 8]);
    expect(f.message).toContain('brödtexten, stycke 2, tecken 8 ("Summa: {{totl}} kr")');
    expect(e.diagnostics[0]).toMatchObject({ code: 'template.variable.unknown', severity: 'error', location: { file: 'mall.docx' } });
    expect(templateCheckExitCode(e.findings)).toBe(78);
  });

  it('Handlebars strict mode is the second guard, and the context is checked with zod', () => {
    expect(() => runner().run('totl')).toThrow(/totl/);
    const ctx = buildTemplateContext(sampleReport());
    expect(templateContextSchema.safeParse({ ...ctx, extra: 1 }).success).toBe(false);
    expect(templateContextSchema.safeParse({ ...ctx, ekonomi: { ...ctx.ekonomi, budgetavvikelse: 1.5 } }).success).toBe(false);
  });
});

describe('H92: an unknown (block) helper is an error', () => {
  it('{{#okand}}…{{/okand}} and {{okand x}} are found by check and stop fill', async () => {
    const t = await makeTemplate([runs('{{#okand enhet}}text{{/okand}}'), runs('{{okand enhet}}')]);
    const codes = templateCheck(t, 'mall.docx').map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['template.helper.unknown', 'template.expression.unsupported']));
    const e = await fillError(t);
    expect(e.findings.filter((f) => f.code === 'template.helper.unknown').map((f) => f.placeholder)).toEqual(['{{#okand enhet}}', '{{okand enhet}}']);
  });

  it('compiling an unchecked call fails (knownHelpersOnly)', () => {
    expect(() => runner().run('okand enhet')).toThrow(/knownHelpersOnly/);
    expect(() => runner().run('lookup . "constructor"')).toThrow(/knownHelpersOnly|lookup/);
  });
});

describe('H93: prototype probes render nothing or are denied; no code runs', () => {
  const probes = [
    '{{constructor}}',
    '{{__proto__}}',
    '{{ekonomi.constructor}}',
    '{{enhet.constructor.name}}',
    '{{[constructor]}}',
    '{{this.constructor}}',
    '{{@root.constructor}}',
    '{{../enhet}}',
    '{{lookup this "constructor"}}',
    '{{lookup enhet "length"}}',
    '{{#with constructor}}{{name}}{{/with}}',
    '{{log "x"}}',
    '{{mnkr constructor}}',
    '{{{enhet}}}',
  ];

  it('every probe is a finding (denied, unsupported or unknown), and fill refuses', async () => {
    const t = await makeTemplate(probes.map((p) => new Paragraph({ children: [new TextRun(p)] })));
    const findings = templateCheck(t, 'mall.docx').filter((f) => f.code.startsWith('template.'));
    for (const p of probes) {
      const first = p.match(/^\{\{\{?[^}]*\}?\}\}/)![0];
      expect(findings.some((f) => f.placeholder === first), p).toBe(true);
    }
    expect(findings.filter((f) => f.code === 'template.expression.denied').length).toBeGreaterThanOrEqual(9);
    const e = await fillError(t);
    expect(e.findings.length).toBeGreaterThanOrEqual(probes.length);
  });

  it('run directly, probes give empty text or throw, and nothing is polluted', () => {
    const r = runner();
    for (const expr of ['constructor', '__proto__', 'enhet.constructor', 'ekonomi.__proto__']) {
      let out = '';
      try {
        out = r.run(expr);
      } catch {
        out = '';
      }
      expect(out, expr).toBe('');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => r.run(42 as unknown as string)).toThrow(TypeError);
  });

  it('text from the report is never read as a placeholder', async () => {
    const model = sampleReport();
    const evil: ReportModel = { ...model, meta: { ...model.meta, unit: '{{constructor}} {{> rapport}} \u27e6i1\u27e7 {{enhet}}' } };
    const t = await makeTemplate([runs('Enhet: {{enhet}} och {{enhet}}')]);
    const out = parts(await fillTemplate(evil, t));
    const text = bodyParagraphs(out['word/document.xml']!).map((p) => p.text);
    expect(text).toContain('Enhet: {{constructor}} {{> rapport}} i1 {{enhet}} och {{constructor}} {{> rapport}} i1 {{enhet}}');
  });
});

describe('H94: recursion, nesting and huge output end in an error within the budget', () => {
  it('a recursive inline partial and nested #each are refused without running', async () => {
    const t = await makeTemplate([
      runs('{{#*inline "x"}}{{> x}}{{/inline}}'),
      runs('{{#each ekonomi}}{{#each this}}{{#each this}}{{this}}{{/each}}{{/each}}{{/each}}'),
      runs(`{{mnkr ${'('.repeat(40)}ekonomi.budget${')'.repeat(40)}}}`),
      runs(`{{${'a'.repeat(5000)}}}`),
    ]);
    const e = await fillError(t);
    // Bounded work, not wall time: a hang ends in the test's timeout; speed is the benchmarks' business.
    expect(e.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['template.expression.denied', 'template.expression.too-long', 'template.block.unknown']),
    );
  });

  it('too many placeholders', async () => {
    const t = await makeTemplate([runs('{{enhet}}'.repeat(DEFAULT_LIMITS.maxPlaceholders + 1))]);
    const findings = templateCheck(t, 'mall.docx');
    expect(findings.map((f) => f.code)).toContain('template.placeholder.too-many');
    expect((await fillError(t)).findings.map((f) => f.code)).toEqual(['template.placeholder.too-many']);
    // Bounded work, not wall time: a hang ends in the test's timeout; speed is the benchmarks' business.
  });

  it('output, repeated rows and time over their limits', async () => {
    const many = await makeTemplate([runs('{{dokumenttitel}} '.repeat(200))]);
    expect((await fillError(many, sampleReport(), { maxTotalChars: 1000 })).findings.map((f) => f.code)).toEqual(['template.budget.exceeded']);
    const rows = await makeTemplate([runs('{{enhet}}')]);
    const timeout = await fillError(rows, sampleReport(), { timeMs: -1 });
    expect(timeout.findings[0]!.message).toContain('tog längre än');
    expect(timeout.findings[0]!.code).toBe('template.budget.exceeded');
  });

  it('the process is still healthy afterwards', async () => {
    const t = await makeTemplate([runs('{{enhet}}')]);
    const out = parts(await fillTemplate(sampleReport(), t));
    expect(textOf(out['word/document.xml']!)).toBe(sampleReport().meta.unit);
  });
});

describe('H88–89: filled text is valid XML; line breaks become breaks', () => {
  it('control characters, U+FFFE/U+FFFF and lone surrogates are removed; \\n in drafted text is a break', async () => {
    const model = sampleReport();
    const bad = 'Enhet\u0001\u000b\u000c\ufffe\uffff\ud800 A';
    const evil: ReportModel = {
      ...model,
      meta: { ...model.meta, unit: bad },
      sections: [{ id: 'x', number: '1', title: `Rubrik${bad}`, level: 1, blocks: [{ type: 'paragraph', text: 'rad ett\nrad två', drafted: true }], sections: [] }],
    };
    const t = await makeTemplate([runs('{{enhet}}'), runs('{{> rapport}}')]);
    const out = parts(await fillTemplate(evil, t));
    for (const [name, xml] of Object.entries(out)) {
      // eslint-disable-next-line no-control-regex
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    const text = bodyParagraphs(out['word/document.xml']!).map((p) => p.text);
    expect(text).toContain('Enhet A');
    expect(text).toContain('1 RubrikEnhet A');
    expect(text).toContain('rad ett\nrad två');
  });
});
