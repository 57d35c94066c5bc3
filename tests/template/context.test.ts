/**
 * The template context: built from the report model's tables, zod-checked, and documented variable by variable.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { buildTemplateContext, templateContextSchema, TEMPLATE_VARIABLES } from '../../src/render/docx/template/context.js';
import { TEMPLATE_BLOCKS } from '../../src/render/docx/template/blocks.js';
import { TEMPLATE_HELPERS } from '../../src/render/docx/template/expressions.js';
import { sampleReport } from '../helpers/sample-report.js';
import { findTable, goldenModel } from './helpers.js';

describe('template context', () => {
  it('documents exactly the variables of the schema', () => {
    const unwrap = (s: z.ZodType): z.ZodType => (s instanceof z.ZodNullable ? unwrap(s.unwrap() as z.ZodType) : s);
    const walk = (s: z.ZodType, prefix = ''): string[] => {
      const t = unwrap(s);
      if (t instanceof z.ZodObject && !('num' in t.shape)) return Object.entries(t.shape as Record<string, z.ZodType>).flatMap(([k, v]) => walk(v, prefix ? `${prefix}.${k}` : k));
      return [prefix];
    };
    expect(walk(templateContextSchema).sort()).toEqual(Object.keys(TEMPLATE_VARIABLES).sort());
  });

  it('holds the golden case figures, exact (öre and ratios), from tables resultat and investeringar', async () => {
    const model = await goldenModel();
    const ctx = buildTemplateContext(model);
    expect(ctx).toMatchObject({
      organisation: 'Region Västerbotten',
      enhet: 'Regionstyrelsen',
      titel: 'Delårsrapport per augusti',
      undertitel: 'Tertial 2 2024',
      dokumenttitel: 'Delårsrapport per augusti 2024 – Regionstyrelsen',
      period: 'januari–augusti 2024',
      periodkod: '2024-08',
      rapportdatum: '2024-08-31',
      diarienummer: '',
    });
    const net = findTable(model, 'resultat').rows.at(-1)!;
    expect(net.cells[0]).toEqual({ kind: 'text', text: 'Total (netto)' });
    expect(ctx.ekonomi).toEqual({
      nettokostnad: -251528398700,
      nettokostnadForegaendeAr: -234955522600,
      budget: -246340921600,
      budgetavvikelse: -5187477100,
      manadsavvikelse: 122325800,
      nettokostnadsutveckling: { num: 16572876100, den: 234955522600 },
      arsbudget: -378436171900,
      prognos: null,
      prognosavvikelse: null,
    });
    expect(ctx.investeringar).toEqual({ utfall: 52214155300, prognos: 94537357300, budget: 93021961500, avvikelse: -1515395800 });
  });

  it('reads grouped headers too ("Ackumulerat" + "Avvikelse")', () => {
    const ctx = buildTemplateContext(sampleReport());
    expect(ctx.ekonomi.budgetavvikelse).not.toBeNull();
    expect(ctx.ekonomi.manadsavvikelse).not.toBeNull();
    expect(ctx.diarienummer).toBe('RS 2024/1234');
  });

  it('the template authors\' guide lists every variable, helper and block', () => {
    const guide = readFileSync('fixtures/templates/README.md', 'utf8');
    for (const v of Object.keys(TEMPLATE_VARIABLES)) expect(guide, v).toContain(`| \`${v}\` |`);
    for (const h of Object.keys(TEMPLATE_HELPERS)) expect(guide, h).toContain(`| \`${h}\``);
    for (const b of Object.keys(TEMPLATE_BLOCKS)) expect(guide, b).toContain(`\`{{> ${b}`);
  });
});
