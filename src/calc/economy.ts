/**
 * The pure economy core: ledger + account grouping + organisation → figures per report row for any node of the
 * organisation tree. No IO, no clock: the report period is an input. Money is integer öre throughout; `null`
 * means "no data" and stays distinct from 0 (seed 001 table 3.1 prints blanks for it).
 *
 * Sign: the ledger arrives in report sign (income positive, costs negative; readers flip it), so a deviation
 * (utfall − budget) is positive when the result is better than budget, for income and costs alike.
 */
import { addOre, diffMaybe, ore, type MaybeOre, type Ore } from '../model/ore.js';
import { yearsForRolling12, type Period } from '../model/period.js';

export { yearsForRolling12 };
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { formatOreForMessage } from '../model/format.js';
import { ledgerColumns, type AccountGroupRow, type ForecastRecord, type Ledger } from '../model/records.js';
import type { Hierarchy, OrgNode } from './hierarchy.js';
import type { Ratio } from '../model/figures.js';
import type { BudgetConfig, ForecastConfig } from '../config/schema.js';
import { nearestName } from '../model/nearest.js';
import { keyNote, keyPhrase, keyWeights, PeriodisationError, spread, type PeriodisationKey } from './periodise.js';
import { METHOD_BIT, methodsOf, proposeLine, type ForecastMethod } from './forecast-proposals.js';

import type { SectionKindName } from '../config/schema.js';

export type SectionKind = SectionKindName;

/**
 * Whether a section kind is part of verksamhetens nettokostnad (income, cost). Taxes, generella statsbidrag and
 * finansiella poster lie below that net: they are kept apart (`EconomyResult.financing`) and enter only the region
 * level's cascade to årets resultat (calc/region-result.ts).
 */
export function isOperating(kind: SectionKind): boolean {
  return kind === 'income' || kind === 'cost';
}

export interface SectionDef {
  readonly name: string;
  readonly kind: SectionKind;
}

/** All figures of one report row (or a section total, or the net) for one node and report period. */
export interface RowFigures {
  /** Avvikelse of the report month alone: utfall(m) − budget(m). */
  readonly monthDeviation: MaybeOre;
  /** Ack utfall föreg år: months 1..m of the previous year. */
  readonly prevAckActual: MaybeOre;
  /** Ack utfall: months 1..m of the report year. */
  readonly ackActual: MaybeOre;
  /** Ack budget: the periodised budget of months 1..m (not m/12 of the year). */
  readonly ackBudget: MaybeOre;
  /** Ack avvikelse = ack utfall − ack budget. */
  readonly ackDeviation: MaybeOre;
  /**
   * Förändring = ack utfall / ack utfall föreg år − 1, on signed values (a growing cost gives a positive %).
   * Example: −2 515 284 / −2 349 555 − 1 = +7,05 %. null when the previous year has no data or is 0.
   */
  readonly change: Ratio | null;
  /** Årsbudget: the whole year's budget. */
  readonly annualBudget: MaybeOre;
  /** Helårsprognos at the report period's forecast occasion (or the latest before it in the same year). */
  readonly forecast: MaybeOre;
  /** Prognosavvikelse = helårsprognos − årsbudget (positive = surplus against budget). */
  readonly forecastDeviation: MaybeOre;
  /** The previous forecast occasion's helårsprognos. */
  readonly previousForecast: MaybeOre;
  /** Prognosförändring = this forecast − the previous occasion's. */
  readonly forecastChange: MaybeOre;
  /** Bokslut föreg år: the whole previous year's utfall. */
  readonly prevYearActual: MaybeOre;
  /** Ack avvikelse mot föreg år = ack utfall − ack utfall föreg år (seed 002 "Ack Avv Fg år"). */
  readonly ackDeviationPrevYear: MaybeOre;
  /**
   * The methods of the proposed forecasts (calc/forecast-proposals.ts) summed into `forecast`; empty when every
   * line's forecast was supplied. The report marks the forecast and the figures made from it as proposed.
   */
  readonly forecastMethods: readonly ForecastMethod[];
}

export interface RowResult {
  readonly name: string;
  readonly figures: RowFigures;
}

export interface SectionResult {
  readonly name: string;
  readonly kind: SectionKind;
  readonly rows: readonly RowResult[];
  readonly total: RowFigures;
}

export interface MonthlyNet {
  readonly month: number;
  readonly actual: MaybeOre;
  readonly budget: MaybeOre;
  readonly prevActual: MaybeOre;
}

export interface EconomyResult {
  readonly nodeId: string;
  readonly nodeName: string;
  /** The sections of verksamhetens nettokostnad (kinds income and cost), in configuration order. */
  readonly sections: readonly SectionResult[];
  /**
   * The sections below the net (kinds taxes, grants, financialIncome, financialCosts), in configuration order;
   * empty when the configuration has none. Optional so that results built elsewhere need not list them.
   */
  readonly financing?: readonly SectionResult[];
  /** Verksamhetens nettokostnad: the sum of the income and cost sections (never taxes or finansiella poster). */
  readonly net: RowFigures;
  /** Net per month of the report year and the previous year (for the monthly chart). */
  readonly monthly: readonly MonthlyNet[];
  /** Forecast occasions used (YYYYMM), or null. */
  readonly forecastOccasion: number | null;
  readonly previousForecastOccasion: number | null;
  /**
   * The net helårsprognos at each supplied forecast occasion of the report year up to the report period (for
   * prognossäkerhet at year end), oldest first; null where the occasion has no forecast for the node.
   */
  readonly occasionForecasts: readonly { readonly occasion: number; readonly forecast: MaybeOre }[];
  /** The table note naming the periodisation key(s) of the node's budget, or null when the budget is used as exported. */
  readonly budgetNote: string | null;
  /**
   * Gross cost over 12 rolling months against the same months a year earlier (`grossCostRolling`), or null when the
   * run keeps fewer years than that needs (the layout shows no rolling figure).
   */
  readonly grossCost: GrossCostRolling | null;
}

/**
 * Bruttokostnadsutveckling, rullande 12 månader (seed 000): verksamhetens bruttokostnader of the twelve months up to
 * the report month against the same twelve months a year earlier.
 *
 * Gross cost (bruttokostnad) = the utfall of every account mapped to a report row of a section of kind `cost`
 * (verksamhetens kostnader), except avskrivningar (accounts beginning 78) and class 8 (skatter, generella statsbidrag
 * och utjämning, finansiella poster): in the resultaträkning avskrivningar and the financial items are lines of their
 * own after verksamhetens kostnader (domain brief: intäkter − kostnader − avskrivningar = verksamhetens
 * nettokostnader). Income is not netted against it. Amounts in report sign (costs negative).
 */
export interface GrossCostRolling {
  /** First and last month (YYYYMM) of the current twelve months, e.g. 202309 and 202408. */
  readonly from: number;
  readonly to: number;
  /** Sum of the twelve months up to the report month; null when any of them has no gross-cost utfall. */
  readonly current: MaybeOre;
  /** Sum of the same twelve months a year earlier; null when any of them has no gross-cost utfall. */
  readonly previous: MaybeOre;
  /** Bruttokostnadsutveckling = current / previous − 1, on signed values (a growing cost is positive); null when either is blank. */
  readonly change: Ratio | null;
  /** The months (YYYYMM, ascending) of the 24 without any gross-cost utfall for the unit: why a figure is blank. */
  readonly missingMonths: readonly number[];
}

/** Accounts that are not verksamhetens kostnader even when grouped in a cost section (see GrossCostRolling). */
export const GROSS_COST_EXCLUDED_PREFIXES: readonly string[] = ['78', '8'];

/** Whether an account of a cost-section row counts as gross cost (GrossCostRolling). */
export function isGrossCostAccount(account: string): boolean {
  return !GROSS_COST_EXCLUDED_PREFIXES.some((p) => account.startsWith(p));
}

/** Slots per (ansvar, report row): [0..11] previous year's months, [12..23] the report year's months. */
export const SLOTS = 24;

interface Accumulator {
  actual: Float64Array;
  budget: Float64Array;
  /** bit 1 = actual present, bit 2 = budget present */
  has: Uint8Array;
}

function newAcc(n: number): Accumulator {
  return { actual: new Float64Array(n * SLOTS), budget: new Float64Array(n * SLOTS), has: new Uint8Array(n * SLOTS) };
}

/**
 * Prepared, indexed data for one report period: computing a node's figures is then a sum over its ansvar.
 * Build once per run with `prepareEconomy`, then call `computeEconomy` per node.
 */
export interface PreparedEconomy {
  readonly period: Period;
  readonly sections: readonly SectionDef[];
  /** Report rows in print order, each with its section index. */
  readonly rows: readonly { readonly name: string; readonly section: number }[];
  /** Ansvar code → dense index into the accumulators. */
  readonly ccIndex: ReadonlyMap<string, number>;
  readonly acc: Accumulator;
  /** forecasts per occasion: ansvar index × row → öre (present when set). */
  readonly forecasts: ReadonlyMap<number, { values: Float64Array; has: Uint8Array }>;
  readonly forecastOccasion: number | null;
  readonly previousForecastOccasion: number | null;
  /** The supplied forecast occasions of the report year up to the report period, oldest first. */
  readonly occasions: readonly number[];
  /** Per ansvar index × row at the forecast occasion: the METHOD_BIT of a proposed forecast, 0 = supplied or none. */
  readonly proposed: Uint8Array | null;
  /** The periodisation keys used (`budget.periodisation`), and per ansvar index × row the key's index + 1 (0 = no budget). */
  readonly budgetKeys: readonly { readonly name: string; readonly key: PeriodisationKey; readonly scope: string | null }[];
  readonly budgetKeyOf: Uint8Array | null;
  /**
   * Whether the ledger has any budget at all. Without one every budget deviation is blank (no data ≠ 0): a row's
   * avvikelse against a blank budget counts the budget as 0 (the published tables do), which over a whole ledger
   * without budget would present the net cost itself as the deviation.
   */
  readonly hasBudget: boolean;
  /**
   * The report is for December and the ledger has utfall in that December: the year is over, and its helårsprognos
   * is its outcome (`figuresFrom`). A December report on a ledger without December utfall keeps the forecast file's.
   */
  readonly yearClosed: boolean;
  /** Calendar years of months kept for the per-ansvar monthly series, ending with the report year (at least 2). */
  readonly years: number;
  /**
   * Gross-cost utfall per ansvar × month over the kept years: index ci × 12·years + (year − firstYear) × 12 + month − 1,
   * `grossHas` 1 where the ansvar has a gross-cost line that month. Bounded by ansvar × months, whatever the ledger's size.
   */
  readonly gross: Float64Array;
  readonly grossHas: Uint8Array;
}

export interface PrepareInput {
  readonly ledger: Ledger;
  readonly accountGroups: readonly AccountGroupRow[];
  readonly sections: readonly SectionDef[];
  readonly hierarchy: Hierarchy;
  readonly period: Period;
  readonly forecasts?: readonly ForecastRecord[];
  /** `budget.periodisation`: yearly budgets spread by a key (calc/periodise.ts). */
  readonly periodisation?: NonNullable<BudgetConfig['periodisation']>;
  /** `forecast.propose`: a forecast proposed where none was supplied (calc/forecast-proposals.ts). */
  readonly propose?: NonNullable<ForecastConfig['propose']>;
  /** File names for messages. */
  readonly files: { readonly ledger: string; readonly accountGroups: string; readonly forecasts?: string; readonly config?: string };
  /** The exports' own header names, for messages (defaults: Raindance's). A message quotes the user's header. */
  readonly headers?: Partial<Headers>;
  /**
   * Calendar years of ledger months to keep, ending with the report year (default and minimum 2: the report year and
   * the one before). What the layout needs decides it (`ledgerYears` in config/layout.ts): 3 for a rolling-12 figure.
   * Lines of earlier years are reported by reconciliation (`reconcile.periods-outside`), never summed silently.
   */
  readonly years?: number;
}

/** The header names messages quote: the columns the configuration names for each source. */
export interface Headers {
  readonly ledgerAccount: string;
  readonly ledgerCostCentre: string;
  readonly ledgerForecast: string;
  readonly groupsSection: string;
  readonly forecastCostCentre: string;
  readonly forecastRow: string;
  readonly forecastAccount: string;
}

const DEFAULT_HEADERS: Headers = {
  ledgerAccount: 'Konto',
  ledgerCostCentre: 'Ansvar',
  ledgerForecast: 'Prognos',
  groupsSection: 'Avsnitt',
  forecastCostCentre: 'Ansvar',
  forecastRow: 'Rad',
  forecastAccount: 'Konto',
};

function headersOf(input: PrepareInput): Headers {
  return { ...DEFAULT_HEADERS, ...input.headers };
}


/**
 * Indexes the ledger by ansvar × report row × month for the report year and the year before, and checks the
 * cross-references: every account maps to exactly one row (unmapped → error, never a silent "Övrigt"), every ansvar
 * is in the organisation, the sign mode looks right, and the report year has utfall. Four steps: the report rows
 * from the account grouping, the ledger summed into them, the findings of that pass, the forecasts indexed.
 */
export function prepareEconomy(input: PrepareInput): { prepared: PreparedEconomy; diagnostics: Diagnostic[] } {
  const { sections, hierarchy, period } = input;
  const diagnostics: Diagnostic[] = [];
  const { rows, accountRow } = reportRows(input, diagnostics);
  const ccIndex = new Map<string, number>();
  hierarchy.root.costCentres.forEach((cc, i) => ccIndex.set(cc, i));
  const pass = accumulateLedger(input, rows, accountRow, ccIndex);
  diagnostics.push(...ledgerFindings(input, pass));
  diagnostics.push(...checkRuleNames(input, rows, ccIndex));
  const periodised = input.periodisation ? periodiseBudgets(input, input.periodisation, rows, ccIndex, pass.acc, diagnostics) : { budgetKeys: [], budgetKeyOf: null };
  const { forecasts, forecastOccasion, previousForecastOccasion, occasions } = indexForecasts(input, rows, accountRow, ccIndex, diagnostics);
  const proposed = input.propose && forecastOccasion !== null
    ? proposeForecasts(input.propose, rows, ccIndex, pass.acc, forecasts, forecastOccasion, previousForecastOccasion, period.month)
    : null;
  return {
    prepared: {
      period, sections, rows, ccIndex, acc: pass.acc, forecasts, forecastOccasion, previousForecastOccasion, occasions, proposed,
      ...periodised, hasBudget: pass.hasBudget,
      yearClosed: period.month === 12 && pass.hasDecemberActual,
      years: pass.years, gross: pass.gross, grossHas: pass.grossHas,
    },
    diagnostics,
  };
}

/**
 * The ansvar and report rows named in `forecast.propose` and `budget.periodisation` rules must exist: a misspelt
 * one is an error with the nearest name, never a rule that silently applies to nothing.
 */
function checkRuleNames(input: PrepareInput, rows: readonly ReportRow[], ccIndex: ReadonlyMap<string, number>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = input.files.config ?? 'rapport.config.yaml';
  const rowNames = [...new Set(rows.map((r) => r.name))];
  const ccs = [...ccIndex.keys()];
  const check = (base: string, rules: { readonly costCentres?: Record<string, string> | undefined; readonly reportRows?: Record<string, string> | undefined }) => {
    for (const cc of Object.keys(rules.costCentres ?? {})) {
      if (ccIndex.has(cc)) continue;
      const near = nearestName(cc, ccs);
      out.push(diag('config.unknown-rule-name', { what: 'Ansvaret', name: cc, setting: `${base}.costCentres`, source: "organisationen", suggestion: near ? ` Menade du "${near}"?` : '' }, { file }, cc));
    }
    for (const row of Object.keys(rules.reportRows ?? {})) {
      if (rowNames.includes(row)) continue;
      const near = nearestName(row, rowNames);
      out.push(diag('config.unknown-rule-name', { what: 'Raden', name: row, setting: `${base}.reportRows`, source: `kontogrupperingen (${input.files.accountGroups})`, suggestion: near ? ` Menade du "${near}"?` : '' }, { file }, row));
    }
  };
  if (input.propose) check('forecast.propose', input.propose);
  if (input.periodisation) check('budget.periodisation', input.periodisation);
  return out;
}

/** A configured key name as a key (the names were checked when the configuration was read). */
function namedKey(name: string, seasonalKeys: Readonly<Record<string, readonly number[]>>, outcome: () => number[] | null): PeriodisationKey | null {
  if (name === 'twelfths') return { kind: 'twelfths' };
  if (name === 'workingDays') return { kind: 'workingDays' };
  if (name === 'previousYear') {
    const o = outcome();
    return o === null ? null : { kind: 'previousYear', outcome: o };
  }
  const weights = seasonalKeys[name];
  return weights ? { kind: 'seasonal', name, weights } : null;
}

/**
 * Budget periodisation (`budget.periodisation`): each ansvar × report row's budget for the report year — the sum of
 * its budget months, i.e. the yearly budget wherever the export put it — is spread over the twelve months by the
 * line's key (an ansvar's rule, else its report row's, else `key`), exactly (calc/periodise.ts `spread`). The
 * previousYear key of a row is that report row's utfall per month the year before over the whole organisation.
 * A key that cannot spread a row's budget (no or mixed-sign outcome last year, weights summing to 0) is an error
 * naming the row; the budget is never left half-periodised.
 */
function periodiseBudgets(
  input: PrepareInput,
  spec: NonNullable<PrepareInput['periodisation']>,
  rows: readonly ReportRow[],
  ccIndex: ReadonlyMap<string, number>,
  acc: Accumulator,
  diagnostics: Diagnostic[],
): Pick<PreparedEconomy, 'budgetKeys' | 'budgetKeyOf'> {
  const year = input.period.year;
  const nRows = rows.length;
  const ccCodes = [...ccIndex.keys()];
  const budgetKeys: { name: string; key: PeriodisationKey; scope: string | null }[] = [];
  const keyIndex = new Map<string, number>();
  const weightsOf = new Map<number, bigint[] | null>();
  const budgetKeyOf = new Uint8Array(ccIndex.size * nRows);
  const file = input.files.config ?? 'rapport.config.yaml';
  const failed = new Set<string>();
  // The report row's outcome per month of the year before, over every ansvar (the previousYear key).
  const rowOutcome = (ri: number): number[] | null => {
    const out = new Array<number>(12).fill(0);
    let any = false;
    for (let ci = 0; ci < ccIndex.size; ci++) {
      const base = (ci * nRows + ri) * SLOTS;
      for (let m = 0; m < 12; m++) if (acc.has[base + m]! & 1) { out[m] = addOre(out[m]! as Ore, acc.actual[base + m]! as Ore); any = true; }
    }
    return any ? out : null;
  };
  for (let ci = 0; ci < ccIndex.size; ci++) {
    const cc = ccCodes[ci]!;
    for (let ri = 0; ri < nRows; ri++) {
      const base = (ci * nRows + ri) * SLOTS + 12;
      let has = false;
      let annual = 0;
      for (let m = 0; m < 12; m++) if (acc.has[base + m]! & 2) { has = true; annual = addOre(annual as Ore, acc.budget[base + m]! as Ore); }
      if (!has) continue;
      const row = rows[ri]!.name;
      const byCc = spec.costCentres?.[cc];
      const byRow = spec.reportRows?.[row];
      const name = byCc ?? byRow ?? spec.key;
      // The scope a rule key is named with in the note: the ansvar or the report row it was set for.
      const scope = byCc !== undefined ? `ansvar ${cc}` : byRow !== undefined ? row : null;
      // previousYear is one key per report row (its own outcome pattern); the others are one key for every line.
      const id = `${name}\u0000${name === 'previousYear' ? ri : ''}\u0000${scope ?? ''}`;
      let k = keyIndex.get(id);
      if (k === undefined) {
        const key = namedKey(name, spec.seasonalKeys, () => rowOutcome(ri));
        k = budgetKeys.length;
        keyIndex.set(id, k);
        budgetKeys.push({ name, key: key ?? { kind: 'twelfths' }, scope });
        let w: bigint[] | null = null;
        try {
          if (key === null) throw new PeriodisationError(`raden har inget utfall ${year - 1}`);
          w = keyWeights(key, year);
          if (w.reduce((a, b) => a + b, 0n) <= 0n) throw new PeriodisationError('nyckelns vikter summerar till noll');
        } catch (e) {
          if (!(e instanceof PeriodisationError)) throw e;
          const what = `${row}${scope && scope !== row ? ` (${scope})` : ''}`;
          if (!failed.has(what)) {
            failed.add(what);
            diagnostics.push(diag('budget.periodisation-failed', { key: name, row: what, reason: e.message }, { file }, name));
          }
        }
        weightsOf.set(k, w);
      }
      const w = weightsOf.get(k);
      if (!w) continue;
      const months = spread(annual, w);
      for (let m = 0; m < 12; m++) {
        acc.budget[base + m] = months[m]!;
        acc.has[base + m]! |= 2;
      }
      budgetKeyOf[ci * nRows + ri] = k + 1;
    }
  }
  return { budgetKeys, budgetKeyOf };
}

/**
 * Proposed forecasts (`forecast.propose`, calc/forecast-proposals.ts): every ansvar × report row with no supplied
 * forecast at the forecast occasion gets one by its method (an ansvar's rule, else its report row's, else
 * `method`), written into the occasion's table; the returned bits say which lines were proposed and how.
 */
function proposeForecasts(
  spec: NonNullable<PrepareInput['propose']>,
  rows: readonly ReportRow[],
  ccIndex: ReadonlyMap<string, number>,
  acc: Accumulator,
  forecasts: ReadonlyMap<number, { values: Float64Array; has: Uint8Array }>,
  occasion: number,
  previousOccasion: number | null,
  month: number,
): Uint8Array {
  const nRows = rows.length;
  const size = ccIndex.size * nRows;
  let table = forecasts.get(occasion);
  if (!table) {
    table = { values: new Float64Array(size), has: new Uint8Array(size) };
    (forecasts as Map<number, { values: Float64Array; has: Uint8Array }>).set(occasion, table);
  }
  const previous = previousOccasion !== null ? forecasts.get(previousOccasion) : undefined;
  const proposed = new Uint8Array(size);
  const ccCodes = [...ccIndex.keys()];
  for (let ci = 0; ci < ccIndex.size; ci++) {
    for (let ri = 0; ri < nRows; ri++) {
      const slot = ci * nRows + ri;
      if (table.has[slot]) continue;
      const base = slot * SLOTS;
      const actual: (number | null)[] = [];
      const budget: (number | null)[] = [];
      for (let k = 0; k < SLOTS; k++) {
        const h = acc.has[base + k]!;
        actual.push(h & 1 ? acc.actual[base + k]! : null);
        budget.push(h & 2 ? acc.budget[base + k]! : null);
      }
      const method = (spec.costCentres?.[ccCodes[ci]!] ?? spec.reportRows?.[rows[ri]!.name] ?? spec.method) as ForecastMethod;
      const p = proposeLine(method, { actual, budget, previous: previous && previous.has[slot] ? previous.values[slot]! : null }, month);
      if (p === null) continue;
      table.values[slot] = p.value;
      table.has[slot] = 1;
      proposed[slot] = METHOD_BIT[p.method];
    }
  }
  return proposed;
}

type ReportRow = { name: string; section: number };

/**
 * The report rows from the account grouping, in print order (by section, file order within a section), and each
 * account's row. A grouping row naming a section the configuration does not have is an error.
 */
function reportRows(input: PrepareInput, diagnostics: Diagnostic[]): { rows: ReportRow[]; accountRow: Map<string, number> } {
  const { accountGroups, sections } = input;
  const sectionIndex = new Map(sections.map((s, i) => [s.name, i]));
  const rows: ReportRow[] = [];
  const rowIndex = new Map<string, number>();
  const accountRow = new Map<string, number>();
  for (const g of accountGroups) {
    const si = sectionIndex.get(g.section);
    if (si === undefined) {
      diagnostics.push(
        diag('accounts.unknown-section', { section: g.section, known: sections.map((s) => s.name).join(', ') },
          { file: input.files.accountGroups, row: g.row, column: headersOf(input).groupsSection }, g.section),
      );
      continue;
    }
    const key = `${si}\u0000${g.reportRow}`;
    let ri = rowIndex.get(key);
    if (ri === undefined) {
      ri = rows.length;
      rows.push({ name: g.reportRow, section: si });
      rowIndex.set(key, ri);
    }
    accountRow.set(g.account, ri);
  }
  // Order rows by section order, keeping the file order within a section.
  const order = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.section - b.r.section || a.i - b.i);
  const remap = new Map(order.map((o, newIdx) => [o.i, newIdx]));
  for (const [acct, ri] of accountRow) accountRow.set(acct, remap.get(ri)!);
  return { rows: order.map((o) => o.r), accountRow };
}

/** What one pass over the ledger gives: the sums, and what did not fit (for the findings). */
interface LedgerPass {
  readonly acc: Accumulator;
  readonly unmapped: ReadonlyMap<string, { amount: number; rows: number }>;
  readonly unknownCc: ReadonlyMap<string, { amount: number; rows: number }>;
  /** Utfall of income rows and of cost rows, all years: the sign check's evidence. */
  readonly incomeSum: number;
  readonly costSum: number;
  /** Whether the report year has any utfall up to the report month. */
  readonly hasCurrentActual: boolean;
  /** Whether the report year has utfall in December. */
  readonly hasDecemberActual: boolean;
  /** Whether any line of the report year or the year before has a budget. */
  readonly hasBudget: boolean;
  readonly years: number;
  readonly gross: Float64Array;
  readonly grossHas: Uint8Array;
}

/**
 * Sums utfall and budget per ansvar × report row × month (slots 0–11 the year before, 12–23 the report year), in
 * exact öre, and the gross-cost utfall per ansvar × month over the kept years (`years`). Lines of an unmapped account
 * or an ansvar outside the organisation are counted for the findings, never summed; lines of other years are left out.
 */
function accumulateLedger(input: PrepareInput, rows: readonly ReportRow[], accountRow: ReadonlyMap<string, number>, ccIndex: ReadonlyMap<string, number>): LedgerPass {
  const { ledger, sections, period } = input;
  const nRows = rows.length;
  const acc = newAcc(ccIndex.size * nRows);
  const y = period.year;
  const unmapped = new Map<string, { amount: number; rows: number }>();
  const unknownCc = new Map<string, { amount: number; rows: number }>();
  // Dense lookups (−1 = none) keep the loop over a million entries monomorphic and allocation-free.
  const accRowOfIdx = Int32Array.from(ledger.accounts, (a) => accountRow.get(a) ?? -1);
  const ccOfIdx = Int32Array.from(ledger.costCentres, (c) => ccIndex.get(c) ?? -1);
  // Income-like kinds sum positive in report sign: verksamhetens intäkter, skatteintäkter, statsbidrag, finansiella intäkter.
  const incomeKinds: readonly SectionKind[] = ['income', 'taxes', 'grants', 'financialIncome'];
  const rowIsIncome = Uint8Array.from(rows, (r) => (incomeKinds.includes(sections[r.section]!.kind) ? 1 : 0));
  let incomeSum = 0;
  let costSum = 0;
  let hasCurrentActual = false;
  let hasDecemberActual = false;
  let hasBudget = false;
  const accActual = acc.actual;
  const accBudget = acc.budget;
  const accHas = acc.has;
  const years = Math.max(2, Math.trunc(input.years ?? 2));
  const firstYear = y - years + 1;
  const grossMonths = 12 * years;
  const gross = new Float64Array(ccIndex.size * grossMonths);
  const grossHas = new Uint8Array(ccIndex.size * grossMonths);
  const accountIsGross = Uint8Array.from(ledger.accounts, (a) => {
    const ri = accountRow.get(a);
    return ri !== undefined && sections[rows[ri]!.section]!.kind === 'cost' && isGrossCostAccount(a) ? 1 : 0;
  });
  const c = ledgerColumns(ledger);
  for (let k = 0; k < c.has.length; k++) {
    const account = c.account[k]!;
    const costCentre = c.costCentre[k]!;
    const h = c.has[k]!;
    const actual = h & 1 ? c.actual[k]! : null;
    const budget = h & 2 ? c.budget[k]! : null;
    const ri = accRowOfIdx[account]!;
    if (ri < 0) {
      const code = ledger.accounts[account]!;
      const u = unmapped.get(code) ?? { amount: 0, rows: 0 };
      u.amount += actual ?? 0;
      u.rows++;
      unmapped.set(code, u);
      continue;
    }
    const ci = ccOfIdx[costCentre]!;
    if (ci < 0) {
      const code = ledger.costCentres[costCentre]!;
      const u = unknownCc.get(code) ?? { amount: 0, rows: 0 };
      u.amount += actual ?? 0;
      u.rows++;
      unknownCc.set(code, u);
      continue;
    }
    if (actual !== null) {
      if (rowIsIncome[ri] === 1) incomeSum += actual;
      else costSum += actual;
    }
    const p = c.period[k]!;
    const year = (p / 100) | 0;
    const month = p - year * 100;
    if (actual !== null && accountIsGross[account] === 1 && year >= firstYear && year <= y) {
      const g = ci * grossMonths + (year - firstYear) * 12 + month - 1;
      gross[g] = addOre(gross[g]! as Ore, actual as Ore);
      grossHas[g] = 1;
    }
    let base: number;
    if (year === y) base = 12;
    else if (year === y - 1) base = 0;
    else continue;
    if (base === 12 && month <= period.month && actual !== null) hasCurrentActual = true;
    if (base === 12 && month === 12 && actual !== null) hasDecemberActual = true;
    const slot = (ci * nRows + ri) * SLOTS + base + month - 1;
    if (actual !== null) {
      accActual[slot] = addOre(accActual[slot]! as Ore, actual as Ore);
      accHas[slot]! |= 1;
    }
    if (budget !== null) {
      accBudget[slot] = addOre(accBudget[slot]! as Ore, budget as Ore);
      accHas[slot]! |= 2;
      hasBudget = true;
    }
  }
  return { acc, unmapped, unknownCc, incomeSum, costSum, hasCurrentActual, hasDecemberActual, hasBudget, years, gross, grossHas };
}

/** The findings of the ledger pass: unmapped accounts, unknown ansvar, unused ledger forecasts, sign, an empty year. */
function ledgerFindings(input: PrepareInput, pass: LedgerPass): Diagnostic[] {
  const { ledger, period } = input;
  const y = period.year;
  const headers = headersOf(input);
  const out: Diagnostic[] = [];
  for (const [account, u] of [...pass.unmapped].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.push(
      diag('accounts.unmapped', { account, amount: formatOreForMessage(u.amount), rows: u.rows }, { file: input.files.ledger, column: headers.ledgerAccount }, account),
    );
  }
  for (const [costCentre, u] of [...pass.unknownCc].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.push(
      diag('org.unknown-cost-centre', { costCentre, amount: formatOreForMessage(u.amount), rows: u.rows }, { file: input.files.ledger, column: headers.ledgerCostCentre }, costCentre),
    );
  }
  // The ledger's own Prognos column is read, but full-year forecasts come from the forecasts source (per occasion,
  // so the previous forecast is known). Values there must not vanish without a word.
  if (!input.forecasts) {
    const f = ledgerColumns(ledger);
    let n = 0;
    for (let k = 0; k < f.has.length; k++) if (f.has[k]! & 4) n++;
    if (n > 0) out.push(diag('ledger.forecast-unused', { rows: n }, { file: input.files.ledger, column: headers.ledgerForecast }));
  }
  // Sign sanity: in report sign income sums positive and costs negative. Both the other way round means the
  // file's sign mode is wrong; one of them alone can be a real (if odd) ledger, so that is only a warning too.
  if (pass.incomeSum < 0 && pass.costSum > 0) {
    out.push(
      diag('ledger.sign-suspect', { amount: formatOreForMessage(pass.incomeSum), mode: ledger.sourceSign === 'ledger' ? 'huvudbokstecken' : 'rapporttecken' },
        { file: input.files.ledger }),
    );
  }
  if (!pass.hasCurrentActual && pass.unmapped.size === 0) {
    out.push(diag('ledger.no-data-for-year', { year: y, period: `${y}-${String(period.month).padStart(2, '0')}` }, { file: input.files.ledger }));
  }
  return out;
}

/**
 * Forecasts per occasion, ansvar × row. The occasion used is the latest one ≤ the report period within the report
 * year; the previous occasion is the one before it (seed 003: "prognosförändring sedan föregående rapport").
 */
function indexForecasts(
  input: PrepareInput,
  rows: readonly ReportRow[],
  accountRow: ReadonlyMap<string, number>,
  ccIndex: ReadonlyMap<string, number>,
  diagnostics: Diagnostic[],
): Pick<PreparedEconomy, 'forecasts' | 'forecastOccasion' | 'previousForecastOccasion' | 'occasions'> {
  const { period } = input;
  const y = period.year;
  const nRows = rows.length;
  const forecasts = new Map<number, { values: Float64Array; has: Uint8Array }>();
  const current = y * 100 + period.month;
  // With proposals the report's own forecast is made at the report period: supplied where the file has that
  // occasion, proposed elsewhere; the previous forecast is then the latest supplied occasion before it.
  if (!input.forecasts || input.forecasts.length === 0) {
    return { forecasts, forecastOccasion: input.propose ? current : null, previousForecastOccasion: null, occasions: [] };
  }
  const occasions = [...new Set(input.forecasts.map((f) => f.occasion))].filter((o) => o <= current && Math.trunc(o / 100) === y).sort((a, b) => a - b);
  const forecastOccasion = input.propose ? current : (occasions.at(-1) ?? null);
  if (forecastOccasion === null) {
    // Forecasts were given but none is for this report year up to the report month: say so rather than show
    // a report without forecast columns as if none had been made.
    diagnostics.push(diag('forecast.none-for-period', { period: `${y}-${String(period.month).padStart(2, '0')}` }, { file: input.files.forecasts ?? 'prognoser' }));
  }
  const previousForecastOccasion = input.propose ? (occasions.filter((o) => o < current).at(-1) ?? null) : occasions.length >= 2 ? occasions.at(-2)! : null;
  const headers = headersOf(input);
  const rowByName = new Map<string, number>();
  rows.forEach((r, i) => { if (!rowByName.has(r.name)) rowByName.set(r.name, i); });
  for (const f of input.forecasts) {
    // Every occasion of the year up to the report period is indexed: prognossäkerhet compares them all with the outcome.
    if (!occasions.includes(f.occasion)) continue;
    const ri = f.reportRow !== undefined ? rowByName.get(f.reportRow) : f.account !== undefined ? accountRow.get(f.account) : undefined;
    const ci = ccIndex.get(f.costCentre);
    const file = input.files.forecasts ?? 'prognoser';
    if (ri === undefined) {
      diagnostics.push(diag('forecast.unknown-row', { value: f.reportRow ?? f.account ?? '' }, { file, row: f.row, column: f.reportRow !== undefined ? headers.forecastRow : headers.forecastAccount }, f.reportRow ?? f.account ?? ''));
      continue;
    }
    if (ci === undefined) {
      diagnostics.push(diag('forecast.unknown-cost-centre', { costCentre: f.costCentre }, { file, row: f.row, column: headers.forecastCostCentre }, f.costCentre));
      continue;
    }
    let t = forecasts.get(f.occasion);
    if (!t) {
      t = { values: new Float64Array(ccIndex.size * nRows), has: new Uint8Array(ccIndex.size * nRows) };
      forecasts.set(f.occasion, t);
    }
    const slot = ci * nRows + ri;
    t.values[slot] = addOre(t.values[slot]! as Ore, f.forecast);
    t.has[slot] = 1;
  }
  return { forecasts, forecastOccasion, previousForecastOccasion, occasions };
}

/** Raw sums of one row (or any set of rows) for one node: per slot value + presence. */
interface Sums {
  actual: (number | null)[];
  budget: (number | null)[];
  forecast: number | null;
  previousForecast: number | null;
  /** METHOD_BIT of every proposed forecast summed into `forecast`. */
  proposed: number;
}

function emptySums(): Sums {
  return { actual: new Array(SLOTS).fill(null), budget: new Array(SLOTS).fill(null), forecast: null, previousForecast: null, proposed: 0 };
}

function addInto(target: Sums, src: Sums): void {
  for (let s = 0; s < SLOTS; s++) {
    const a = src.actual[s]!;
    if (a !== null) target.actual[s] = target.actual[s] === null ? a : addOre(target.actual[s]! as Ore, a as Ore);
    const b = src.budget[s]!;
    if (b !== null) target.budget[s] = target.budget[s] === null ? b : addOre(target.budget[s]! as Ore, b as Ore);
  }
  if (src.forecast !== null) target.forecast = target.forecast === null ? src.forecast : addOre(target.forecast as Ore, src.forecast as Ore);
  target.proposed |= src.proposed;
  if (src.previousForecast !== null) {
    target.previousForecast = target.previousForecast === null ? src.previousForecast : addOre(target.previousForecast as Ore, src.previousForecast as Ore);
  }
}

function sumSlots(values: readonly (number | null)[], from: number, to: number): MaybeOre {
  let acc: number | null = null;
  for (let s = from; s <= to; s++) {
    const v = values[s]!;
    if (v !== null) acc = acc === null ? v : addOre(acc as Ore, v as Ore);
  }
  return acc === null ? null : ore(acc);
}

/**
 * Förändring as an exact ratio (cur − prev) / prev with a positive denominator. A row that had utfall last year
 * but none this year has changed by −100 % (seed 001, "Tandvårdsintäkter"); no previous utfall → no figure.
 */
export function changeRatio(current: MaybeOre, previous: MaybeOre): Ratio | null {
  if (previous === null || previous === 0) return null;
  const cur = current ?? 0;
  const num = cur - previous;
  return previous > 0 ? { num, den: previous } : { num: -num, den: -previous };
}

/** A row's figures from its sums. `hasBudget` false: the ledger has no budget, so every deviation from budget is blank. */
function figuresFrom(s: Sums, month: number, hasBudget: boolean, yearOutcome: boolean): RowFigures {
  const cur = 12;
  const ackActual = sumSlots(s.actual, cur, cur + month - 1);
  const ackBudget = sumSlots(s.budget, cur, cur + month - 1);
  const prevAckActual = sumSlots(s.actual, 0, month - 1);
  const annualBudget = sumSlots(s.budget, cur, cur + 11);
  // Helårsprognos: the forecast source's value at the report's occasion. In the December report of a closed year
  // (December has utfall) the year is over and its forecast is its outcome: helårsprognos = ack utfall jan–dec
  // (domain.md: the forecast for the whole year). Forecast-file values that differ are not shown; reconcile.ts
  // names them (reconcile.december-forecast).
  const forecast = yearOutcome && month === 12 ? ackActual : s.forecast === null ? null : ore(s.forecast);
  const previousForecast = s.previousForecast === null ? null : ore(s.previousForecast);
  const monthActual = s.actual[cur + month - 1]!;
  const monthBudget = s.budget[cur + month - 1]!;
  return {
    monthDeviation: hasBudget ? diffMaybe(monthActual === null ? null : ore(monthActual), monthBudget === null ? null : ore(monthBudget)) : null,
    prevAckActual,
    ackActual,
    ackBudget,
    ackDeviation: hasBudget ? diffMaybe(ackActual, ackBudget) : null,
    change: changeRatio(ackActual, prevAckActual),
    annualBudget,
    forecast,
    forecastDeviation: forecast === null || !hasBudget ? null : diffMaybe(forecast, annualBudget),
    previousForecast,
    forecastChange: forecast === null || previousForecast === null ? null : diffMaybe(forecast, previousForecast),
    prevYearActual: sumSlots(s.actual, 0, 11),
    ackDeviationPrevYear: diffMaybe(ackActual, prevAckActual),
    forecastMethods: methodsOf(s.proposed),
  };
}

/**
 * A report row's sums for a node, made once per prepared economy (the unit's figures, the region level's lines and the
 * archive of published months all read them). Shared: the callers only read them.
 */
function rowSums(p: PreparedEconomy, node: OrgNode, ri: number): Sums {
  return nodeRows(p, node)[ri]!;
}

/** Every report row's sums for a node, made once per prepared economy. */
function nodeRows(p: PreparedEconomy, node: OrgNode): Sums[] {
  let byNode = rowSumsMemo.get(p);
  if (!byNode) rowSumsMemo.set(p, (byNode = new WeakMap()));
  let rows = byNode.get(node);
  if (!rows) byNode.set(node, (rows = nodeRowSums(p, node)));
  return rows;
}

const rowSumsMemo = new WeakMap<PreparedEconomy, WeakMap<OrgNode, Sums[]>>();

/**
 * Every report row's sums for a node, in one pass over its ansvar: an ansvar's rows lie side by side in the
 * accumulator (ansvar × row × slot), so they are read in memory order. Summed in typed arrays (`seen`: 1 actual,
 * 2 budget met in that slot) and only then written into the sums with null for "no value".
 */
function nodeRowSums(p: PreparedEconomy, node: OrgNode): Sums[] {
  const nRows = p.rows.length;
  const sums = Array.from({ length: nRows }, () => emptySums());
  // A node whose children are units, not single ansvar, and hold all its ansvar between them: the sum of its
  // children's sums (kept, and asked for anyway by a report that shows them), so each ansvar is summed once per tree
  // rather than once per level. Sums of whole öre are exact in any order.
  const { children } = node;
  if (children.length > 0 && children.every((c) => c.children.length > 0) && children.reduce((n, c) => n + c.costCentres.length, 0) === node.costCentres.length) {
    for (const child of children) {
      const rows = nodeRows(p, child);
      for (let ri = 0; ri < nRows; ri++) addInto(sums[ri]!, rows[ri]!);
    }
    return sums;
  }
  const fc = p.forecastOccasion !== null ? p.forecasts.get(p.forecastOccasion) : undefined;
  const pfc = p.previousForecastOccasion !== null ? p.forecasts.get(p.previousForecastOccasion) : undefined;
  const actual = new Float64Array(nRows * SLOTS);
  const budget = new Float64Array(nRows * SLOTS);
  const seen = new Uint8Array(nRows * SLOTS);
  const { has, actual: accActual, budget: accBudget } = p.acc;
  for (const cc of node.costCentres) {
    const ci = p.ccIndex.get(cc);
    if (ci === undefined) continue;
    const from = ci * nRows * SLOTS;
    for (let o = 0; o < nRows * SLOTS; o++) {
      const h = has[from + o]!;
      if (h === 0) continue;
      if (h & 1) actual[o] = seen[o]! & 1 ? addOre(actual[o]! as Ore, accActual[from + o]! as Ore) : accActual[from + o]!;
      if (h & 2) budget[o] = seen[o]! & 2 ? addOre(budget[o]! as Ore, accBudget[from + o]! as Ore) : accBudget[from + o]!;
      seen[o] = seen[o]! | (h & 3);
    }
    for (let ri = 0; ri < nRows; ri++) {
      const s = sums[ri]!;
      const fslot = ci * nRows + ri;
      if (fc && fc.has[fslot]) s.forecast = s.forecast === null ? fc.values[fslot]! : addOre(s.forecast as Ore, fc.values[fslot]! as Ore);
      if (p.proposed) s.proposed |= p.proposed[fslot]!;
      if (pfc && pfc.has[fslot]) {
        s.previousForecast = s.previousForecast === null ? pfc.values[fslot]! : addOre(s.previousForecast as Ore, pfc.values[fslot]! as Ore);
      }
    }
  }
  for (let ri = 0; ri < nRows; ri++) {
    const s = sums[ri]!;
    for (let k = 0; k < SLOTS; k++) {
      const o = ri * SLOTS + k;
      if (seen[o]! & 1) s.actual[k] = actual[o]!;
      if (seen[o]! & 2) s.budget[k] = budget[o]!;
    }
  }
  return sums;
}

/**
 * Each unit's figures are computed once per prepared economy: the report, the archive of published figures and the
 * checks against it all ask for the same units (a report of an area also asks for its delområden). The results
 * are never changed after they are made (`withPreviousForecasts` builds new objects), so they can be shared.
 */
const economyMemo = new WeakMap<PreparedEconomy, WeakMap<OrgNode, EconomyResult>>();

/** Figures per report row, per section (with totals) and for the net, for one node of the tree. */
export function computeEconomy(p: PreparedEconomy, node: OrgNode): EconomyResult {
  let byNode = economyMemo.get(p);
  if (!byNode) economyMemo.set(p, (byNode = new WeakMap()));
  let result = byNode.get(node);
  if (!result) byNode.set(node, (result = computeEconomyOnce(p, node)));
  return result;
}

function computeEconomyOnce(p: PreparedEconomy, node: OrgNode): EconomyResult {
  const month = p.period.month;
  const netSums = emptySums();
  const all: SectionResult[] = p.sections.map((def, si) => {
    const sectionSums = emptySums();
    const rows: RowResult[] = [];
    p.rows.forEach((r, ri) => {
      if (r.section !== si) return;
      const s = rowSums(p, node, ri);
      addInto(sectionSums, s);
      rows.push({ name: r.name, figures: figuresFrom(s, month, p.hasBudget, p.forecastOccasion !== null && p.yearClosed) });
    });
    // Verksamhetens nettokostnad = the income and cost sections only (taxes and finansiella poster lie below it).
    if (isOperating(def.kind)) addInto(netSums, sectionSums);
    return { name: def.name, kind: def.kind, rows, total: figuresFrom(sectionSums, month, p.hasBudget, p.forecastOccasion !== null && p.yearClosed) };
  });
  const sections = all.filter((s) => isOperating(s.kind));
  const financing = all.filter((s) => !isOperating(s.kind));
  const monthly: MonthlyNet[] = [];
  for (let m = 1; m <= 12; m++) {
    const a = netSums.actual[11 + m]!;
    const b = netSums.budget[11 + m]!;
    const pa = netSums.actual[m - 1]!;
    monthly.push({
      month: m,
      actual: m <= month && a !== null ? ore(a) : null,
      budget: b === null ? null : ore(b),
      prevActual: pa === null ? null : ore(pa),
    });
  }
  return {
    nodeId: node.id,
    nodeName: node.name,
    sections,
    financing,
    net: figuresFrom(netSums, month, p.hasBudget, p.forecastOccasion !== null && p.yearClosed),
    monthly,
    forecastOccasion: p.forecastOccasion,
    previousForecastOccasion: p.previousForecastOccasion,
    occasionForecasts: occasionForecasts(p, node),
    budgetNote: budgetNote(p, node),
    grossCost: grossCostRolling(p, node),
  };
}

/** YYYYMM `n` months after `period` (n may be negative). */
function addMonths(period: number, n: number): number {
  const i = Math.trunc(period / 100) * 12 + (period % 100) - 1 + n;
  return Math.floor(i / 12) * 100 + (i % 12) + 1;
}

/**
 * The node's gross cost over the 12 months up to the report month and the same 12 months a year earlier
 * (GrossCostRolling): each window is the sum of its months' gross-cost utfall over the node's ansvar, exact öre;
 * a window with a month that has no gross-cost line at all is blank (no data ≠ 0), and the month is named.
 * Bruttokostnadsutveckling = current / previous − 1 (changeRatio). Null when fewer years are kept than it needs.
 */
export function grossCostRolling(p: PreparedEconomy, node: OrgNode): GrossCostRolling | null {
  if (p.years < yearsForRolling12(p.period)) return null;
  const to = p.period.year * 100 + p.period.month;
  const firstYear = p.period.year - p.years + 1;
  const grossMonths = 12 * p.years;
  const sumMonth = (ym: number): number | null => {
    const m = (Math.trunc(ym / 100) - firstYear) * 12 + (ym % 100) - 1;
    let acc: number | null = null;
    for (const cc of node.costCentres) {
      const ci = p.ccIndex.get(cc);
      if (ci === undefined || p.grossHas[ci * grossMonths + m] !== 1) continue;
      acc = acc === null ? p.gross[ci * grossMonths + m]! : addOre(acc as Ore, p.gross[ci * grossMonths + m]! as Ore);
    }
    return acc;
  };
  const missingMonths: number[] = [];
  const windowSum = (last: number): MaybeOre => {
    let acc = 0;
    let complete = true;
    for (let i = 11; i >= 0; i--) {
      const ym = addMonths(last, -i);
      const v = sumMonth(ym);
      if (v === null) {
        complete = false;
        missingMonths.push(ym);
      } else acc = addOre(acc as Ore, v as Ore);
    }
    return complete ? ore(acc) : null;
  };
  const previous = windowSum(addMonths(to, -12));
  const current = windowSum(to);
  return {
    from: addMonths(to, -11),
    to,
    current,
    previous,
    change: current === null ? null : changeRatio(current, previous),
    missingMonths,
  };
}

/** The node's net forecast at each supplied occasion of the year (Σ over its ansvar and every row; null = none). */
function occasionForecasts(p: PreparedEconomy, node: OrgNode): { occasion: number; forecast: MaybeOre }[] {
  const nRows = p.rows.length;
  return p.occasions.map((occasion) => {
    const t = p.forecasts.get(occasion);
    let acc: number | null = null;
    if (t) {
      for (const cc of node.costCentres) {
        const ci = p.ccIndex.get(cc);
        if (ci === undefined) continue;
        for (let ri = 0; ri < nRows; ri++) {
          const slot = ci * nRows + ri;
          // Proposed values live in the report period's table; only supplied ones count as a forecast made then.
          if (t.has[slot] && !(occasion === p.forecastOccasion && p.proposed && p.proposed[slot])) acc = addOre((acc ?? 0) as Ore, t.values[slot]! as Ore);
        }
      }
    }
    return { occasion, forecast: acc === null ? null : ore(acc) };
  });
}

/**
 * The note naming the periodisation key(s) of the node's budget lines: the main key's sentence (periodise.ts
 * `keyNote`), then each rule key the node's lines use with the ansvar or row it was set for.
 */
function budgetNote(p: PreparedEconomy, node: OrgNode): string | null {
  if (!p.budgetKeyOf) return null;
  const nRows = p.rows.length;
  const used = new Set<number>();
  for (const cc of node.costCentres) {
    const ci = p.ccIndex.get(cc);
    if (ci === undefined) continue;
    for (let ri = 0; ri < nRows; ri++) {
      const k = p.budgetKeyOf[ci * nRows + ri]!;
      if (k > 0) used.add(k - 1);
    }
  }
  if (used.size === 0) return null;
  const year = p.period.year;
  const keys = [...used].sort((a, b) => a - b).map((k) => p.budgetKeys[k]!);
  const main = keys.filter((k) => k.scope === null);
  const rules = keys.filter((k) => k.scope !== null);
  // previousYear keys differ per row but read the same in words: name them once.
  const mainText = main.length > 0 ? keyNote(main[0]!.key, year) : '';
  const byPhrase = new Map<string, string[]>();
  for (const r of rules) {
    const phrase = keyPhrase(r.key, year);
    const list = byPhrase.get(phrase) ?? [];
    if (!list.includes(r.scope!)) list.push(r.scope!);
    byPhrase.set(phrase, list);
  }
  const ruleText = [...byPhrase].map(([phrase, scopes]) => `För ${scopes.join(', ')} är budgeten periodiserad ${phrase}.`).join(' ');
  return [mainText, ruleText].filter((t) => t !== '').join(' ');
}

/** True when any row of the result has a figure for the given measure (used to leave out empty columns). */
export function hasAny(result: EconomyResult, pick: (f: RowFigures) => MaybeOre): boolean {
  return result.sections.some((s) => s.rows.some((r) => pick(r.figures) !== null));
}

/**
 * The figures of a set of report rows summed together for one node (the rows by their index in `p.rows`), with
 * the same rules as a section total: used by the region level for lines made of whole report rows.
 */
export function rowsFigures(p: PreparedEconomy, node: OrgNode, rowIndices: readonly number[]): RowFigures {
  const s = emptySums();
  for (const ri of rowIndices) addInto(s, rowSums(p, node, ri));
  return figuresFrom(s, p.period.month, p.hasBudget, p.forecastOccasion !== null && p.yearClosed);
}

/**
 * Figures from monthly sums the caller has made (index 0..11 the previous year's months, 12..23 the report
 * year's; null = no entry) and a forecast pair, by the same formulas as every report row.
 */
export function figuresFromSlots(
  p: PreparedEconomy,
  actual: readonly (number | null)[],
  budget: readonly (number | null)[],
  forecast: number | null,
  previousForecast: number | null,
): RowFigures {
  return figuresFrom({ actual: [...actual], budget: [...budget], forecast, previousForecast, proposed: 0 }, p.period.month, p.hasBudget, p.forecastOccasion !== null && p.yearClosed);
}

/**
 * One report row's utfall per month for a node, as `computeEconomy` sums it: index 0..11 are the previous year's
 * months, 12..23 the report year's (null = no entry). The archive of published figures keeps them, so a later run
 * can tell that a month already reported on has changed.
 */
export function rowMonthlyActuals(p: PreparedEconomy, node: OrgNode, ri: number): readonly MaybeOre[] {
  return rowSums(p, node, ri).actual.map((v) => (v === null ? null : ore(v)));
}

/**
 * "Prognosförändring sedan föregående rapport" from the archive of published figures (pipeline/archive.ts), for
 * when the forecast file has no earlier occasion of the year: each row's previous forecast is the one the previous
 * report published for the same unit, section and row (`previous`; undefined = the row was not in that report).
 * Section totals and the net are the sums of their rows' previous forecasts (blank when none has one), and
 * prognosförändring = helårsprognos − föregående prognos, as in `figuresFrom`. `occasion` names the previous
 * report's period (YYYYMM) for the column heading.
 */
export function withPreviousForecasts(result: EconomyResult, previous: (section: string, row: string) => MaybeOre | undefined, occasion: number): EconomyResult {
  const change = (f: RowFigures, prev: MaybeOre): RowFigures => ({
    ...f,
    previousForecast: prev,
    forecastChange: f.forecast === null || prev === null ? null : diffMaybe(f.forecast, prev),
  });
  const total = (values: readonly MaybeOre[]): MaybeOre => {
    const present = values.filter((v): v is Ore => v !== null);
    return present.length === 0 ? null : present.reduce((a, v) => addOre(a, v), ore(0));
  };
  const sections = result.sections.map((s) => {
    const rows = s.rows.map((r) => ({ ...r, figures: change(r.figures, previous(s.name, r.name) ?? null) }));
    return { ...s, rows, total: change(s.total, total(rows.map((r) => r.figures.previousForecast))) };
  });
  return {
    ...result,
    sections,
    net: change(result.net, total(sections.map((s) => s.total.previousForecast))),
    previousForecastOccasion: occasion,
  };
}
