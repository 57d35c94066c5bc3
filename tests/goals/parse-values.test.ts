import { describe, expect, it } from 'vitest';
import {
  parseAssessment, parseControlOutcome, parseDirection, parseOccasions, parseOrigin, parseProgress, parseRag,
  parseSwedishNumber, parseTarget, parseTimelineEnd,
} from '../../src/sources/goals/parse-values.js';

describe('parseSwedishNumber', () => {
  it('reads Swedish numbers with units', () => {
    expect(parseSwedishNumber('93,8 %')).toEqual({ ok: true, value: 93.8, percent: true, unit: '%' });
    expect(parseSwedishNumber('11,15%')).toMatchObject({ value: 11.15, percent: true });
    expect(parseSwedishNumber('1\u00a0234')).toMatchObject({ value: 1234 });
    expect(parseSwedishNumber('\u22124,7')).toMatchObject({ value: -4.7 });
    expect(parseSwedishNumber('5 dagar')).toMatchObject({ value: 5, unit: 'dagar' });
    expect(parseSwedishNumber('1,4 mnkr')).toMatchObject({ value: 1.4, unit: 'mnkr' });
    expect(parseSwedishNumber('0,125')).toMatchObject({ value: 0.125 });
    expect(parseSwedishNumber('0')).toMatchObject({ value: 0 });
  });
  it('refuses what is not a number', () => {
    for (const t of ['', 'abc', '1.234', '1e3', '0x1A', 'NaN', '1,234.50', '12 34']) expect(parseSwedishNumber(t).ok).toBe(false);
  });
});

describe('parseTarget', () => {
  it('numbers, comparisons, Behålla and text', () => {
    expect(parseTarget(90)).toEqual({ kind: 'value', value: 90, text: '90' });
    expect(parseTarget('90 %')).toEqual({ kind: 'value', value: 90, text: '90 %' });
    expect(parseTarget('< 5')).toEqual({ kind: 'comparison', op: '<', value: 5, text: '< 5' });
    expect(parseTarget('> 90%')).toMatchObject({ kind: 'comparison', op: '>', value: 90 });
    expect(parseTarget('≥ 95 %')).toMatchObject({ kind: 'comparison', op: '>=', value: 95 });
    expect(parseTarget('minst 90')).toMatchObject({ kind: 'comparison', op: '>=', value: 90 });
    expect(parseTarget('Högst 14 dagar')).toMatchObject({ kind: 'comparison', op: '<=', value: 14 });
    expect(parseTarget('Behålla (4,7% helår 2022)')).toMatchObject({ kind: 'maintain', reference: 4.7 });
    expect(parseTarget('Behålla')).toMatchObject({ kind: 'maintain', reference: null });
    expect(parseTarget('Strukturerade arbetssätt är framtagna')).toMatchObject({ kind: 'text' });
    expect(parseTarget('under 2022 års nivå')).toMatchObject({ kind: 'text' });
    expect(parseTarget(null)).toEqual({ kind: 'none', text: '' });
    expect(parseTarget(' – ')).toEqual({ kind: 'none', text: '' });
  });
});

describe('parseOccasions', () => {
  it('seed 002 spellings', () => {
    expect(parseOccasions('D1, D2, Å')).toEqual({ occasions: ['D1', 'D2', 'Å'], unknown: [] });
    expect(parseOccasions('M, D, Å')).toEqual({ occasions: ['M', 'D1', 'D2', 'Å'], unknown: [] });
    expect(parseOccasions('Å')).toEqual({ occasions: ['Å'], unknown: [] });
    expect(parseOccasions('T2;År')).toEqual({ occasions: ['D2', 'Å'], unknown: [] });
    expect(parseOccasions('D1, X')).toEqual({ occasions: ['D1'], unknown: ['X'] });
    expect(parseOccasions(null)).toEqual({ occasions: [], unknown: [] });
  });
});

describe('status words', () => {
  it('assessments', () => {
    expect(parseAssessment('Mål kommer helt uppfyllas')).toBe('helt');
    expect(parseAssessment('Målvärdet uppfylls delvis')).toBe('delvis');
    expect(parseAssessment('Uppfylls inte')).toBe('inte');
    expect(parseAssessment('Mål kommer inte uppfyllas')).toBe('inte');
    expect(parseAssessment('Grön')).toBe('helt');
    expect(parseAssessment('gul')).toBe('delvis');
    expect(parseAssessment('Röd')).toBe('inte');
    expect(parseAssessment('Inga data')).toBe('ingaData');
    expect(parseAssessment('● Uppfyllt')).toBe('helt');
    expect(parseAssessment('')).toBeNull();
    expect(parseAssessment('kanske')).toBe('invalid');
  });
  it('progress, colours, control outcomes, direction, origin', () => {
    expect(parseProgress('▶ Pågående')).toBe('ongoing');
    expect(parseProgress('Pågår')).toBe('ongoing');
    expect(parseProgress('Klar')).toBe('done');
    expect(parseProgress('Ej påbörjad')).toBe('notStarted');
    expect(parseProgress('Avbruten')).toBe('cancelled');
    expect(parseProgress('?')).toBe('invalid');
    expect(parseRag('Grön')).toBe('green');
    expect(parseRag('Mindre avvikelse')).toBe('yellow');
    expect(parseRag('R')).toBe('red');
    expect(parseRag('lila')).toBe('invalid');
    expect(parseControlOutcome('● Uppfyllt')).toBe('met');
    expect(parseControlOutcome('Delvis uppfyllt')).toBe('partly');
    expect(parseControlOutcome('Ej uppfyllt')).toBe('notMet');
    expect(parseControlOutcome('Brister har påvisats')).toBe('notMet');
    expect(parseDirection('Lägre är bättre')).toBe('lower');
    expect(parseDirection('Högre är bättre')).toBe('higher');
    expect(parseDirection('sidled')).toBe('invalid');
    expect(parseOrigin('Fullmäktige')).toBe('fullmaktige');
    expect(parseOrigin('Uppdrag från fullmäktige till nämnd')).toBe('fullmaktige');
    expect(parseOrigin('Nämnd')).toBe('namnd');
    expect(parseOrigin('Beredning folkhälsa')).toBe('other');
  });
  it('timeline ends', () => {
    expect(parseTimelineEnd('2023')).toBe('2023-12-31');
    expect(parseTimelineEnd('2023-2025')).toBe('2025-12-31');
    expect(parseTimelineEnd('2023–2025')).toBe('2025-12-31');
    expect(parseTimelineEnd('Q1-2024')).toBe('2024-03-31');
    expect(parseTimelineEnd('Q4-2023')).toBe('2023-12-31');
    expect(parseTimelineEnd('kv2 2024')).toBe('2024-06-30');
    expect(parseTimelineEnd('T1 2024')).toBe('2024-04-30');
    expect(parseTimelineEnd('2024-02')).toBe('2024-02-29');
    expect(parseTimelineEnd('2024-06-15')).toBe('2024-06-15');
    expect(parseTimelineEnd('2023-02-29')).toBeNull();
    expect(parseTimelineEnd('Löpande')).toBeNull();
  });
});
