import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  goalsConfigSchema,
  goalsSourceSchema,
  indicatorsSourceSchema,
  internalControlSourceSchema,
  measuresSourceSchema,
  projectsSourceSchema,
  uppdragSourceSchema,
} from '../../src/config/goals-schema.js';
import { loadGoals } from '../../src/pipeline/load-inputs.js';
import {
  compareIndicatorIds,
  readGoals,
  readIndicators,
  readInternalControl,
  readMeasures,
  readProjects,
  readUppdrag,
} from '../../src/sources/goals/index.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';

const csv = (name: string, lines: string[]) => ({ bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n'), displayName: name });
const summary = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code} ${d.location?.row ?? ''} ${d.location?.column ?? ''}`.trim());

const IND_HEAD = 'Indikator-id;Delmål-id;Indikator;Enhet;Riktning;Målvärde;Redovisas;Period;Utfall;Bedömning;Analys';
const indSpec = indicatorsSourceSchema.parse({ file: 'ind.csv', delimiter: ';' });

describe('readGoals', () => {
  const spec = goalsSourceSchema.parse({ file: 'mal.csv', delimiter: ';' });
  it('reads delmål with assessment and analysis', async () => {
    const r = await readGoals(csv('mal.csv', [
      'Delmål-id;Regionmål;Delmål;Bedömning;Analys',
      'D1;Mål 1. Trygga uppväxtvillkor;Barnrätt;Mål kommer helt uppfyllas;Arbetet pågår.',
      'D2;Mål 1. Trygga uppväxtvillkor;Civil beredskap;;',
    ]), spec);
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual([
      { id: 'D1', topGoal: 'Mål 1. Trygga uppväxtvillkor', name: 'Barnrätt', assessment: { status: 'helt', text: 'Mål kommer helt uppfyllas' }, analysis: 'Arbetet pågår.', location: { file: 'mal.csv', row: 2 } },
      { id: 'D2', topGoal: 'Mål 1. Trygga uppväxtvillkor', name: 'Civil beredskap', assessment: null, analysis: null, location: { file: 'mal.csv', row: 3 } },
    ]);
  });
  it('reports a missing id, a duplicate id and an unknown assessment word with row and column', async () => {
    const r = await readGoals(csv('mal.csv', [
      'Delmål-id;Regionmål;Delmål;Bedömning;Analys',
      ';Mål 1;Utan id;;',
      'D1;Mål 1;Första;;',
      'D1;Mål 1;Andra;;',
      'D2;Mål 1;Tredje;Kanske;',
    ]), spec);
    expect(summary(r.diagnostics)).toEqual([
      'error goals.id-missing 2 Delmål-id',
      'error goals.duplicate-id 4 Delmål-id',
      'error goals.assessment-invalid 5 Bedömning',
    ]);
    expect(r.diagnostics[2]!.value).toBe('Kanske');
    expect(r.value.map((g) => g.name)).toEqual(['Första']);
  });
  it('names the missing columns when the header does not match', async () => {
    const r = await readGoals(csv('mal.csv', ['Id;Mål;Namn', '1;2;3']), spec);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['table.missing-columns']);
  });
  it('an optional column named in the config but absent is an info line; "" turns it off', async () => {
    const lines = ['Delmål-id;Regionmål;Delmål', 'D1;Mål 1;Ett'];
    const r = await readGoals(csv('mal.csv', lines), spec);
    expect(summary(r.diagnostics)).toEqual(['info goals.optional-column-missing 1', 'info goals.optional-column-missing 1']);
    const off = goalsSourceSchema.parse({ file: 'mal.csv', columns: { assessment: '', analysis: '' } });
    expect((await readGoals(csv('mal.csv', lines), off)).diagnostics).toEqual([]);
  });
});

describe('readIndicators', () => {
  it('groups rows per id into follow-ups per period, latest definition wins', async () => {
    const r = await readIndicators(csv('ind.csv', [
      IND_HEAD,
      'I1;D1;Sjukfrånvaro;%;Lägre är bättre;Behålla (4,7 %);M, D, Å;2024-06;4,3;;',
      'I1;D1;Sjukfrånvaro;%;Lägre är bättre;Behålla (4,7 %);M, D, Å;2024-07;5,0;Uppfylls delvis;Sommarvikarier.',
      'I2;D1;NKI;index;;73;Å;;;;',
    ]), indSpec);
    expect(r.diagnostics).toEqual([]);
    const [sick, nki] = r.value;
    expect(sick).toMatchObject({ id: 'I1', goalId: 'D1', unit: '%', direction: 'lower', occasions: ['M', 'D1', 'D2', 'Å'], location: { row: 2 } });
    expect(sick!.measurements).toEqual([
      { period: 202406, value: 4.3, text: null, assessment: null, analysis: null, location: { file: 'ind.csv', row: 2 } },
      { period: 202407, value: 5, text: null, assessment: { status: 'delvis', text: 'Uppfylls delvis' }, analysis: 'Sommarvikarier.', location: { file: 'ind.csv', row: 3 } },
    ]);
    expect(nki).toMatchObject({ id: 'I2', direction: null, target: { kind: 'value', value: 73 }, measurements: [] });
  });
  it('flags a rename within the file (same id, other name) instead of dropping the indicator', async () => {
    const r = await readIndicators(csv('ind.csv', [
      IND_HEAD,
      'I15;D1;Andel uppkomna fel lösta inom 3 dagar;%;;> 90%;D1, D2, Å;2024-04;91,2;;',
      'I15;D1;Andel fel lösta inom 3 dagar;%;;> 90%;D1, D2, Å;2024-08;93,8;;',
    ]), indSpec);
    expect(summary(r.diagnostics)).toEqual(['warning goals.indicator-renamed 3']);
    expect(r.diagnostics[0]!.message).toContain('"Andel uppkomna fel lösta inom 3 dagar" till "Andel fel lösta inom 3 dagar"');
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({ name: 'Andel fel lösta inom 3 dagar' });
    expect(r.value[0]!.measurements).toHaveLength(2);
  });
  it('reports bad cells with row, column and value', async () => {
    const r = await readIndicators(csv('ind.csv', [
      IND_HEAD,
      ';D1;Utan id;%;;90;D2;2024-08;91;;', // 2: no id
      'I1;D1;Fel tal;%;;90;D2;2024-08;9O;;', // 3: letter O in a numeric outcome
      'I2;D1;Fel riktning;%;Sidled;90;D2;2024-08;91;;', // 4
      'I3;D1;Okänt tillfälle;%;;90;D2, X;2024-08;91;;', // 5: warning, row kept
      'I4;D1;Dubbel;%;;90;D2;2024-08;91;;', // 6
      'I4;D1;Dubbel;%;;90;D2;2024-08;92;;', // 7: second outcome for the period
      'I5;D1;Fel period;%;;90;D2;2024-13;91;;', // 8
      'I6;D1;Okänd bedömning;%;;90;D2;2024-08;91;Bra;', // 9
      'I7;D1;Andel som bråk;%;;90 %;D2;2024-08;0,938;;', // 10: Excel percent cell exported as a fraction
    ]), indSpec);
    expect(summary(r.diagnostics)).toEqual([
      'error goals.id-missing 2 Indikator-id',
      'error goals.value-unparseable 3 Utfall',
      'error goals.direction-invalid 4 Riktning',
      'warning goals.occasion-unknown 5 Redovisas',
      'error goals.duplicate-measurement 7 Period',
      'error period.invalid 8 Period',
      'error goals.assessment-invalid 9 Bedömning',
      'warning goals.percent-fraction 10 Utfall',
    ]);
    expect(r.diagnostics[1]!.value).toBe('9O');
  });
  it('keeps a text outcome for a qualitative target', async () => {
    const r = await readIndicators(csv('ind.csv', [
      IND_HEAD,
      'I8;D7;Klarspråksutbildning;;;Utbildningen är publicerad;D2, Å;2024-08;Publicerad i juni;Uppfylls helt;',
    ]), indSpec);
    expect(r.diagnostics).toEqual([]);
    expect(r.value[0]!.measurements[0]).toMatchObject({ value: null, text: 'Publicerad i juni', assessment: { status: 'helt' } });
  });
  it('reads a current-only export without a period column (period: "")', async () => {
    const spec = indicatorsSourceSchema.parse({ file: 'ind.csv', columns: { period: '' } });
    const r = await readIndicators(csv('ind.csv', [
      'Indikator-id;Delmål-id;Indikator;Enhet;Riktning;Målvärde;Redovisas;Utfall;Bedömning;Analys',
      'I1;D1;Leveranstid;dagar;;< 5;D1, D2, Å;3;;',
    ]), spec);
    expect(r.diagnostics).toEqual([]);
    expect(r.value[0]!.measurements).toMatchObject([{ period: null, value: 3 }]);
  });
  it('reads Windows-1252 with å, ä, ö', async () => {
    const text = `${IND_HEAD}\r\nI1;D1;Sjukfrånvaro för män;%;Lägre är bättre;5;Å;2024-12;4,1;;\r\n`;
    const bytes = new Uint8Array([...text].map((ch) => {
      const map: Record<string, number> = { å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5 };
      return map[ch] ?? ch.charCodeAt(0);
    }));
    const spec = indicatorsSourceSchema.parse({ file: 'ind.csv', encoding: 'windows-1252', delimiter: ';' });
    const r = await readIndicators({ bytes, displayName: 'ind.csv' }, spec);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(r.value[0]).toMatchObject({ name: 'Sjukfrånvaro för män', occasions: ['Å'] });
  });
});

describe('compareIndicatorIds', () => {
  const loc = { file: 'x' };
  const ind = (id: string, name: string) => ({
    id, goalId: 'D1', name, unit: '', direction: null, target: { kind: 'none', text: '' } as const, occasions: [], measurements: [], location: loc,
  });
  it('flags a rename, a new id for a known name, and a dropped indicator', () => {
    const previous = [ind('I1', 'Sjukfrånvaro'), ind('I2', 'Antal digitala vårdbesök'), ind('I3', 'NKI')];
    const current = [ind('I1', 'Sjukfrånvaro totalt'), ind('I9', 'Antal digitala  vårdbesök')];
    const ds = compareIndicatorIds(current, previous, 'indikatorer-2024-04.csv');
    expect(ds.map((d) => `${d.severity} ${d.code}`)).toEqual([
      'warning goals.indicator-renamed', 'warning goals.indicator-new-id', 'warning goals.indicator-dropped',
    ]);
    expect(ds[1]!.message).toContain('nytt id I9 men hade id I2');
    expect(ds[2]!.message).toContain('I3 "NKI"');
  });
  it('is silent when ids and names are unchanged', () => {
    expect(compareIndicatorIds([ind('I1', 'A')], [ind('I1', 'A')], 'f')).toEqual([]);
  });
});

describe('uppdrag, åtgärder, projects, intern kontroll', () => {
  it('readUppdrag: origins, statuses, dates; unknown status and bad date are errors', async () => {
    const spec = uppdragSourceSchema.parse({ file: 'u.csv' });
    const r = await readUppdrag(csv('u.csv', [
      'Id;Uppdrag;Riktas till;Uppdrag från;Status;Analys;Periodicitet;Slutdatum',
      'U1;Minska hyrberoendet;Regionstyrelsen;Fullmäktige;▶ Pågående;Pågår.;Tertial: aug, dec;2024-12-31',
      'U2;Arbetsskor;Förvaltningen;Nämnd;Klar;;;2024-08',
      'U3;Folkhälsa;Beredningen;Nämnd till beredning folkhälsa;Ej påbörjad;;;',
      'U4;Okänd;;Fullmäktige;Snart;;;2024-12-31',
      'U5;Fel datum;;Fullmäktige;Klar;;;31/12/2024',
    ]), spec);
    expect(summary(r.diagnostics)).toEqual(['error goals.progress-invalid 5 Status', 'error goals.date-unparseable 6 Slutdatum']);
    expect(r.value.map((u) => [u.id, u.origin, u.progress, u.endDate])).toEqual([
      ['U1', 'fullmaktige', 'ongoing', '2024-12-31'],
      ['U2', 'namnd', 'done', '2024-08-31'],
      ['U3', 'other', 'notStarted', null],
    ]);
  });
  it('readMeasures: reads the tidplan end and says when it cannot', async () => {
    const spec = measuresSourceSchema.parse({ file: 'a.csv' });
    const r = await readMeasures(csv('a.csv', [
      'Nr;Åtgärd;Målområde;Tidplan;Status;Kommentar',
      '19;Sammanhållen journal;Effektiv verksamhet;Q1-2024;Pågår;',
      '20;LOU;Effektiv verksamhet;Löpande;Ej påbörjad;',
    ]), spec);
    expect(summary(r.diagnostics)).toEqual(['info goals.timeline-unreadable 3 Tidplan']);
    expect(r.value.map((m) => [m.number, m.timelineEnd, m.progress])).toEqual([['19', '2024-03-31', 'ongoing'], ['20', null, 'notStarted']]);
  });
  it('readProjects: colours or words; a blank is "not reported", an unknown word an error', async () => {
    const spec = projectsSourceSchema.parse({ file: 'p.csv' });
    const r = await readProjects(csv('p.csv', [
      'Prio;Projekt;Ägare/PL;Tid;Resurs;Kvalitet;Kommentar',
      '1;Journal;Anna K;Grön;Mindre avvikelse;Röd;',
      '2;Pilot;;;;;Startar Q3',
      '3;Lila;;Lila;Grön;Grön;',
      'x;Fel prio;;Grön;Grön;Grön;',
    ]), spec);
    expect(summary(r.diagnostics)).toEqual(['error goals.rag-invalid 4 Tid', 'error goals.value-unparseable 5 Prio']);
    expect(r.value.map((p) => [p.priority, p.time, p.resource, p.quality])).toEqual([[1, 'green', 'yellow', 'red'], [2, null, null, null]]);
  });
  it('readInternalControl: status words', async () => {
    const spec = internalControlSourceSchema.parse({ file: 'ik.csv' });
    const r = await readInternalControl(csv('ik.csv', [
      'Granskningsområde;Berört reglemente, policy eller regler;Metod för granskningen;Resultat av granskningen;Åtgärder;Status',
      'Löner;Attestinstruktion;Stickprov;9 av 11 signerade;Information;Delvis uppfyllt',
      'Inköp;Inköpspolicy;Stickprov;Inga avvikelser;;● Uppfyllt',
      'Kris;Krisplan;Övning;Brister;Anslagstavlor;Ej uppfyllt',
      'Ny;;;;;',
    ]), spec);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.map((c) => c.outcome)).toEqual(['partly', 'met', 'notMet', null]);
  });
});

describe('loadGoals', () => {
  it('reads the configured files relative to the config folder; a missing file is reported and no data returned', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'goals-'));
    try {
      writeFileSync(path.join(dir, 'mal.csv'), 'Delmål-id;Regionmål;Delmål;Bedömning;Analys\r\nD1;Mål 1;Ett;;\r\n');
      writeFileSync(path.join(dir, 'ind.csv'), `${IND_HEAD}\r\nI1;D1;Antal;antal;;10;D2;2024-08;11;;\r\n`);
      const ok = await loadGoals(dir, goalsConfigSchema.parse({ sources: { goals: { file: 'mal.csv' }, indicators: { file: 'ind.csv' } } }));
      expect(ok.diagnostics).toEqual([]);
      expect(ok.data?.goals).toHaveLength(1);
      expect(ok.data?.indicators).toHaveLength(1);
      expect(ok.data?.uppdrag).toEqual([]);
      const bad = await loadGoals(dir, goalsConfigSchema.parse({ sources: { goals: { file: 'mal.csv' }, uppdrag: { file: 'saknas.xlsx' } } }));
      expect(bad.data).toBeNull();
      expect(bad.missing).toEqual(['saknas.xlsx']);
      expect(bad.diagnostics.map((d) => d.code)).toEqual(['io.file-not-found']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('goals config', () => {
  it('fills defaults from a minimal section', () => {
    const c = goalsConfigSchema.parse({ sources: { goals: { file: 'mal.xlsx', sheet: 'Mål' } } });
    expect(c.rules).toEqual({ thresholds: { helt: 100, delvis: 80 }, goalRule: 'worst', occasionMonths: { D1: 4, D2: 8, Å: 12 }, maxLagMonths: 1, defaultDirection: 'higher' });
    expect(c.labels).toEqual({ topGoal: 'Regionmål', goal: 'Delmål', plan: 'nämndplanen' });
    expect(c.sources.goals.columns).toMatchObject({ id: 'Delmål-id', topGoal: 'Regionmål', name: 'Delmål' });
  });
  it('refuses unknown keys, an unnamed required column and delvis above helt', () => {
    expect(goalsConfigSchema.safeParse({ sources: { goals: { file: 'm', colums: {} } } }).success).toBe(false);
    expect(goalsConfigSchema.safeParse({ sources: { goals: { file: 'm', columns: { id: '' } } } }).success).toBe(false);
    expect(goalsConfigSchema.safeParse({ sources: { goals: { file: 'm', columns: { analysis: '' } } } }).success).toBe(true);
    expect(goalsConfigSchema.safeParse({ sources: { goals: { file: 'm' } }, rules: { thresholds: { helt: 80, delvis: 90 } } }).success).toBe(false);
    expect(goalsConfigSchema.safeParse({ sources: { goals: { file: 'm' } }, rules: { goalRule: 'best' } }).success).toBe(false);
  });
});
