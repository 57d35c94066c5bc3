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
import type { IndicatorResult } from './goals/assess.js';
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
