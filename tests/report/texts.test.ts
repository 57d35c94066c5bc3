import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { amountWithUnitWord, compileTextTemplates, paragraphs, TEXT_TEMPLATES, textHelpers, type TextTemplateName } from '../../src/report/texts.js';
import { bundledTexts } from '../helpers/text-templates.js';

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

describe('personnel and goal templates', () => {
  const t = bundledTexts();

  test('keep no-break spaces in figures and split paragraphs at {{stycke}}', () => {
    // 1 234 with a no-break space, as swedishInt prints it; the economy templates would fold it to a plain space.
    const out = paragraphs(t['personal-antal-anstallda'], {
      enhet: 'Regionkontoret', antal: `1${NBSP}234`, manad: 'juli 2024', former: ['tillsvidareanställda', 'visstidsanställda'],
      harForegaende: true, oforandrat: false, okat: false, forandring: '1', forandringAntal: 1,
    });
    expect(out).toEqual([
      `Inom Regionkontoret är 1${NBSP}234 personer anställda i juli 2024 (tillsvidareanställda och visstidsanställda). Jämfört med samma tid förra året har antalet anställda minskat med 1 person.`,
    ]);
    const turnover = paragraphs(t['personal-personalomsattning'], {
      period: 'juli 2024', nu: '8,1', harForegaende: false, foregaende: '', foregaendePeriod: 'juli 2023',
      avgangar: { pension: '1,2', interna: '3,4', externa: '3,5' }, kon: null, alder: null,
    });
    expect(turnover).toEqual([
      'Personalomsättningen för de senaste 12 månaderna till och med juli 2024 är 8,1 procent.',
      'Värdet speglar pensionsavgångar 1,2 procent, interna avgångar 3,4 procent och externa avgångar 3,5 procent.',
    ]);
  });

  test('a misspelt variable in a template is an error, not a blank', () => {
    expect(() => t['personal-arbetad-tid']({ arsarbetare: '12' })).toThrow();
  });

  test('count words and lists', () => {
    expect(t['mal-intern-kontroll']({ antal: 4, utfall: [{ antal: 2, delvis: false, inte: false, obedomt: false }, { antal: 1, delvis: true, inte: false, obedomt: false }, { antal: 1, delvis: false, inte: false, obedomt: true }] }))
      .toBe('Fyra kontrollmoment har följts upp: två är uppfyllda, ett är delvis uppfyllt och ett är inte bedömt.');
  });
});

describe('a unit financed by its own income (a surplus)', () => {
  test('ekonomisk-analys tells a surplus as an överskott, not as nettokostnader', () => {
    const t = bundledTexts('mnkr');
    const args = { enhet: 'FDS', enhetGenitiv: 'FDS', manad: 'augusti', ar: 2023, harUtfall: true, forandring: 0, utveckling: null, avvikelse: 2.5 * MNKR, harBudget: true };
    expect(t['ekonomisk-analys']({ ...args, nettokostnad: 6.7 * MNKR })).toBe('FDS redovisar per augusti 2023 ett överskott på 7 miljoner kronor. Budgetavvikelsen är plus 3 miljoner kronor.');
    expect(t['ekonomisk-analys']({ ...args, nettokostnad: -6.7 * MNKR })).toBe('FDS nettokostnader uppgår per augusti 2023 till 7 miljoner kronor. Budgetavvikelsen är plus 3 miljoner kronor.');
    // Exactly 0 is no surplus; no utfall at all is said as such, not as 0.
    expect(t['ekonomisk-analys']({ ...args, nettokostnad: 0 })).toBe('FDS nettokostnader uppgår per augusti 2023 till 0 miljoner kronor. Budgetavvikelsen är plus 3 miljoner kronor.');
    expect(t['ekonomisk-analys']({ ...args, harUtfall: false, nettokostnad: 0 })).toBe('FDS har inget bokfört utfall per augusti 2023. Budgetavvikelsen är plus 3 miljoner kronor.');
  });
});
