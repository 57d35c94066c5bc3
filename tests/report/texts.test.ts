import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { amountWithUnitWord, compileTextTemplates, TEXT_TEMPLATES, textHelpers, type TextTemplateName } from '../../src/report/texts.js';

/** The unit words of the drafted sentences agree with the printed number: "1 miljon kronor", "2 miljoner kronor". */

const NBSP = '\u00a0';
const MNKR = 100_000_000; // öre in one mnkr

describe('amount with unit word', () => {
  test('singular after exactly 1, plural otherwise, by the printed (rounded) number', () => {
    expect(amountWithUnitWord(-1 * MNKR, 'mnkr')).toBe('1 miljon kronor');
    expect(amountWithUnitWord(1.4 * MNKR, 'mnkr')).toBe('1 miljon kronor');
    expect(amountWithUnitWord(1.5 * MNKR, 'mnkr')).toBe('2 miljoner kronor');
    expect(amountWithUnitWord(0.4 * MNKR, 'mnkr')).toBe('0 miljoner kronor');
    expect(amountWithUnitWord(1001 * MNKR, 'mnkr')).toBe(`1${NBSP}001 miljoner kronor`);
    expect(amountWithUnitWord(100, 'kr')).toBe('1 krona');
    expect(amountWithUnitWord(200, 'kr')).toBe('2 kronor');
    expect(amountWithUnitWord(100_000, 'tkr')).toBe('1 tusen kronor');
  });

  test('the belopp, mnkr and tkr helpers use it', () => {
    const h = textHelpers('mnkr');
    const call = (name: string, v: number) => (h[name] as (v: number) => string)(v);
    expect(call('belopp', -MNKR)).toBe('1 miljon kronor');
    expect(call('mnkr', MNKR)).toBe('1 miljon kronor');
    expect(call('tkr', 100_000)).toBe('1 tusen kronor');
    expect(call('belopp', -52 * MNKR)).toBe('52 miljoner kronor');
  });

  test('the bundled resultat sentence: "avviker med minus 1 miljon kronor"', () => {
    const dir = join(import.meta.dirname, '../../templates/text');
    const sources = Object.fromEntries(TEXT_TEMPLATES.map((n) => [n, readFileSync(join(dir, `${n}.hbs`), 'utf8')])) as Record<TextTemplateName, string>;
    const t = compileTextTemplates(sources, 'mnkr');
    const text = t.resultat({
      manad: 'augusti', ar: 2024, nettoUtfall: -120 * MNKR, harBudget: true, nettoBudget: -119 * MNKR, avvikelse: -1 * MNKR,
      intakterAvvikelse: -1 * MNKR, kostnaderAvvikelse: 3 * MNKR,
    });
    expect(text).toContain('en negativ avvikelse på 1 miljon kronor');
    expect(text).toContain('Intäkterna avviker med minus 1 miljon kronor och kostnaderna med 3 miljoner kronor mot budget.');
  });
});
