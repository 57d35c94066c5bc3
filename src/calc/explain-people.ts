/**
 * `rapport explain` for figures about people and goals, the pure part.
 *
 * Personnel: a figure is explained by groups, never by persons or lines of the HR extract. Antal anställda is split
 * per ansvar (where each person is counted: the ansvar of the employment that gives the person's counted form, as
 * `staff.ts`'s `headcountAt` ranks them); an ansvar with at most `maxGroup` persons is not shown on its own but
 * merged into "övriga ansvar", and when that remainder would itself be a small group (1..maxGroup) the smallest shown
 * groups are merged into it until it is not, so no small group can be found by subtraction either. The groups sum
 * to the figure.
 *
 * Indicators: the export rows the figure was read from (indicator, target, outcome) and the rule that turns them into
 * uppfyllnad (utfall / målvärde, or målvärde / utfall when lower is better).
 */
import type { PersonnelRules } from '../config/personnel-schema.js';
import type { EmploymentMonth } from '../model/personnel.js';
import type { SourceLocation } from '../model/diagnostics.js';
import type { GoalResult, GoalResults, IndicatorResult } from './goals/assess.js';
import { goalsOf } from './goals/counts.js';
import type { StatusLevel } from '../model/figures.js';
import type { GoalRule } from '../model/goal-rules.js';
import type { MeasureId } from '../config/layout-schema.js';
import { activeAtMonthEnd } from './personnel/staff.js';

/** A group of people and how many of them (or their hours) a figure holds. */
export interface PeopleGroup {
  readonly label: string;
  readonly value: number;
}

export interface GroupedTerm {
  readonly label: string;
  readonly sign: 1 | -1;
  readonly groups: readonly PeopleGroup[];
  readonly sum: number | null;
}

export interface GroupedExplanation {
  readonly formula: string;
  readonly terms: readonly GroupedTerm[];
  readonly value: number | null;
  /** For a percentage: the exact ratio of the first term's sum to the second's, in their own units. */
  readonly ratio?: { readonly num: number; readonly den: number };
  readonly rules: readonly string[];
}

/**
 * Persons counted on the last day of month `ym`, per ansvar, for one form (by label) or all counted forms (null).
 * The same rule as `headcountAt`: each person once, in the first of its counted forms in configuration order.
 */
export function headcountPerCostCentre(employments: readonly EmploymentMonth[], rules: PersonnelRules, ym: number, costCentres: ReadonlySet<string>, form: string | null): Map<string, number> {
  const rank = new Map(rules.staff.forms.map((f, i) => [f.label, i]));
  const best = new Map<number, { rank: number; costCentre: string }>();
  for (const e of employments) {
    if (e.period !== ym || !costCentres.has(e.costCentre) || !activeAtMonthEnd(e)) continue;
    const r = rank.get(e.form);
    if (r === undefined || !rules.staff.forms[r]!.headcount) continue;
    const prev = best.get(e.employee);
    if (prev === undefined || r < prev.rank) best.set(e.employee, { rank: r, costCentre: e.costCentre });
  }
  const wanted = form === null ? null : rank.get(form);
  const out = new Map<string, number>();
  for (const b of best.values()) {
    if (wanted !== null && b.rank !== wanted) continue;
    out.set(b.costCentre, (out.get(b.costCentre) ?? 0) + 1);
  }
  return out;
}

/**
 * Groups with more than `maxGroup` persons shown by name, the rest merged into one remainder that is either empty or
 * larger than `maxGroup` (the smallest shown groups join it until it is). Order: largest first, then by code.
 */
export function protectGroups(counts: ReadonlyMap<string, number>, maxGroup: number, name: (key: string) => string, rest: string): PeopleGroup[] {
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.filter(([, n]) => n > maxGroup);
  let remainder = sorted.filter(([, n]) => n <= maxGroup).reduce((a, [, n]) => a + n, 0);
  while (remainder > 0 && remainder <= maxGroup && shown.length > 0) remainder += shown.pop()![1];
  const groups = shown.map(([k, n]) => ({ label: name(k), value: n }));
  if (remainder > 0) groups.push({ label: rest, value: remainder });
  return groups;
}

/** Antal anställda (table personal-antal-anstallda): one month's count, or the change between the two months. */
export function explainHeadcount(input: {
  readonly employments: readonly EmploymentMonth[];
  readonly rules: PersonnelRules;
  readonly costCentres: readonly string[];
  readonly costCentreNames: ReadonlyMap<string, string>;
  readonly form: string | null;
  readonly months: readonly { readonly ym: number; readonly sign: 1 | -1 }[];
  readonly file: string;
}): GroupedExplanation {
  const ccs = new Set(input.costCentres);
  const max = input.rules.privacy.maxSuppressedGroupSize;
  const label = (ym: number) => `${Math.trunc(ym / 100)}-${String(ym % 100).padStart(2, '0')}`;
  const terms = input.months.map(({ ym, sign }): GroupedTerm => {
    const counts = headcountPerCostCentre(input.employments, input.rules, ym, ccs, input.form);
    const groups = protectGroups(counts, max, (cc) => `ansvar ${cc}${input.costCentreNames.get(cc) ? ` ${input.costCentreNames.get(cc)}` : ''}`, `övriga ansvar (grupper med högst ${max} personer, sammanslagna)`);
    const total = [...counts.values()].reduce((a, n) => a + n, 0);
    return { label: `Anställda den sista ${label(ym)}`, sign, groups, sum: total };
  });
  const value = terms.reduce((a, t) => a + t.sign * (t.sum ?? 0), 0);
  const forms = input.rules.staff.forms.filter((f) => f.headcount).map((f) => f.label);
  return {
    formula: input.months.length === 2
      ? 'Förändring = antal anställda innevarande år − antal anställda samma månad föregående år'
      : 'Antal anställda = personer med en pågående anställning den sista dagen i månaden, var och en en gång',
    terms,
    value,
    rules: [
      `Källa: ${input.file} (en rad per anställning och månad); personer visas aldrig, bara antal per ansvar.`,
      input.form === null
        ? `Räknade anställningsformer: ${forms.join(', ')}; en person med flera räknas i den första i den ordningen.`
        : `Anställningsform: ${input.form} (en person med flera former räknas i den första av ${forms.join(', ')}).`,
      `Ansvar med högst ${max} personer visas inte för sig (personal.privacy.maxSuppressedGroupSize).`,
    ],
  };
}

/** One export row an indicator figure was read from. */
export interface IndicatorSource {
  readonly what: string;
  readonly location: SourceLocation;
  readonly value: string;
}

export interface IndicatorExplanation {
  readonly formula: string;
  readonly sources: readonly IndicatorSource[];
  readonly rules: readonly string[];
}

/** An indicator figure (tables indikatorer-*): where the target and the outcome were read, and the rule. */
export function explainIndicator(r: IndicatorResult, thresholds: { readonly helt: number; readonly delvis: number }): IndicatorExplanation {
  const ind = r.indicator;
  const sources: IndicatorSource[] = [{ what: `Indikatorn ${ind.id} "${ind.name}", målvärde`, location: ind.location, value: ind.target.text }];
  const m = r.measurement;
  if (m) sources.push({ what: `Utfall${m.period !== null ? ` ${Math.trunc(m.period / 100)}-${String(m.period % 100).padStart(2, '0')}` : ''}`, location: m.location, value: m.value !== null ? String(m.value).replace('.', ',') : (m.text ?? '') });
  const formula = r.direction === 'lower'
    ? 'Uppfyllnad % = målvärde / utfall × 100 (lägre är bättre)'
    : 'Uppfyllnad % = utfall / målvärde × 100';
  const rules = [
    `Riktning: ${r.direction === 'lower' ? 'lägre är bättre' : 'högre är bättre'}${ind.direction === null ? ' (inte angiven i exporten: målvärdets jämförelse eller goals.rules.defaultDirection)' : ''}.`,
    `Status: minst ${thresholds.helt} % uppfylls helt, minst ${thresholds.delvis} % delvis, annars inte (goals.rules.thresholds).`,
    ...(r.basis === 'person' && m?.assessment ? [`Ansvarigs egen bedömning "${m.assessment.text}" gäller före regeln.`] : []),
    ...(!r.due ? ['Indikatorn redovisas inte vid detta tillfälle.'] : []),
  ];
  return { formula, sources, rules };
}

/** The hour measures of table personal-arbetad-tid (rows), as `staff.ts`'s `workedTime` sums them. */
export type HoursMeasure = 'own' | 'overtime' | 'hourlyPaid' | 'hired' | 'inclOnCall' | 'onCall' | 'exclOnCall';

const HOURS_PART: Readonly<Record<'own' | 'overtime' | 'hourlyPaid' | 'onCall', (e: EmploymentMonth) => number>> = {
  own: (e) => e.worked,
  overtime: (e) => e.overtime,
  hourlyPaid: (e) => e.hourlyPaid,
  onCall: (e) => e.onCall,
};

const HOURS_LABEL: Readonly<Record<HoursMeasure, string>> = {
  own: 'Utförd arbetstid egen personal',
  overtime: 'Övertid/mertid',
  hourlyPaid: 'Timavlönade',
  hired: 'Utförd arbetstid externt inhyrd personal',
  inclOnCall: 'Arbetad tid inkl jour/beredskap',
  onCall: 'Arbetad tid under jour/beredskap',
  exclOnCall: 'Arbetad tid exkl jour/beredskap',
};

/**
 * Groups by size (persons): shown when more than `maxGroup` persons, else merged; a small remainder takes in the
 * smallest shown groups (as `protectGroups`). Values are summed, sizes decide.
 */
export function protectBySize(entries: readonly { readonly key: string; readonly size: number; readonly value: number }[], maxGroup: number, name: (key: string) => string, rest: string): PeopleGroup[] {
  const sorted = [...entries].filter((e) => e.size > 0 || e.value !== 0).sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));
  const shown = sorted.filter((e) => e.size > maxGroup);
  const small = sorted.filter((e) => e.size <= maxGroup);
  let size = small.reduce((a, e) => a + e.size, 0);
  let value = small.reduce((a, e) => a + e.value, 0);
  while (size > 0 && size <= maxGroup && shown.length > 0) {
    const e = shown.pop()!;
    size += e.size;
    value += e.value;
  }
  const groups = shown.map((e) => ({ label: name(e.key), value: e.value }));
  if (size > 0 || value !== 0) groups.push({ label: rest, value });
  return groups;
}

/**
 * Arbetad tid (table personal-arbetad-tid) in hours for one window, or the change between two: per ansvar, with the
 * ansvar's number of persons deciding whether it is shown (hired staff is per ansvar, not per person, and shown as
 * it is). Values are hours (centihours / 100).
 */
export function explainWorkedHours(input: {
  readonly employments: readonly EmploymentMonth[];
  readonly hired: readonly { readonly period: number; readonly costCentre: string; readonly hours: number }[] | null;
  readonly rules: PersonnelRules;
  readonly costCentres: readonly string[];
  readonly measure: HoursMeasure;
  readonly windows: readonly { readonly from: number; readonly to: number; readonly sign: 1 | -1 }[];
  readonly files: { readonly employments: string; readonly hired?: string };
}): GroupedExplanation {
  const ccs = new Set(input.costCentres);
  const max = input.rules.privacy.maxSuppressedGroupSize;
  const span = (w: { from: number; to: number }) => `${Math.trunc(w.from / 100)}-${String(w.from % 100).padStart(2, '0')}–${Math.trunc(w.to / 100)}-${String(w.to % 100).padStart(2, '0')}`;
  const parts: { part: keyof typeof HOURS_PART | 'hired'; sign: 1 | -1 }[] =
    input.measure === 'inclOnCall' ? [{ part: 'own', sign: 1 }, { part: 'hired', sign: 1 }]
      : input.measure === 'exclOnCall' ? [{ part: 'own', sign: 1 }, { part: 'hired', sign: 1 }, { part: 'onCall', sign: -1 }]
        : [{ part: input.measure, sign: 1 }];
  const terms: GroupedTerm[] = [];
  for (const w of input.windows) {
    for (const { part, sign } of parts) {
      const s = (w.sign * sign) as 1 | -1;
      if (part === 'hired') {
        if (!input.hired) continue;
        const byCc = new Map<string, number>();
        for (const h of input.hired) if (ccs.has(h.costCentre) && h.period >= w.from && h.period <= w.to) byCc.set(h.costCentre, (byCc.get(h.costCentre) ?? 0) + h.hours);
        const groups = [...byCc].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([cc, v]) => ({ label: `ansvar ${cc}`, value: v / 100 }));
        terms.push({ label: `${HOURS_LABEL.hired} ${span(w)}`, sign: s, groups, sum: [...byCc.values()].reduce((a, v) => a + v, 0) / 100 });
        continue;
      }
      const pick = HOURS_PART[part];
      const byCc = new Map<string, { persons: Set<number>; value: number }>();
      for (const e of input.employments) {
        if (!ccs.has(e.costCentre) || e.period < w.from || e.period > w.to) continue;
        const g = byCc.get(e.costCentre) ?? { persons: new Set<number>(), value: 0 };
        g.persons.add(e.employee);
        g.value += pick(e);
        byCc.set(e.costCentre, g);
      }
      const entries = [...byCc].map(([key, g]) => ({ key, size: g.persons.size, value: g.value }));
      const groups = protectBySize(entries, max, (cc) => `ansvar ${cc}`, `övriga ansvar (högst ${max} personer var, sammanslagna)`)
        .filter((g) => g.value !== 0)
        .map((g) => ({ ...g, value: g.value / 100 }));
      terms.push({ label: `${HOURS_LABEL[part]} ${span(w)}`, sign: s, groups, sum: entries.reduce((a, e) => a + e.value, 0) / 100 });
    }
  }
  // Centihours are whole numbers: sum them as such, then to hours.
  const value = terms.reduce((a, t) => a + t.sign * Math.round((t.sum ?? 0) * 100), 0) / 100;
  return {
    formula: `${HOURS_LABEL[input.measure]}${parts.length > 1 ? ` = ${parts.map((p, i) => `${i > 0 ? (p.sign < 0 ? ' − ' : ' + ') : ''}${HOURS_LABEL[p.part].toLowerCase()}`).join('')}` : ''}${input.windows.length > 1 ? '; förändring = innevarande period − samma period föregående år' : ''}`,
    terms,
    value,
    rules: [
      `Källa: ${input.files.employments} (timmar per anställning och månad)${input.hired && input.files.hired ? ` och ${input.files.hired} (inhyrd personal, kostnad omräknad med timpriset)` : ''}; personer visas aldrig, bara summor per ansvar.`,
      `Ansvar med högst ${max} personer under perioden visas inte för sig (personal.privacy.maxSuppressedGroupSize).`,
    ],
  };
}

/**
 * Total sjukfrånvaro in one window (tables personal-sjukfranvaro and personal-sjukfranvaro-r12): sick-leave hours /
 * scheduled hours (ordinarie arbetstid) of the unit's employees with scheduled time, as `sick-leave.ts` computes it,
 * both per ansvar with small ones merged (sized by persons with scheduled time). `pieces` are the run's sick pieces
 * (already limited to ansvar and months with scheduled time); hours are centihours in, hours out.
 */
export function explainSickLeaveTotal(input: {
  readonly employments: readonly EmploymentMonth[];
  readonly pieces: readonly { readonly employee: number; readonly costCentre: string; readonly period: number; readonly hours: number }[];
  readonly rules: PersonnelRules;
  readonly costCentres: readonly string[];
  readonly window: { readonly from: number; readonly to: number };
  readonly files: { readonly employments: string; readonly absence: string };
}): GroupedExplanation {
  const ccs = new Set(input.costCentres);
  const max = input.rules.privacy.maxSuppressedGroupSize;
  const w = input.window;
  const inW = (p: number) => p >= w.from && p <= w.to;
  const persons = new Map<string, Set<number>>();
  const scheduled = new Map<string, number>();
  for (const e of input.employments) {
    if (!ccs.has(e.costCentre) || !inW(e.period) || e.scheduled <= 0) continue;
    let set = persons.get(e.costCentre);
    if (!set) persons.set(e.costCentre, (set = new Set()));
    set.add(e.employee);
    scheduled.set(e.costCentre, (scheduled.get(e.costCentre) ?? 0) + e.scheduled);
  }
  const sick = new Map<string, number>();
  for (const p of input.pieces) if (ccs.has(p.costCentre) && inW(p.period)) sick.set(p.costCentre, (sick.get(p.costCentre) ?? 0) + p.hours);
  const keys = [...new Set([...scheduled.keys(), ...sick.keys()])];
  const size = (k: string) => persons.get(k)?.size ?? 0;
  const rest = `övriga ansvar (högst ${max} personer var, sammanslagna)`;
  const groupsOf = (m: ReadonlyMap<string, number>) =>
    protectBySize(keys.map((key) => ({ key, size: size(key), value: m.get(key) ?? 0 })), max, (cc) => `ansvar ${cc}`, rest)
      .filter((g) => g.value !== 0)
      .map((g) => ({ ...g, value: g.value / 100 }));
  const num = [...sick.values()].reduce((a, v) => a + v, 0);
  const den = [...scheduled.values()].reduce((a, v) => a + v, 0);
  const span = `${Math.trunc(w.from / 100)}-${String(w.from % 100).padStart(2, '0')}–${Math.trunc(w.to / 100)}-${String(w.to % 100).padStart(2, '0')}`;
  return {
    formula: 'Sjukfrånvaro % = sjukfrånvarotimmar / ordinarie arbetstid (schemalagd tid) × 100, för anställda med schemalagd tid',
    terms: [
      { label: `Sjukfrånvarotimmar ${span}`, sign: 1, groups: groupsOf(sick), sum: num / 100 },
      { label: `Ordinarie arbetstid ${span}`, sign: 1, groups: groupsOf(scheduled), sum: den / 100 },
    ],
    value: den === 0 ? null : (num / den) * 100,
    ratio: { num, den },
    rules: [
      `Källa: ${input.files.absence} (sjukfrånvaro, delad per månad och ansvar) och ${input.files.employments} (schemalagd tid); personer visas aldrig, bara summor per ansvar.`,
      'Sjuktimmar räknas bara där den anställda har schemalagd tid på samma ansvar och månad.',
      `Ansvar med högst ${max} personer under perioden visas inte för sig (personal.privacy.maxSuppressedGroupSize).`,
    ],
  };
}

/** One delmål or indicator behind a goal count (layout goal measures), with its status and whether the figure counts it. */
export interface GoalCountItem {
  /** "Delmål D04 "Name"" or "Indikatorn I04 "Name" (delmål D04)". */
  readonly what: string;
  /** The status this period and why ("uppfylls helt, enligt ansvarigs bedömning"). */
  readonly status: string;
  /** The unit the goal export gives the delmål ("" for the report owner's). */
  readonly unit: string;
  readonly counted: boolean;
  readonly location: SourceLocation;
}

export interface GoalCountExplanation {
  readonly formula: string;
  readonly items: readonly GoalCountItem[];
  /** The count, or for a share the number counted (the numerator). */
  readonly value: number;
  /** For a share: helt / assessed. */
  readonly ratio?: { readonly num: number; readonly den: number };
  readonly rules: readonly string[];
}

const LEVEL_WORDS: Readonly<Record<StatusLevel, string>> = { helt: 'uppfylls helt', delvis: 'uppfylls delvis', inte: 'uppfylls inte', ingaData: 'inga data' };

function goalStatus(g: GoalResult, rule: GoalRule): string {
  const level = LEVEL_WORDS[g.level];
  switch (g.basis) {
    case 'person': return `${level}, enligt ansvarigs bedömning i exporten`;
    case 'indicators': return `${level}, enligt målregeln (${rule}) över indikatorerna`;
    default: return 'inga data: ingen indikator bedöms denna period och ingen bedömning är gjord';
  }
}

function indicatorStatus(r: IndicatorResult): string {
  const level = LEVEL_WORDS[r.level];
  switch (r.basis) {
    case 'rule': return `${level}, utfall mot målvärde`;
    case 'person': return r.level === 'ingaData' ? 'ej bedömd: ansvarigs bedömning är inga data' : `${level}, enligt ansvarigs bedömning i exporten`;
    case 'notDue': return `ej bedömd: redovisas inte denna period (redovisas ${r.indicator.occasions.join(', ')})`;
    case 'noData': return 'ej bedömd: inget utfall för perioden';
    case 'unassessable': return 'ej bedömd: målvärdet kan inte bedömas med regel och ingen bedömning är gjord';
  }
}

/**
 * A goal measure of a layout table (report/measures.ts goalMeasure) explained by the delmål or indicators it counts:
 * each with its id, name, status and basis, and the export row it was read from. Goals are not personal data, so
 * every item is listed. `results` are the row's (report/goals-section.ts goalsOfSubtree), not null.
 */
export function explainGoalCount(results: GoalResults, measure: MeasureId, unitName: string): GoalCountExplanation {
  const goalMeasure = ['antalMal', 'malHelt', 'malDelvis', 'malInte', 'malIngaData', 'andelMalHelt'].includes(measure);
  const rule = results.rules.goalRule;
  const items: { level: StatusLevel; item: Omit<GoalCountItem, 'counted'> }[] = goalMeasure
    ? goalsOf(results).map((g) => ({
      level: g.level,
      item: { what: `Delmål ${g.goal.id} "${g.goal.name}"`, status: goalStatus(g, rule), unit: g.goal.unit ?? '', location: g.goal.location },
    }))
    : goalsOf(results).flatMap((g) => g.indicators.map((r) => ({
      level: r.level,
      item: { what: `Indikatorn ${r.indicator.id} "${r.indicator.name}" (delmål ${g.goal.id})`, status: indicatorStatus(r), unit: g.goal.unit ?? '', location: r.indicator.location },
    })));
  const wanted: Readonly<Record<string, StatusLevel | 'all' | 'share'>> = {
    antalMal: 'all', malHelt: 'helt', malDelvis: 'delvis', malInte: 'inte', malIngaData: 'ingaData', andelMalHelt: 'share',
    antalIndikatorer: 'all', indikatorerHelt: 'helt', indikatorerDelvis: 'delvis', indikatorerInte: 'inte', indikatorerEjBedomda: 'ingaData', andelIndikatorerHelt: 'share',
  };
  const w = wanted[measure] ?? 'all';
  const counted = (l: StatusLevel) => (w === 'all' ? true : w === 'share' ? l === 'helt' : l === w);
  const listed = items.map((x) => ({ ...x.item, counted: counted(x.level) }));
  const value = listed.filter((x) => x.counted).length;
  const assessed = items.filter((x) => x.level !== 'ingaData').length;
  const kind = goalMeasure ? 'delmål' : 'indikatorer';
  const whose = `${unitName} och enheterna under den`;
  const formula = w === 'share'
    ? `Andel = ${kind} som uppfylls helt / ${kind} som bedöms denna period (helt, delvis eller inte) × 100`
    : w === 'all'
      ? `Antal ${kind} för ${whose}`
      : `Antal ${kind} för ${whose} med status ${w === 'ingaData' ? (goalMeasure ? 'inga data' : 'ej bedömd') : LEVEL_WORDS[w]}`;
  return {
    formula,
    items: listed,
    value,
    ...(w === 'share' && assessed > 0 ? { ratio: { num: value, den: assessed } } : {}),
    rules: [
      goalMeasure
        ? `Ett delmåls status är ansvarigs bedömning i exporten, annars målregeln (goals.rules.goalRule: ${rule}) över de indikatorer som bedöms denna period, annars inga data.`
        : `En indikators status är utfallet mot målvärdet (minst ${results.rules.thresholds.helt} % uppfylls helt, minst ${results.rules.thresholds.delvis} % delvis, annars inte; goals.rules.thresholds) eller ansvarigs bedömning; ej bedömd när den inte redovisas denna period, saknar utfall eller inte kan bedömas.`,
      'Räknas: de delmål som målexporten ger enheten eller en enhet under den (kolumnen för enhet); rotens rad räknar också delmålen utan enhet.',
    ],
  };
}
