/**
 * `rapport explain`, the pure part: which source amounts make one figure, and the arithmetic that joins them. Given
 * the figure's measure, the unit's ansvar and the report rows it covers, it picks the ledger lines (or forecast or
 * investment lines) that the calculation summed, sums each term exactly in öre, and combines the terms with the very
 * rules of `economy.ts` (`figuresFrom`) and `investments.ts`, so the explanation's value is the figure's value; the
 * command checks that it is before it prints anything.
 */
import { diffMaybe, type MaybeOre } from '../model/ore.js';
import type { Period } from '../model/period.js';
import type { Ratio } from '../model/figures.js';
import type { AccountGroupRow, ForecastRecord, InvestmentRecord } from '../model/records.js';
import type { TracedAmount, TracedLedgerLine } from '../model/trace.js';
import { changeRatio, isOperating, type RowFigures, type SectionDef } from './economy.js';

/** The measures of an economy row (`RowFigures`) that a table cell shows. */
export type EconomyMeasure = Exclude<keyof RowFigures, 'forecastMethods'>;

/** One sum of source amounts in an explanation: "Ack utfall januari–augusti 2024", with its lines. */
export interface ExplainedTerm {
  readonly label: string;
  /** +1 added, −1 subtracted; for a ratio, the numerator's and denominator's roles are in `Explanation.formula`. */
  readonly sign: 1 | -1;
  readonly lines: readonly TracedAmount[];
  /** The exact sum of the lines in öre; null when no line has a value (no data, not 0). */
  readonly sum: MaybeOre;
}

export interface Explanation {
  /** The rule in words: "Ack avvikelse = ack utfall − ack budget". */
  readonly formula: string;
  readonly terms: readonly ExplainedTerm[];
  /** The figure from the terms: money in öre, or a ratio (percent). */
  readonly value: { readonly kind: 'money'; readonly ore: MaybeOre } | { readonly kind: 'percent'; readonly ratio: Ratio | null };
  /** The mapping rules that chose the lines: the accounts of the report rows, the ansvar of the unit. */
  readonly rules: readonly string[];
}

/** Which report rows a figure covers: one row, a section's total, or the net of all sections. */
export type RowSelection =
  | { readonly kind: 'row'; readonly section: string; readonly row: string }
  | { readonly kind: 'section'; readonly section: string }
  | { readonly kind: 'net' };

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const span = (from: number, to: number, year: number): string => (from === to ? `${MONTHS[from - 1]} ${year}` : `${MONTHS[from - 1]}–${MONTHS[to - 1]} ${year}`);

type Field = 'actual' | 'budget' | 'forecast' | 'previousForecast';
/** One term of a measure: a field summed over months `from`..`to` of `year` (forecast fields: at the occasion). */
export interface TermDef {
  readonly label: string;
  readonly sign: 1 | -1;
  readonly field: Field;
  readonly year: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The terms of each measure, as `figuresFrom` in economy.ts computes it: the one definition the explanation and the
 * report model's provenance (report/provenance.ts) share.
 */
export function measureTerms(measure: EconomyMeasure, p: Period, yearOutcome = false): { formula: string; terms: TermDef[] } {
  const y = p.year;
  const m = p.month;
  const t = (label: string, sign: 1 | -1, field: Field, year: number, from: number, to: number): TermDef => ({ label, sign, field, year, from, to });
  const ackActual = t(`Utfall ${span(1, m, y)}`, 1, 'actual', y, 1, m);
  const prevAck = t(`Utfall ${span(1, m, y - 1)}`, 1, 'actual', y - 1, 1, m);
  const ackBudget = t(`Budget ${span(1, m, y)}`, 1, 'budget', y, 1, m);
  const annualBudget = t(`Budget ${span(1, 12, y)} (årsbudget)`, 1, 'budget', y, 1, 12);
  // In the December report the helårsprognos is the year's outcome (economy.ts figuresFrom).
  const december = yearOutcome && m === 12;
  const forecast = december ? t(`Utfall ${span(1, 12, y)} (helårsprognos i december)`, 1, 'actual', y, 1, 12) : t('Helårsprognos', 1, 'forecast', y, 1, 12);
  const previous = t('Föregående helårsprognos', 1, 'previousForecast', y, 1, 12);
  const neg = (d: TermDef): TermDef => ({ ...d, sign: -1 });
  switch (measure) {
    case 'ackActual': return { formula: `Ack utfall = summan av utfallet ${span(1, m, y)}`, terms: [ackActual] };
    case 'prevAckActual': return { formula: `Ack utfall föregående år = summan av utfallet ${span(1, m, y - 1)}`, terms: [prevAck] };
    case 'ackBudget': return { formula: `Ack budget = summan av den periodiserade budgeten ${span(1, m, y)}`, terms: [ackBudget] };
    case 'annualBudget': return { formula: `Årsbudget = summan av budgeten ${span(1, 12, y)}`, terms: [annualBudget] };
    case 'prevYearActual': return { formula: `Bokslut föregående år = summan av utfallet ${span(1, 12, y - 1)}`, terms: [t(`Utfall ${span(1, 12, y - 1)}`, 1, 'actual', y - 1, 1, 12)] };
    case 'monthDeviation':
      return { formula: `Månadens avvikelse = utfall ${span(m, m, y)} − budget ${span(m, m, y)}`, terms: [t(`Utfall ${span(m, m, y)}`, 1, 'actual', y, m, m), t(`Budget ${span(m, m, y)}`, -1, 'budget', y, m, m)] };
    case 'ackDeviation': return { formula: 'Ack avvikelse = ack utfall − ack budget', terms: [ackActual, neg(ackBudget)] };
    case 'ackDeviationPrevYear': return { formula: 'Ack avvikelse mot föregående år = ack utfall − ack utfall föregående år', terms: [ackActual, neg(prevAck)] };
    case 'change': return { formula: 'Förändring i % = (ack utfall − ack utfall föregående år) / ack utfall föregående år × 100, med tecken (en kostnad som växer ger positiv förändring)', terms: [ackActual, neg(prevAck)] };
    case 'forecast':
      return december
        ? { formula: `Helårsprognos i decemberrapporten = årets utfall, summan av utfallet ${span(1, 12, y)}`, terms: [forecast] }
        : { formula: 'Helårsprognos = summan av prognoserna vid prognostillfället', terms: [forecast] };
    case 'previousForecast': return { formula: 'Föregående prognos = summan av prognoserna vid föregående prognostillfälle', terms: [previous] };
    case 'forecastDeviation': return { formula: 'Prognosavvikelse = helårsprognos − årsbudget', terms: [forecast, neg(annualBudget)] };
    case 'forecastChange': return { formula: 'Prognosförändring = helårsprognos − föregående prognos', terms: [forecast, neg(previous)] };
  }
}

export interface EconomyExplainInput {
  readonly measure: EconomyMeasure;
  readonly period: Period;
  readonly sections: readonly SectionDef[];
  readonly accountGroups: readonly AccountGroupRow[];
  readonly accountGroupsFile: string;
  readonly selection: RowSelection;
  /** The unit's ansvar. */
  readonly costCentres: readonly string[];
  readonly unitName: string;
  /** Ledger lines (any superset of the ones needed; they are filtered here). */
  readonly ledgerLines: readonly TracedLedgerLine[];
  readonly forecasts: readonly ForecastRecord[];
  readonly forecastsFile: string;
  readonly forecastOccasion: number | null;
  readonly previousForecastOccasion: number | null;
  /** Whether the ledger has any budget (economy.ts: without one every budget deviation is blank). */
  readonly hasBudget: boolean;
  /** A December report with December utfall: the helårsprognos is the year's outcome (economy.ts `yearClosed`). */
  readonly yearClosed: boolean;
}

/**
 * The report rows as economy.ts keys them: section × row name, from the account grouping (a row of a section the
 * configuration does not have is not a report row), and each account's row.
 */
function accountRows(groups: readonly AccountGroupRow[], sections: readonly SectionDef[]): Map<string, AccountGroupRow> {
  const known = new Set(sections.map((s) => s.name));
  const byAccount = new Map<string, AccountGroupRow>();
  for (const g of groups) if (known.has(g.section)) byAccount.set(g.account, g);
  return byAccount;
}

function selected(g: AccountGroupRow, sel: RowSelection, operating: ReadonlySet<string>): boolean {
  if (sel.kind === 'net') return operating.has(g.section);
  if (sel.kind === 'section') return g.section === sel.section;
  return g.section === sel.section && g.reportRow === sel.row;
}

const sumOf = (lines: readonly TracedAmount[]): MaybeOre => (lines.length === 0 ? null : (lines.reduce((a, l) => a + l.amount, 0) as MaybeOre));

/** The explanation of one economy figure (a cell of tables 3.1, 3.2 or 3.3). */
export function explainEconomy(input: EconomyExplainInput): Explanation {
  const { measure, period, selection } = input;
  const byAccount = accountRows(input.accountGroups, input.sections);
  // The net is verksamhetens nettokostnad: the income and cost sections, never taxes or finansiella poster.
  const operating = new Set(input.sections.filter((s) => isOperating(s.kind)).map((s) => s.name));
  const accounts = new Set([...byAccount].filter(([, g]) => selected(g, selection, operating)).map(([a]) => a));
  const ccs = new Set(input.costCentres);
  // Forecasts name a report row (the first of that name, as economy.ts matches them) or an account.
  const firstRowByName = new Map<string, AccountGroupRow>();
  for (const g of byAccount.values()) if (!firstRowByName.has(g.reportRow)) firstRowByName.set(g.reportRow, g);
  const { formula, terms: defs } = measureTerms(measure, period, input.forecastOccasion !== null && input.yearClosed);
  const usedAccounts = new Set<string>();
  const terms: ExplainedTerm[] = defs.map((d) => {
    let lines: TracedAmount[];
    if (d.field === 'forecast' || d.field === 'previousForecast') {
      const occasion = d.field === 'forecast' ? input.forecastOccasion : input.previousForecastOccasion;
      lines = input.forecasts
        .filter((f) => f.occasion === occasion && ccs.has(f.costCentre))
        .filter((f) => {
          const g = f.reportRow !== undefined ? firstRowByName.get(f.reportRow) : f.account !== undefined ? byAccount.get(f.account) : undefined;
          return g !== undefined && selected(g, selection, operating);
        })
        .map((f) => ({
          file: input.forecastsFile, row: f.row, costCentre: f.costCentre, amount: f.forecast,
          ...(f.reportRow !== undefined ? { reportRow: f.reportRow } : {}), ...(f.account !== undefined ? { account: f.account } : {}),
        }));
      const label = occasion === null ? d.label : `${d.label} (prognostillfälle ${Math.trunc(occasion / 100)}-${String(occasion % 100).padStart(2, '0')})`;
      for (const l of lines) if (l.account) usedAccounts.add(l.account);
      return { label, sign: d.sign, lines, sum: sumOf(lines) };
    }
    const field = d.field;
    lines = input.ledgerLines
      .filter((l) => l[field] !== null && ccs.has(l.costCentre) && accounts.has(l.account))
      .filter((l) => Math.trunc(l.period / 100) === d.year && l.period % 100 >= d.from && l.period % 100 <= d.to)
      .map((l) => ({ file: l.file, ...(l.sheet !== undefined ? { sheet: l.sheet } : {}), row: l.row, costCentre: l.costCentre, account: l.account, period: l.period, amount: l[field]! }));
    for (const l of lines) usedAccounts.add(l.account!);
    return { label: d.label, sign: d.sign, lines, sum: sumOf(lines) };
  });
  return { formula, terms, value: combine(measure, terms, input.hasBudget), rules: rulesFor(input, byAccount, usedAccounts, terms) };
}

/** The terms joined as economy.ts's `figuresFrom` joins them (blank budget deviations without a budget, etc.). */
function combine(measure: EconomyMeasure, terms: readonly ExplainedTerm[], hasBudget: boolean): Explanation['value'] {
  const [a, b] = [terms[0]!.sum, terms[1]?.sum ?? null];
  switch (measure) {
    case 'change':
      return { kind: 'percent', ratio: changeRatio(a, b) };
    case 'monthDeviation':
    case 'ackDeviation':
      return { kind: 'money', ore: hasBudget ? diffMaybe(a, b) : null };
    case 'ackDeviationPrevYear':
      return { kind: 'money', ore: diffMaybe(a, b) };
    case 'forecastDeviation':
      return { kind: 'money', ore: a === null || !hasBudget ? null : diffMaybe(a, b) };
    case 'forecastChange':
      return { kind: 'money', ore: a === null || b === null ? null : diffMaybe(a, b) };
    default:
      return { kind: 'money', ore: a };
  }
}

function rulesFor(input: EconomyExplainInput, byAccount: ReadonlyMap<string, AccountGroupRow>, used: ReadonlySet<string>, terms: readonly ExplainedTerm[]): string[] {
  const rules: string[] = [];
  const sel = input.selection;
  rules.push(
    sel.kind === 'net'
      ? `Raderna: alla rader i avsnitten ${input.sections.filter((s) => isOperating(s.kind)).map((s) => `"${s.name}"`).join(', ')} (${input.accountGroupsFile}).`
      : sel.kind === 'section'
        ? `Raderna: alla rader i avsnittet "${sel.section}" (${input.accountGroupsFile}).`
        : `Raden: "${sel.row}" i avsnittet "${sel.section}" (${input.accountGroupsFile}).`,
  );
  for (const account of [...used].sort()) {
    const g = byAccount.get(account)!;
    rules.push(`Konto ${account}${g.accountName ? ` ${g.accountName}` : ''} → "${g.reportRow}", ${g.section} (${input.accountGroupsFile} rad ${g.row}).`);
  }
  const ccs = [...new Set(terms.flatMap((t) => t.lines.map((l) => l.costCentre)))].sort();
  rules.push(
    `Enheten ${input.unitName} omfattar ${input.costCentres.length} ansvar; ${ccs.length} av dem har rader här${ccs.length <= 30 ? `: ${ccs.join(', ')}` : ''}.`,
  );
  return rules;
}

/** Investment figures: table 4's columns. */
export type InvestmentMeasure = 'actual' | 'forecast' | 'budget' | 'forecastDeviation';

/**
 * The explanation of one investment figure: the projects of the unit (all for the root; else those whose ansvar
 * lies under it, as investments.ts selects them) in the area (or all areas for "Totalt").
 */
export function explainInvestment(input: {
  readonly measure: InvestmentMeasure;
  readonly records: readonly InvestmentRecord[];
  readonly file: string;
  readonly area: string | null;
  readonly costCentres: readonly string[];
  readonly isRoot: boolean;
  readonly unitName: string;
}): Explanation {
  const ccs = new Set(input.costCentres);
  const chosen = input.records
    .filter((r) => input.isRoot || (r.costCentre !== undefined && ccs.has(r.costCentre)))
    .filter((r) => input.area === null || r.area === input.area);
  const term = (label: string, sign: 1 | -1, field: 'actual' | 'forecast' | 'budget'): ExplainedTerm => {
    const lines = chosen
      .filter((r) => r[field] !== null)
      .map((r): TracedAmount => ({ file: input.file, row: r.row, costCentre: r.costCentre ?? '', project: `${r.project} ${r.projectName}`.trim(), amount: r[field]! }));
    return { label, sign, lines, sum: sumOf(lines) };
  };
  const rules = [
    input.isRoot ? `Hela organisationen: alla projekt i ${input.file}.` : `Projekten vars ansvar hör till ${input.unitName} (${input.file}).`,
    input.area === null ? 'Alla investeringsområden.' : `Investeringsområde "${input.area}".`,
  ];
  switch (input.measure) {
    case 'forecastDeviation': {
      const budget = term('Årsbudget', 1, 'budget');
      const forecast = term('Prognos', -1, 'forecast');
      return { formula: 'Prognosavvikelse = årsbudget − prognos', terms: [budget, forecast], value: { kind: 'money', ore: forecast.sum === null ? null : diffMaybe(budget.sum, forecast.sum) }, rules };
    }
    default: {
      const label = input.measure === 'actual' ? 'Utfall ack' : input.measure === 'forecast' ? 'Prognos' : 'Årsbudget';
      const t = term(label, 1, input.measure);
      return { formula: `${label} = summan av projektens belopp`, terms: [t], value: { kind: 'money', ore: t.sum }, rules };
    }
  }
}
