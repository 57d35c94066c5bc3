/**
 * The region-level sentence (templates/text/arets-resultat.hbs via report/modules.ts) talks of a result after tax
 * income, not a cost: issue 15's case, seed 000's VGR July 2023, where the result fell from −388 to −479 mnkr and the
 * underliggande resultat was −479 − 1 072 = −1 551 mnkr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTextTemplates, TEXT_TEMPLATES, type TextTemplateName } from '../../src/report/texts.js';
import { economyModule, type UnitContext } from '../../src/report/modules.js';
import type { RowFigures, EconomyResult } from '../../src/calc/economy.js';
import type { RegionResult } from '../../src/calc/region-result.js';
import type { Ore } from '../../src/model/ore.js';

const MNKR = 100_000_000; // öre
const m = (n: number) => (n * MNKR) as Ore;
const none: RowFigures = {
  monthDeviation: null, prevAckActual: null, ackActual: null, ackBudget: null, ackDeviation: null, change: null, annualBudget: null,
  forecast: null, forecastDeviation: null, previousForecast: null, forecastChange: null, prevYearActual: null, ackDeviationPrevYear: null,
  forecastMethods: [],
};
const dir = join(import.meta.dirname, '../../templates/text');
const texts = compileTextTemplates(
  Object.fromEntries(TEXT_TEMPLATES.map((n) => [n, readFileSync(join(dir, `${n}.hbs`), 'utf8')])) as Record<TextTemplateName, string>,
  'mnkr',
);

function ctxWith(region: RegionResult): UnitContext {
  const result: EconomyResult = { nodeId: 'vgr', nodeName: 'VGR', sections: [], net: none, monthly: [], forecastOccasion: null, previousForecastOccasion: null, occasionForecasts: [], budgetNote: null, grossCost: null };
  return { input: { result, children: [], investments: null, region }, period: { year: 2023, month: 7 }, unitName: 'Västra Götalandsregionen', texts };
}

describe('the arets-resultat sentence', () => {
  it('says underskott and försämring when the result falls from −388 to −479 mnkr', () => {
    // Ack avvikelse mot föreg år = −479 − (−388) = −91: a försämring by 91. Against budget −732: +253, better.
    const year: RowFigures = { ...none, ackActual: m(-479), prevAckActual: m(-388), ackDeviationPrevYear: m(-91), ackBudget: m(-732), ackDeviation: m(253) };
    const comparability: RowFigures = { ...none, ackActual: m(1072) };
    const underlying: RowFigures = { ...none, ackActual: m(-1551) }; // −479 − 1 072
    const region: RegionResult = { hasFinancing: true, lines: [], yearResult: year, underlying, comparability, balanceResult: none, reserveName: 'resultatutjämningsreserv' };
    const text = economyModule.text!('arets-resultat', ctxWith(region));
    expect(text).toBe(
      'Västra Götalandsregionens resultat per juli 2023 är ett underskott på 479 miljoner kronor. ' +
        'Jämfört med samma period föregående år, då resultatet var ett underskott på 388 miljoner kronor, är det en försämring med 91 miljoner kronor. ' +
        'Resultatet är 253 miljoner kronor bättre än budget. ' +
        'Jämförelsestörande poster förbättrar resultatet med 1 072 miljoner kronor; det underliggande resultatet är ett underskott på 1 551 miljoner kronor.',
    );
    expect(text).not.toContain('nettokostnad');
    expect(text).not.toContain('ökning');
  });

  it('says överskott, förbättring and the forecast when they are so', () => {
    const year: RowFigures = { ...none, ackActual: m(120), prevAckActual: m(20), ackDeviationPrevYear: m(100), forecast: m(-40) };
    const balance: RowFigures = { ...none, forecast: m(10) };
    const region: RegionResult = { hasFinancing: true, lines: [], yearResult: year, underlying: year, comparability: null, balanceResult: balance, reserveName: 'resultatreserv' };
    expect(economyModule.text!('arets-resultat', ctxWith(region))).toBe(
      'Västra Götalandsregionens resultat per juli 2023 är ett överskott på 120 miljoner kronor. ' +
        'Jämfört med samma period föregående år, då resultatet var ett överskott på 20 miljoner kronor, är det en förbättring med 100 miljoner kronor. ' +
        'Helårsprognosen för årets resultat är ett underskott på 40 miljoner kronor och balanskravsresultatet enligt prognos 10 miljoner kronor.',
    );
  });
});
