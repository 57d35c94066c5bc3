/**
 * Reconciliation before publishing: the checks that stand between the sources and a published figure, beyond what
 * each reader checks row by row (hledger's balance assertions are the model). Each finding stops the run unless the
 * user accepts it by name (`--allow CODE`, see `acceptAllowed`); an accepted finding stays visible as a warning and
 * on the report's title page.
 *
 * Checked here, on the ledger as read and the prepared economy (report sign, öre):
 * - `reconcile.periods-outside`: lines of a year after the report year or more than five years before it. They are
 *   not summed, so they would vanish without a word (case 57: 202501, 201901, 209901). Lines of the years just
 *   before the ones the run keeps (`prepared.years`: the report year and the year before, three years when the layout
 *   has a rolling-12 figure), back to year − 4 — what a five-year overview reads — are ordinary in an export that
 *   covers earlier years: they are noted (`reconcile.earlier-years-unused`, info), not stopped on.
 * - `reconcile.ledger-cut-short`: an ansvar × konto with budget in the report year and a row for every month from
 *   its first period on, whose rows stop before the ledger's last budget month. A budget is periodised over the
 *   whole year, so its rows run to December; a file cut at a line boundary leaves the last key's months ending early
 *   (case 31). Keys with utfall only are not judged: an account not booked in the last months is ordinary (the
 *   Västerbotten ledger has four). A file cut exactly between two keys, or inside utfall-only keys, is not visible
 *   here; the export's own sum rows catch it (`ledger.total-missing`, sources/ledger/sum-rows.ts).
 * - `reconcile.ledger-ends-early` (case 31 in a ledger without budget and without sum rows): the last ansvar × konto
 *   in code order — the last key of an export sorted by ansvar and konto, as Raindance writes it — has utfall every
 *   month from its first period but stops before the month at least half of the keys with utfall reach (up to the
 *   report month). A cut at a line boundary leaves exactly that; in a whole export the last key runs to the last month like the others, unless
 *   that one account happened not to be booked (then `--allow`). Only looked at when the budget check found nothing.
 * - `reconcile.implausible-amount`: a single ledger line above 10 000 000 000 kr. The largest Swedish region turns
 *   over about 140 miljarder kr a year; one ansvar × konto × month above 10 miljarder is a unit error (`unit: tkr`
 *   on a file in kronor multiplies by 1 000, case 80).
 * - `reconcile.scale-mismatch`: two measures of the same ansvar × report row that differ about a thousandfold (ratio
 *   of their absolute sums ≥ 300, taken only over the cells both have): utfall against the previous year's utfall
 *   and against budget (months 1..m), and the forecast file's helårsprognos against the ledger's årsbudget. Real
 *   deviations are far below 300×; a wrong `unit` on one source gives 1 000×.
 *
 * - `reconcile.december-forecast` (a warning): in the December report the helårsprognos shown is the year's outcome
 *   (economy.ts); forecast-file values at the report's occasion that differ from the outcome of their ansvar × row
 *   are named, since they are not shown.
 *
 * Totals against the exports' own Summa rows, accounts mapped once, and unmapped accounts are checked where the data
 * is read (ledger/sum-rows.ts, read-account-groups.ts, economy.ts).
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { formatOreForMessage } from '../model/format.js';
import type { Period } from '../model/period.js';
import { ledgerColumns, type Ledger } from '../model/records.js';
import type { PreparedEconomy } from './economy.js';

/**
 * Every check that reconciles sources, figures and documents before publishing, wherever it runs: this module, the
 * ledger's sum rows (sources/ledger/sum-rows.ts), the account grouping (economy.ts), HR duplicates, the archive of
 * published figures (case 81) and the rendered documents read back (pipeline/read-back.ts). Their findings make up
 * the reconciliation section of `--json` (cli/output.ts).
 */
export const RECONCILIATION_CODES: ReadonlySet<string> = new Set([
  'reconcile.periods-outside', 'reconcile.ledger-cut-short', 'reconcile.ledger-ends-early', 'reconcile.implausible-amount', 'reconcile.scale-mismatch', 'reconcile.allowed',
  'reconcile.scale-changed',
  'reconcile.rendered-total', 'reconcile.rendered-total-missing', 'reconcile.rendered-unreadable', 'reconcile.december-forecast',
  'ledger.sum-mismatch', 'ledger.total-missing', 'accounts.unmapped', 'accounts.mapped-twice',
  'personnel.employments.duplicate', 'output.closed-period-changed',
]);

/** The codes `--allow` accepts: the findings of this module. */
export const ALLOWABLE_CODES = ['reconcile.periods-outside', 'reconcile.ledger-cut-short', 'reconcile.ledger-ends-early', 'reconcile.implausible-amount', 'reconcile.scale-mismatch'] as const;
export type AllowableCode = (typeof ALLOWABLE_CODES)[number];

/** Years before the report year whose lines are ordinary in an export even when no figure reads them (year − 4 …). */
export const EARLIER_YEARS_ORDINARY = 4;
/** A single line above this (in öre: 10 000 000 000 kr) is taken for a unit error. */
export const IMPLAUSIBLE_LINE_ORE = 1e12;
/** Two measures of the same cells whose absolute sums differ by this factor or more are taken for a unit error. */
export const SCALE_RATIO = 300;

export interface ReconcileInput {
  readonly ledger: Ledger;
  readonly prepared: PreparedEconomy;
  readonly period: Period;
  readonly files: { readonly ledger: string; readonly forecasts?: string };
  /** The configured `unit` of the ledger and of the forecast file (for the messages). */
  readonly units: { readonly ledger: string; readonly forecasts?: string };
}

/** Every reconciliation finding of a run (errors; `acceptAllowed` turns the accepted ones into warnings). */
export function reconcile(input: ReconcileInput): Diagnostic[] {
  return [...periodsOutside(input), ...cutShort(input), ...implausibleAmounts(input), ...scaleMismatches(input), ...decemberForecast(input)];
}

/**
 * December: each ansvar × row the forecast file gives a value for at the report's occasion, against that cell's
 * outcome (utfall januari–december, null when there is none). Exact to the öre: a forecast in whole tkr differs from
 * an outcome in kronor, and the warning then says so (the outcome is what the report shows either way).
 */
function decemberForecast(input: ReconcileInput): Diagnostic[] {
  const p = input.prepared;
  if (!p.yearClosed || p.forecastOccasion === null || !input.files.forecasts) return [];
  const occasion = p.forecasts.get(p.forecastOccasion);
  if (!occasion) return [];
  const nRows = p.rows.length;
  const names = [...p.ccIndex].sort((a, b) => a[1] - b[1]).map(([cc]) => cc);
  let count = 0;
  let largest: { cell: number; forecast: number; outcome: number | null; diff: number } | null = null;
  for (let cell = 0; cell < names.length * nRows; cell++) {
    // A proposed forecast (forecast.propose) was made from the ledger, not supplied: only the file's values are named.
    if (occasion.has[cell] !== 1 || (p.proposed && p.proposed[cell])) continue;
    let outcome: number | null = null;
    for (let month = 1; month <= 12; month++) {
      const k = cell * 24 + 12 + month - 1;
      if (p.acc.has[k]! & 1) outcome = (outcome ?? 0) + p.acc.actual[k]!;
    }
    const forecast = occasion.values[cell]!;
    if (outcome === forecast) continue;
    count++;
    const diff = Math.abs(forecast - (outcome ?? 0));
    if (!largest || diff > largest.diff) largest = { cell, forecast, outcome, diff };
  }
  if (!largest) return [];
  const occ = p.forecastOccasion;
  return [
    diag(
      'reconcile.december-forecast',
      {
        count,
        occasion: periodText(occ),
        costCentre: names[Math.trunc(largest.cell / nRows)]!,
        row: p.rows[largest.cell % nRows]!.name,
        forecast: formatOreForMessage(largest.forecast),
        outcome: largest.outcome === null ? 'inget utfall' : `${formatOreForMessage(largest.outcome)} kr`,
      },
      { file: input.files.forecasts },
    ),
  ];
}

/**
 * `--allow CODE`: each finding whose code is allowed becomes the warning `reconcile.allowed`, quoting the finding,
 * so the run goes on and the report says what was accepted.
 */
export function acceptAllowed(findings: readonly Diagnostic[], allow: ReadonlySet<string>): Diagnostic[] {
  return findings.map((d) => (allow.has(d.code) ? diag('reconcile.allowed', { code: d.code, message: d.message }, d.location, d.value) : d));
}

const periodText = (p: number): string => `${Math.trunc(p / 100)}-${String(p % 100).padStart(2, '0')}`;

function periodsOutside(input: ReconcileInput): Diagnostic[] {
  const { ledger, period } = input;
  // The ledger as columns (same order and values as `entries`; an absent amount is 0 there, as `?? 0` made it).
  const c = ledgerColumns(ledger);
  const y = period.year;
  const first = y - input.prepared.years + 1;
  let rows = 0;
  let amount = 0;
  const periods = new Set<number>();
  const earlier = new Map<number, number>();
  for (let k = 0; k < c.period.length; k++) {
    const p = c.period[k]!;
    const year = Math.trunc(p / 100);
    if (year >= first && year <= y) continue;
    if (year < first && year >= y - EARLIER_YEARS_ORDINARY) {
      earlier.set(year, (earlier.get(year) ?? 0) + 1);
      continue;
    }
    rows++;
    periods.add(p);
    amount += c.actual[k]!;
  }
  const out: Diagnostic[] = [];
  if (earlier.size > 0) {
    const years = [...earlier.keys()].sort((a, b) => a - b);
    const count = [...earlier.values()].reduce((a, b) => a + b, 0);
    out.push(diag('reconcile.earlier-years-unused', { rows: count, years: years.join(', '), first, year: y }, { file: input.files.ledger }));
  }
  if (rows === 0) return out;
  const list = [...periods].sort((a, b) => a - b);
  const shown = list.slice(0, 5).map(periodText).join(', ') + (list.length > 5 ? ` m.fl. (${list.length} perioder)` : '');
  out.push(diag('reconcile.periods-outside', { rows, first, year: y, periods: shown, amount: formatOreForMessage(amount) }, { file: input.files.ledger }));
  return out;
}

/** Months from a to b (YYYYMM), a ≤ b: 202312 → 202401 is 1. */
function monthsBetween(a: number, b: number): number {
  return (Math.trunc(b / 100) - Math.trunc(a / 100)) * 12 + (b % 100) - (a % 100);
}

function cutShort(input: ReconcileInput): Diagnostic[] {
  const { ledger, period } = input;
  const c = ledgerColumns(ledger);
  const n = c.period.length;
  const y = period.year;
  const yearStart = y * 100 + 1;
  // The ledger's last month with budget in the report year (`has` bit 2: budget present).
  let lastBudget = 0;
  for (let k = 0; k < n; k++) {
    const p = c.period[k]!;
    if (Math.trunc(p / 100) === y && c.has[k]! & 2 && p > lastBudget) lastBudget = p;
  }
  const cut: Array<{ costCentre: string; account: string; last: number; expected: number }> = [];
  // Entries are sorted by ansvar, konto, period: one pass, one key at a time.
  for (let i = 0; i < n; ) {
    const cc = c.costCentre[i]!;
    const acc = c.account[i]!;
    const firstPeriod = c.period[i]!;
    let j = i;
    let distinct = 0;
    let prev = -1;
    let budgetInYear = false;
    while (j < n && c.costCentre[j] === cc && c.account[j] === acc) {
      const p = c.period[j]!;
      if (p !== prev) distinct++;
      prev = p;
      if (c.has[j]! & 2 && Math.trunc(p / 100) === y) budgetInYear = true;
      j++;
    }
    const last = c.period[j - 1]!;
    const expected = lastBudget;
    const contiguous = distinct === monthsBetween(firstPeriod, last) + 1;
    if (budgetInYear && last >= yearStart && last < expected && contiguous && distinct > 1) {
      cut.push({ costCentre: ledger.costCentres[cc]!, account: ledger.accounts[acc]!, last, expected });
    }
    i = j;
  }
  if (cut.length === 0) return endsEarly(input);
  const ex = cut[0]!;
  return [
    diag(
      'reconcile.ledger-cut-short',
      { count: cut.length, expected: periodText(ex.expected), costCentre: ex.costCentre, account: ex.account, last: periodText(ex.last) },
      { file: input.files.ledger },
    ),
  ];
}

/** The last key in code order, when its rows run monthly and stop before the month most keys reach (see above). */
function endsEarly(input: ReconcileInput): Diagnostic[] {
  const { ledger, period } = input;
  // The ledger as columns (same order as `entries`); `has` bit 1 marks an utfall.
  const c = ledgerColumns(ledger);
  const n = c.period.length;
  if (n === 0) return [];
  const y = period.year;
  const reportMonth = y * 100 + period.month;
  const sameKey = (a: number, b: number): boolean => c.costCentre[a] === c.costCentre[b] && c.account[a] === c.account[b];
  const hasActual = (k: number): boolean => (c.has[k]! & 1) !== 0;
  // The month the ansvar × konto with utfall in the report year reach (up to the report month): the latest month at
  // least half of them reach. One stray later line does not move it; a file cut inside its last key leaves the
  // others at the end.
  const lastOfKey: number[] = [];
  for (let k = 0; k < n; ) {
    const head = k;
    let last = 0;
    for (; k < n && sameKey(k, head); k++) {
      const p = c.period[k]!;
      if (hasActual(k) && p <= reportMonth && Math.trunc(p / 100) === y && p > last) last = p;
    }
    if (last > 0) lastOfKey.push(last);
  }
  if (lastOfKey.length < 2) return [];
  lastOfKey.sort((a, b) => b - a);
  const lastActual = lastOfKey[Math.ceil(lastOfKey.length / 2) - 1]!;
  let i = n - 1;
  while (i > 0 && sameKey(i - 1, n - 1)) i--;
  const periods: number[] = [];
  for (let k = i; k < n; k++) if (hasActual(k)) periods.push(c.period[k]!);
  if (periods.length < 2) return [];
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  const distinct = new Set(periods).size;
  if (distinct !== monthsBetween(first, last) + 1 || last >= lastActual || Math.trunc(last / 100) !== y) return [];
  return [
    diag(
      'reconcile.ledger-ends-early',
      { costCentre: ledger.costCentres[c.costCentre[n - 1]!]!, account: ledger.accounts[c.account[n - 1]!]!, first: periodText(first), last: periodText(last), expected: periodText(lastActual) },
      { file: input.files.ledger },
    ),
  ];
}

function implausibleAmounts(input: ReconcileInput): Diagnostic[] {
  const { ledger } = input;
  const c = ledgerColumns(ledger);
  let rows = 0;
  let max = 0;
  let at = -1;
  for (let k = 0; k < c.period.length; k++) {
    // Absent amounts are 0 in the columns, as `?? 0` made them.
    const v = Math.max(Math.abs(c.actual[k]!), Math.abs(c.budget[k]!), Math.abs(c.forecast[k]!));
    if (v <= IMPLAUSIBLE_LINE_ORE) continue;
    rows++;
    if (v > max) {
      max = v;
      at = k;
    }
  }
  if (at < 0) return [];
  return [
    diag(
      'reconcile.implausible-amount',
      {
        rows,
        limit: formatOreForMessage(IMPLAUSIBLE_LINE_ORE),
        amount: formatOreForMessage(max),
        costCentre: ledger.costCentres[c.costCentre[at]!]!,
        account: ledger.accounts[c.account[at]!]!,
        period: periodText(c.period[at]!),
        unit: input.units.ledger,
      },
      { file: input.files.ledger },
    ),
  ];
}

/** |a| and |b| summed over the cells both have; the finding when one is ≥ SCALE_RATIO times the other. */
class ScalePair {
  a = 0;
  b = 0;
  add(a: number, b: number): void {
    this.a += Math.abs(a);
    this.b += Math.abs(b);
  }
  ratio(): number | null {
    if (this.a === 0 || this.b === 0) return null;
    const r = Math.max(this.a, this.b) / Math.min(this.a, this.b);
    return r >= SCALE_RATIO ? r : null;
  }
}

function scaleMismatches(input: ReconcileInput): Diagnostic[] {
  const p = input.prepared;
  const { acc } = p;
  const nRows = p.rows.length;
  const m = input.period.month;
  const prevYear = new ScalePair();
  const budget = new ScalePair();
  const forecast = new ScalePair();
  const occasion = p.forecastOccasion !== null ? p.forecasts.get(p.forecastOccasion) : undefined;
  const cells = p.ccIndex.size * nRows;
  for (let cell = 0; cell < cells; cell++) {
    const base = cell * 24;
    let annualBudget = 0;
    let hasAnnualBudget = false;
    for (let month = 1; month <= 12; month++) {
      const cur = base + 12 + month - 1;
      const h = acc.has[cur]!;
      if (h & 2) {
        annualBudget += acc.budget[cur]!;
        hasAnnualBudget = true;
      }
      if (month > m || !(h & 1)) continue;
      const prev = base + month - 1;
      if (acc.has[prev]! & 1) prevYear.add(acc.actual[cur]!, acc.actual[prev]!);
      if (h & 2) budget.add(acc.actual[cur]!, acc.budget[cur]!);
    }
    // Only supplied forecasts tell the file's scale: a proposed one is made from the ledger itself.
    if (occasion && occasion.has[cell] === 1 && !(p.proposed && p.proposed[cell]) && hasAnnualBudget) forecast.add(occasion.values[cell]!, annualBudget);
  }
  const out: Diagnostic[] = [];
  const ledgerFile = input.files.ledger;
  const report = (pair: ScalePair, what: string, sources: string, file: string): void => {
    const r = pair.ratio();
    if (r === null) return;
    out.push(
      diag('reconcile.scale-mismatch', { what, ratio: Math.round(r), first: formatOreForMessage(pair.a), second: formatOreForMessage(pair.b), sources }, { file }),
    );
  };
  report(prevYear, `Utfallet ${input.period.year} och utfallet ${input.period.year - 1} för samma ansvar, rader och månader`, `huvudboken (${ledgerFile})`, ledgerFile);
  report(budget, `Utfallet och budgeten ${input.period.year} för samma ansvar, rader och månader`, `huvudboken (${ledgerFile})`, ledgerFile);
  if (input.files.forecasts) {
    const fcFile = input.files.forecasts;
    report(
      forecast,
      `Helårsprognosen i prognosfilen (unit: ${input.units.forecasts ?? 'kr'}) och årsbudgeten i huvudboken (unit: ${input.units.ledger}) för samma ansvar och rader`,
      `prognosfilen (${fcFile}) och huvudboken (${ledgerFile})`,
      fcFile,
    );
  }
  return out;
}
