import { describe, expect, it } from 'vitest';
import { assessGoals, type GoalResults } from '../../src/calc/goals/assess.js';
import { DEFAULT_GOAL_RULES } from '../../src/model/goal-rules.js';
import {
  buildCriteriaTables,
  buildGoalsSection,
  goalCountSentence,
  indicatorCountSentence,
  internalControlSentence,
  joinSwedish,
  numberWord,
  projectsSentence,
  uppdragSentences,
} from '../../src/report/goals-section.js';
import { formatCell } from '../../src/render/format.js';
import { parseTarget } from '../../src/sources/goals/parse-values.js';
import { EMPTY_GOALS_DATA, type Goal, type GoalsData, type Indicator } from '../../src/model/goals.js';
import type { StatusLevel } from '../../src/report/model.js';
import { bundledTexts } from '../helpers/text-templates.js';

const TEXTS = bundledTexts();

const loc = { file: 'mal.xlsx', row: 2 };
const LABELS = { topGoal: 'Regionmål', goal: 'Delmål', plan: 'nämndplanen' };

function goal(id: string, assessment: StatusLevel | null = null): Goal {
  return { id, topGoal: 'Mål 1. Trygga uppväxtvillkor', name: `Delmål ${id}`, assessment: assessment ? { status: assessment, text: assessment } : null, analysis: null, location: loc };
}

function indicator(id: string, goalId: string, value: number | null, occasions: Indicator['occasions'] = ['D1', 'D2', 'Å']): Indicator {
  return {
    id, goalId, name: `Indikator ${id}`, unit: '', direction: 'higher', target: parseTarget(100), occasions,
    measurements: value === null ? [] : [{ period: 202408, value, text: null, assessment: null, analysis: null, location: loc }],
    location: loc,
  };
}

function results(data: Partial<GoalsData>, month = 8): GoalResults {
  return assessGoals({ ...EMPTY_GOALS_DATA, ...data }, { period: { year: 2024, month } }).results;
}

describe('Swedish words', () => {
  it('numbers up to twelve in words, with en/ett', () => {
    expect([0, 1, 2, 5, 11, 12, 13, 17].map((n) => numberWord(n))).toEqual(['noll', 'ett', 'två', 'fem', 'elva', 'tolv', '13', '17']);
    expect(numberWord(1, 'common')).toBe('en');
  });
  it('lists with "och"', () => {
    expect(joinSwedish([])).toBe('');
    expect(joinSwedish(['a'])).toBe('a');
    expect(joinSwedish(['a', 'b'])).toBe('a och b');
    expect(joinSwedish(['a', 'b', 'c'])).toBe('a, b och c');
  });
});

describe('goal count sentence (seed 001)', () => {
  it('reproduces seed 001: 17 delmål, five assessed, four helt and one delvis', () => {
    const goals = Array.from({ length: 17 }, (_, i) => goal(`D${i + 1}`));
    const indicators = [
      indicator('A', 'D1', 100), indicator('B', 'D2', 120), indicator('C', 'D3', 100), indicator('D', 'D4', 101), indicator('E', 'D5', 85),
    ];
    expect(goalCountSentence(results({ goals, indicators }), 'Regionstyrelsen', LABELS, TEXTS)).toBe(
      'Regionstyrelsen har beslutat om 17 delmål i planen för 2024 och per augusti görs en uppföljning och bedömning av fem av dessa. ' +
        'Av dessa är bedömningen att fyra kommer uppnås och ett delvis kommer uppnås.',
    );
  });
  it('none assessed, all assessed, a single one, and the December tense', () => {
    expect(goalCountSentence(results({ goals: [goal('D1'), goal('D2')] }), 'Regionstyrelsen', LABELS, TEXTS)).toBe(
      'Regionstyrelsen har beslutat om två delmål i planen för 2024 och per augusti görs ingen bedömning av dem än, eftersom inga indikatorer följs upp.',
    );
    expect(goalCountSentence(results({ goals: [goal('D1', 'helt'), goal('D2', 'helt')] }), 'Nämnden', LABELS, TEXTS)).toBe(
      'Nämnden har beslutat om två delmål i planen för 2024 och per augusti görs en uppföljning och bedömning av samtliga. Av dessa är bedömningen att samtliga kommer uppnås.',
    );
    expect(goalCountSentence(results({ goals: [goal('D1', 'inte')] }), 'Nämnden', LABELS, TEXTS)).toBe(
      'Nämnden har beslutat om ett delmål i planen för 2024 och per augusti görs en uppföljning och bedömning av det. Bedömningen är att det inte kommer uppnås.',
    );
    expect(goalCountSentence(results({ goals: [goal('D1', 'helt'), goal('D2', 'delvis'), goal('D3')] }, 12), 'Nämnden', { ...LABELS, goal: 'Nämndmål' }, TEXTS)).toBe(
      'Nämnden har beslutat om tre nämndmål i planen för 2024 och per december görs en uppföljning och bedömning av två av dessa. ' +
        'Av dessa är bedömningen att ett har uppnåtts och ett delvis har uppnåtts.',
    );
  });
});

describe('indicator count sentence', () => {
  it('counts due indicators by level and the missing ones', () => {
    const r = results({
      goals: [goal('D1')],
      indicators: [indicator('A', 'D1', 100), indicator('B', 'D1', 79), indicator('C', 'D1', null), indicator('D', 'D1', 100, ['Å'])],
    });
    expect(indicatorCountSentence(r, TEXTS)).toBe('Av de fyra indikatorerna följs tre upp per augusti. Av dessa uppfylls en helt och en inte; för en saknas utfall.');
  });
  it('all due, only missing, none due', () => {
    expect(indicatorCountSentence(results({ goals: [goal('D1')], indicators: [indicator('A', 'D1', 100), indicator('B', 'D1', 90)] }), TEXTS)).toBe(
      'Samtliga två indikatorer följs upp per augusti. Av dessa uppfylls en helt och en delvis.',
    );
    expect(indicatorCountSentence(results({ goals: [goal('D1')], indicators: [indicator('A', 'D1', null)] }), TEXTS)).toBe(
      'Den enda indikatorn följs upp per augusti. För en saknas utfall.',
    );
    expect(indicatorCountSentence(results({ goals: [goal('D1')], indicators: [indicator('A', 'D1', 1, ['Å']), indicator('B', 'D1', 1, ['Å'])] }), TEXTS)).toBe(
      'Ingen av de två indikatorerna följs upp per augusti.',
    );
  });
});

describe('other drafted sentences', () => {
  const u = (progress: 'done' | 'ongoing' | 'notStarted' | 'cancelled', endDate = '2024-12-31') => ({
    id: null, text: `Uppdrag ${progress}`, addressedTo: null, origin: 'namnd' as const, originText: 'Nämnd', progress, statusText: progress,
    analysis: null, periodicity: null, endDate, location: loc,
  });
  it('uppdrag: counts by status and names the overdue ones', () => {
    const r = results({ uppdrag: [u('ongoing', '2024-03-31'), u('ongoing', '2024-05-31'), u('done')] });
    expect(uppdragSentences(r.uppdrag, TEXTS)).toBe(
      'Av tre uppdrag är ett klart och två pågående. Två uppdrag har passerat sitt slutdatum utan att vara klara: ' +
        '"Uppdrag ongoing" (slutdatum 2024-03-31) och "Uppdrag ongoing" (slutdatum 2024-05-31).',
    );
    expect(uppdragSentences(results({ uppdrag: [u('done')] }).uppdrag, TEXTS)).toBe('Det enda uppdraget är klart.');
  });
  it('projects and intern kontroll', () => {
    const p = (time: 'green' | 'yellow' | 'red' | null) => ({ priority: 1, name: 'P', owner: null, time, resource: null, quality: null, comment: null, location: loc });
    expect(projectsSentence(results({ projects: [p('green'), p('red')] }).projects, TEXTS)).toBe(
      'Projektportföljen har två projekt. Efter den svagaste av tid, resurs och kvalitet går ett enligt plan och ett har en stor avvikelse eller risk.',
    );
    expect(projectsSentence(results({ projects: [p(null)] }).projects, TEXTS)).toBe(
      'Projektportföljen har ett projekt. För inget av dem är tid, resurs och kvalitet rapporterade.',
    );
    const c = (outcome: 'met' | 'partly' | 'notMet' | null) => ({ area: 'A', regulation: null, method: null, result: null, actions: null, outcome, statusText: '', location: loc });
    expect(internalControlSentence(results({ internalControl: [c('met'), c(null)] }), TEXTS)).toBe(
      'Två kontrollmoment har följts upp: ett är uppfyllt och ett är inte bedömt.',
    );
  });
});

describe('criteria legend', () => {
  it('follows the configured thresholds', () => {
    const r = results({});
    const custom: GoalResults = { ...r, rules: { ...DEFAULT_GOAL_RULES, thresholds: { helt: 95, delvis: 70 } } };
    const [, ind] = buildCriteriaTables(custom);
    expect(ind!.rows.map((row) => formatCell(row.cells[1]!))).toEqual([
      '95 procent av målvärde eller högre', '70–94 procent av målvärde', 'Under 70 procent av målvärde', 'Inget utfall för perioden',
    ]);
    const decimal: GoalResults = { ...r, rules: { ...DEFAULT_GOAL_RULES, thresholds: { helt: 99.5, delvis: 80 } } };
    expect(formatCell(buildCriteriaTables(decimal)[1]!.rows[1]!.cells[1]!)).toBe('Från 80 till under 99,5 procent av målvärde');
  });
});

describe('section structure', () => {
  it('leaves out subsections without data and numbers the rest in order', () => {
    const s = buildGoalsSection(results({ goals: [goal('D1')], indicators: [indicator('A', 'D1', 100)] }), { texts: TEXTS, unitName: 'Nämnden', number: '3', level: 1 });
    expect(s.number).toBe('3');
    expect(s.sections.map((x) => `${x.number} ${x.title} ${x.level}`)).toEqual(['3.1 Mål 1. Trygga uppväxtvillkor 2']);
    expect(s.sections[0]!.sections.map((x) => `${x.number} ${x.level}`)).toEqual(['3.1.1 3']);
  });
  it('writes a nämnd in lower case inside the opening sentence, a proper name as it is', () => {
    const opening = (unitName: string) => {
      const b = buildGoalsSection(results({ goals: [goal('D1')] }), { texts: TEXTS, unitName }).blocks[0]!;
      return b.type === 'paragraph' ? b.text : '';
    };
    expect(opening('Regionstyrelsen')).toContain('de mål som fullmäktige riktat till regionstyrelsen omsatts');
    expect(opening('Hälso- och sjukvårdsnämnden')).toContain('riktat till hälso- och sjukvårdsnämnden omsatts');
    expect(opening('Region Exempel')).toContain('riktat till Region Exempel omsatts');
  });
  it('uses an analysis from the narrative folder when the export has none', () => {
    const s = buildGoalsSection(results({ goals: [goal('D1')] }), { texts: TEXTS, unitName: 'Nämnden', narratives: new Map([['mal-d1', 'Skriven analys.']]), requireAnalysis: true });
    expect(s.sections[0]!.sections[0]!.blocks[1]).toEqual({ type: 'narrative', key: 'mal-d1', required: false, markdown: 'Skriven analys.' });
    const assessed = buildGoalsSection(results({ goals: [goal('D1', 'helt')] }), { texts: TEXTS, unitName: 'Nämnden', requireAnalysis: true });
    expect(assessed.sections[0]!.sections[0]!.blocks[1]).toEqual({ type: 'narrative', key: 'mal-d1', required: true, markdown: null });
  });
  it('says "Bedömning" and the outcome wording in December', () => {
    const s = buildGoalsSection(results({ goals: [goal('D1', 'delvis')] }, 12), { texts: TEXTS, unitName: 'Nämnden' });
    const summary = s.blocks.find((b) => b.type === 'table' && b.id === 'mal-sammanfattning');
    expect(summary && summary.type === 'table' && summary.columns[2]!.header).toBe('Bedömning');
    expect(summary && summary.type === 'table' && formatCell(summary.rows[0]!.cells[2]!)).toBe('◐ Målet har uppfyllts delvis *');
  });
});
