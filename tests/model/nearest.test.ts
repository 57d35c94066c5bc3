import { describe, expect, it } from 'vitest';
import { editDistance, foldName, nearestName } from '../../src/model/nearest.js';

describe('nearestName: the suggestion in "menade du …?"', () => {
  it('folds case, space and Swedish diacritics', () => {
    expect(foldName('  Förvaltning  ')).toBe('forvaltning');
    expect(foldName('Budget\u00a0 kr')).toBe('budget kr');
    expect(nearestName('Forvaltning', ['root', 'Nämnd', 'Förvaltning'])).toBe('Förvaltning');
    expect(nearestName('NÄMND', ['Nämnd', 'Förvaltning'])).toBe('Nämnd');
  });

  it('counts insertions, deletions, substitutions and swapped neighbours as one step each', () => {
    expect(editDistance('konto', 'konto')).toBe(0);
    expect(editDistance('konto', 'kont')).toBe(1);
    expect(editDistance('konto', 'kanto')).toBe(1);
    expect(editDistance('konto', 'knoto')).toBe(1);
    expect(editDistance('utfall', 'utfal ack')).toBe(4);
  });

  it('suggests a header that contains the configured name, or a close spelling', () => {
    const headers = ['Ansvar', 'Konto', 'Period', 'Utfall', 'Budget kr', 'Prognos'];
    expect(nearestName('Budget', headers)).toBe('Budget kr');
    expect(nearestName('Utfal', headers)).toBe('Utfall');
    expect(nearestName('Ansvr', headers)).toBe('Ansvar');
    expect(nearestName('ackAvvFgAr', ['ackAvvikelse', 'ackAvvikelseForegaendeAr', 'ackUtfall'])).toBe('ackAvvikelseForegaendeAr');
  });

  it('prefers a close spelling over a containment', () => {
    expect(nearestName('Budget', ['Budget kr', 'Budgel'])).toBe('Budgel');
  });

  it('suggests nothing when nothing is near', () => {
    expect(nearestName('Verksamhet', ['Ansvar', 'Konto', 'Period'])).toBeUndefined();
    expect(nearestName('', ['Ansvar'])).toBeUndefined();
    expect(nearestName('Konto', [])).toBeUndefined();
  });
});
