/**
 * The region level (issue 15; seeds 000 and 001; docs/domain.md "Resultaträkning cascade"): the resultaträkning from
 * verksamhetens intäkter down to årets resultat, the underliggande resultat (årets resultat without the
 * jämförelsestörande poster) and the balanskravsutredning, for any node whose ansvar carry the lines below the net
 * (skatteintäkter, generella statsbidrag och utjämning, finansiella poster: the sections of those kinds). Also the
 * omsättning that the side-by-side table's deviation percentages are taken of.
 *
 * Pure and exact like `economy.ts`: every line is a `RowFigures` in report sign (income positive, costs negative,
 * a result positive when it is a surplus), summed in öre; null is "no data". A line made of whole report rows takes
 * their forecasts too; a line picked by single accounts has no forecast (forecasts are given per report row), so
 * every figure built on it leaves its forecast blank rather than guessing.
 */
import { addMaybe, addOre, diffMaybe, ore, type MaybeOre, type Ore } from '../model/ore.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { AccountGroupRow, Ledger } from '../model/records.js';
import type { Ratio } from '../model/figures.js';
import type { RegionResultSpec, AccountSelection } from '../config/schema.js';
import { diag } from '../messages/index.js';
import { didYouMean } from '../messages/suggest.js';
import type { OrgNode } from './hierarchy.js';
import { ledgerColumns } from '../model/records.js';
import {
  SLOTS, changeRatio, figuresFromSlots, isOperating, rowsFigures,
  type EconomyResult, type PreparedEconomy, type RowFigures, type SectionResult,
} from './economy.js';

/** The account selections of `regionResult` (rapport.config.yaml), by their setting name. */
export const MARKS = ['itemsAffectingComparability', 'depreciation', 'realisedGains', 'unrealisedSecurities'] as const;
export type Mark = (typeof MARKS)[number];

interface PreparedMark {
  /** The report rows (indices into PreparedEconomy.rows) the mark covers whole, or null when it takes single accounts. */
  readonly wholeRows: readonly number[] | null;
  /** Only when wholeRows is null: utfall and budget per ansvar × slot (economy.ts SLOTS), with presence bits. */
  readonly actual: Float64Array | null;
  readonly budget: Float64Array | null;
  readonly has: Uint8Array | null;
  /** Whether the configuration names anything for this mark. */
  readonly configured: boolean;
}

export interface PreparedRegionResult {
  readonly marks: Readonly<Record<Mark, PreparedMark>>;
  readonly reserve: RegionResultSpec['reserve'];
}

export interface PrepareRegionInput {
  readonly prepared: PreparedEconomy;
  readonly ledger: Ledger;
  readonly accountGroups: readonly AccountGroupRow[];
  readonly spec: RegionResultSpec;
  /** The account grouping's file name, for messages. */
  readonly accountGroupsFile: string;
  /** The configuration file's name, for messages. */
  readonly configFile: string;
}

/**
 * Checks the `regionResult` selections against the account grouping (an account or report row that matches nothing
 * is an error with the nearest name; an avskrivning outside the cost sections is an error) and sums the marks that
 * pick single accounts in one pass over the ledger.
 */
export function prepareRegionResult(input: PrepareRegionInput): { prepared: PreparedRegionResult | null; diagnostics: Diagnostic[] } {
  const { prepared: pe, spec } = input;
  const diagnostics: Diagnostic[] = [];
  const sectionNames = new Set(pe.sections.map((s) => s.name));
  const groups = input.accountGroups.filter((g) => sectionNames.has(g.section));
  const accountsOfRow = new Map<string, string[]>();
  for (const g of groups) accountsOfRow.set(g.reportRow, [...(accountsOfRow.get(g.reportRow) ?? []), g.account]);
  const groupOf = new Map(groups.map((g) => [g.account, g]));
  const rowIndex = (g: AccountGroupRow) => pe.rows.findIndex((r) => r.name === g.reportRow && pe.sections[r.section]!.name === g.section);

  const accountSets = new Map<Mark, Set<string>>();
  for (const mark of MARKS) {
    const sel: AccountSelection = spec[mark];
    const set = new Set<string>();
    for (const account of sel.accounts) {
      if (!groupOf.has(account)) {
        diagnostics.push(diag('region.unknown-account', { account, setting: mark, file: input.accountGroupsFile, suggestion: didYouMean(account, groupOf.keys()) }, { file: input.configFile }, account));
      } else set.add(account);
    }
    for (const row of sel.reportRows) {
      const accounts = accountsOfRow.get(row);
      if (!accounts) {
        diagnostics.push(diag('region.unknown-row', { row, setting: mark, file: input.accountGroupsFile, suggestion: didYouMean(row, accountsOfRow.keys()) }, { file: input.configFile }, row));
      } else for (const a of accounts) set.add(a);
    }
    if (mark === 'depreciation') {
      for (const a of set) {
        const g = groupOf.get(a)!;
        const kind = pe.sections.find((s) => s.name === g.section)!.kind;
        if (kind !== 'cost') diagnostics.push(diag('region.not-cost', { account: a, section: g.section }, { file: input.configFile }, a));
      }
    }
    accountSets.set(mark, set);
  }
  if (diagnostics.length > 0) return { prepared: null, diagnostics };

  // A mark covers whole rows when every account of each row it touches is in it: then its figures, forecasts
  // included, are those rows' sums. Otherwise its utfall and budget are summed from the ledger by account.
  const partial: Mark[] = [];
  const wholeRows = new Map<Mark, number[] | null>();
  for (const mark of MARKS) {
    const set = accountSets.get(mark)!;
    const rows = new Set<number>();
    let whole = true;
    for (const a of set) {
      const g = groupOf.get(a)!;
      if (!(accountsOfRow.get(g.reportRow) ?? []).every((x) => set.has(x))) whole = false;
      rows.add(rowIndex(g));
    }
    wholeRows.set(mark, whole ? [...rows].sort((x, y) => x - y) : null);
    if (!whole) partial.push(mark);
  }
  const nCc = pe.ccIndex.size;
  const sums = new Map<Mark, { actual: Float64Array; budget: Float64Array; has: Uint8Array }>();
  for (const mark of partial) sums.set(mark, { actual: new Float64Array(nCc * SLOTS), budget: new Float64Array(nCc * SLOTS), has: new Uint8Array(nCc * SLOTS) });
  if (partial.length > 0) {
    const { ledger } = input;
    // Per account index of the ledger: the bit set of the partial marks it belongs to.
    const markBits = Int32Array.from(ledger.accounts, (a) => partial.reduce((bits, m, i) => (accountSets.get(m)!.has(a) ? bits | (1 << i) : bits), 0));
    const ccOf = Int32Array.from(ledger.costCentres, (c) => pe.ccIndex.get(c) ?? -1);
    const c = ledgerColumns(ledger);
    const y = pe.period.year;
    for (let k = 0; k < c.has.length; k++) {
      const bits = markBits[c.account[k]!]!;
      if (bits === 0) continue;
      const ci = ccOf[c.costCentre[k]!]!;
      if (ci < 0) continue; // an ansvar outside the organisation is an error of prepareEconomy
      const p = c.period[k]!;
      const year = (p / 100) | 0;
      const base = year === y ? 12 : year === y - 1 ? 0 : -1;
      if (base < 0) continue;
      const slot = ci * SLOTS + base + (p - year * 100) - 1;
      const h = c.has[k]!;
      partial.forEach((m, i) => {
        if ((bits & (1 << i)) === 0) return;
        const s = sums.get(m)!;
        if (h & 1) { s.actual[slot] = addOre(s.actual[slot]! as Ore, c.actual[k]! as Ore); s.has[slot]! |= 1; }
        if (h & 2) { s.budget[slot] = addOre(s.budget[slot]! as Ore, c.budget[k]! as Ore); s.has[slot]! |= 2; }
      });
    }
  }
  const marks = Object.fromEntries(MARKS.map((m) => {
    const s = sums.get(m);
    const sel = spec[m];
    return [m, { wholeRows: wholeRows.get(m)!, actual: s?.actual ?? null, budget: s?.budget ?? null, has: s?.has ?? null, configured: sel.accounts.length + sel.reportRows.length > 0 }];
  })) as unknown as Record<Mark, PreparedMark>;
  return { prepared: { marks, reserve: spec.reserve }, diagnostics };
}

/** A mark's figures for one node. */
function markFigures(pe: PreparedEconomy, m: PreparedMark, node: OrgNode): RowFigures {
  if (m.wholeRows) return rowsFigures(pe, node, m.wholeRows);
  const actual: (number | null)[] = new Array(SLOTS).fill(null);
  const budget: (number | null)[] = new Array(SLOTS).fill(null);
  for (const cc of node.costCentres) {
    const ci = pe.ccIndex.get(cc);
    if (ci === undefined) continue;
    for (let k = 0; k < SLOTS; k++) {
      const h = m.has![ci * SLOTS + k]!;
      if (h & 1) actual[k] = (actual[k] ?? 0) + m.actual![ci * SLOTS + k]!;
      if (h & 2) budget[k] = (budget[k] ?? 0) + m.budget![ci * SLOTS + k]!;
    }
  }
  // Forecasts are per report row: a line of single accounts has none (blank, not a guess).
  return figuresFromSlots(pe, actual, budget, null, null);
}

/** True when the figures have any data for the report year or the year before. */
function hasAnyData(f: RowFigures): boolean {
  return f.ackActual !== null || f.prevAckActual !== null || f.prevYearActual !== null || f.annualBudget !== null || f.forecast !== null || f.previousForecast !== null;
}

/** True when the figures have data for the report year (so a sum for the year is incomplete without their forecast). */
function hasCurrentYear(f: RowFigures): boolean {
  return f.ackActual !== null || f.ackBudget !== null || f.annualBudget !== null || f.forecast !== null;
}

/**
 * Σ sign × part, field by field. Amounts add with "no data + x = x"; a forecast (and what is taken of it) is blank
 * as soon as one part with figures for the year has no forecast, since the sum would otherwise be a forecast of
 * only some of its parts. Förändring is recomputed from the summed ack utfall (economy.ts changeRatio).
 */
export function combine(parts: readonly { readonly sign: 1 | -1; readonly f: RowFigures }[]): RowFigures {
  const used = parts.filter((p) => hasAnyData(p.f));
  const sum = (pick: (f: RowFigures) => MaybeOre): MaybeOre =>
    used.reduce<MaybeOre>((acc, p) => {
      const v = pick(p.f);
      return v === null ? acc : addMaybe(acc, ore(p.sign * v));
    }, null);
  const forecastComplete = used.every((p) => !hasCurrentYear(p.f) || p.f.forecast !== null) && used.some((p) => p.f.forecast !== null);
  const previousComplete = used.every((p) => !hasCurrentYear(p.f) || p.f.previousForecast !== null) && used.some((p) => p.f.previousForecast !== null);
  const ackActual = sum((f) => f.ackActual);
  const prevAckActual = sum((f) => f.prevAckActual);
  const forecast = forecastComplete ? sum((f) => f.forecast) : null;
  const previousForecast = previousComplete ? sum((f) => f.previousForecast) : null;
  const anyDeviation = used.some((p) => p.f.ackDeviation !== null || p.f.forecastDeviation !== null);
  return {
    monthDeviation: sum((f) => f.monthDeviation),
    prevAckActual,
    ackActual,
    ackBudget: sum((f) => f.ackBudget),
    ackDeviation: sum((f) => f.ackDeviation),
    change: changeRatio(ackActual, prevAckActual),
    annualBudget: sum((f) => f.annualBudget),
    forecast,
    // Prognosavvikelse = helårsprognos − årsbudget of the whole line (blank without a budget anywhere).
    forecastDeviation: forecast === null || !anyDeviation ? null : diffMaybe(forecast, sum((f) => f.annualBudget)),
    previousForecast,
    forecastChange: forecast === null || previousForecast === null ? null : diffMaybe(forecast, previousForecast),
    prevYearActual: sum((f) => f.prevYearActual),
    ackDeviationPrevYear: sum((f) => f.ackDeviationPrevYear),
    // A sum made from a proposed forecast is proposed too (calc/forecast-proposals.ts): the methods of its parts.
    forecastMethods: forecast === null ? [] : [...new Set(used.flatMap((p) => p.f.forecastMethods))],
  };
}

const NONE: RowFigures = {
  monthDeviation: null, prevAckActual: null, ackActual: null, ackBudget: null, ackDeviation: null, change: null, annualBudget: null,
  forecast: null, forecastDeviation: null, previousForecast: null, forecastChange: null, prevYearActual: null, ackDeviationPrevYear: null,
  forecastMethods: [],
};

/** A decided reserve transfer: the report year's amount in the forecast column, the previous year's in bokslut föreg år. */
function reserveFigures(current: number | undefined, previous: number | undefined, sign: 1 | -1): RowFigures {
  const kr = (v: number | undefined): MaybeOre => (v === undefined ? null : ore(sign * Math.round(v * 100)));
  return { ...NONE, forecast: kr(current), prevYearActual: kr(previous) };
}

export type CascadeLineId =
  | 'intakter' | 'kostnader' | 'avskrivningar' | 'nettokostnad' | 'skatteintakter' | 'statsbidrag' | 'verksamhetensResultat'
  | 'finansiellaIntakter' | 'finansiellaKostnader' | 'aretsResultat'
  | 'jamforelsestorande' | 'underliggandeResultat'
  | 'realisationsvinster' | 'orealiserade' | 'efterJusteringar' | 'tillReserv' | 'franReserv' | 'balanskravsresultat';

export interface CascadeLine {
  readonly id: CascadeLineId;
  readonly label: string;
  readonly emphasis: 'normal' | 'subtotal' | 'total';
  readonly figures: RowFigures;
  /** The part of the cascade the line belongs to (the layout may show one part per table). */
  readonly part: 'resultatrakning' | 'underliggande' | 'balanskrav';
}

export interface RegionResult {
  /** Whether the node has any figure below the net (taxes, statsbidrag, finansiella poster): a region-level result. */
  readonly hasFinancing: boolean;
  readonly lines: readonly CascadeLine[];
  readonly yearResult: RowFigures;
  readonly underlying: RowFigures;
  /** Jämförelsestörande poster, or null when none is configured or has figures. */
  readonly comparability: RowFigures | null;
  readonly balanceResult: RowFigures;
  /** The reserve's name for the report year: resultatreserv from 2024, resultatutjämningsreserv before (docs/domain.md). */
  readonly reserveName: string;
}

function kindTotal(sections: readonly SectionResult[], kind: SectionResult['kind']): RowFigures {
  return combine(sections.filter((s) => s.kind === kind).map((s) => ({ sign: 1 as const, f: s.total })));
}

/**
 * The cascade for one node (docs/domain.md "Resultaträkning cascade", RKR's resultaträkning and SKR's
 * balanskravsutredning):
 *
 *   verksamhetens intäkter + verksamhetens kostnader (without avskrivningar) + avskrivningar = verksamhetens
 *   nettokostnad (economy.ts `net`); + skatteintäkter + generella statsbidrag och utjämning = verksamhetens resultat;
 *   + finansiella intäkter + finansiella kostnader = resultat efter finansiella poster = årets resultat (no
 *   extraordinära poster are modelled, so the two are one line, årets resultat).
 *   Underliggande resultat = årets resultat − jämförelsestörande poster (seed 000: −479 − 1 072 = −1 551 mnkr).
 *   Årets resultat efter balanskravsjusteringar = årets resultat − realisationsvinster − orealiserade vinster och
 *   förluster i värdepapper (a loss is added back); balanskravsresultat = that − medel till + medel från
 *   resultatreserven (resultatutjämningsreserv before 2024, docs/domain.md "From 2024 resultatreserv replaces …").
 *
 * In report sign every line adds: costs are already negative; the deductions are stored negated.
 */
export function computeRegionResult(pe: PreparedEconomy, pr: PreparedRegionResult, node: OrgNode, economy: EconomyResult): RegionResult {
  const year = pe.period.year;
  const lines: CascadeLine[] = [];
  const add = (id: CascadeLineId, label: string, figures: RowFigures, part: CascadeLine['part'], emphasis: CascadeLine['emphasis'] = 'normal') =>
    lines.push({ id, label, figures, part, emphasis });
  const fin = economy.financing ?? [];
  const mark = (m: Mark) => (pr.marks[m].configured ? markFigures(pe, pr.marks[m], node) : NONE);

  const income = kindTotal(economy.sections, 'income');
  const costs = kindTotal(economy.sections, 'cost');
  const depreciation = mark('depreciation');
  const hasDepreciation = hasAnyData(depreciation);
  add('intakter', 'Verksamhetens intäkter', income, 'resultatrakning');
  if (hasDepreciation) {
    // Avskrivningar are booked in the cost sections: verksamhetens kostnader here are the rest of them.
    add('kostnader', 'Verksamhetens kostnader', combine([{ sign: 1, f: costs }, { sign: -1, f: depreciation }]), 'resultatrakning');
    add('avskrivningar', 'Avskrivningar', depreciation, 'resultatrakning');
  } else {
    add('kostnader', 'Verksamhetens kostnader', costs, 'resultatrakning');
  }
  add('nettokostnad', 'Verksamhetens nettokostnad', economy.net, 'resultatrakning', 'subtotal');
  const taxes = kindTotal(fin, 'taxes');
  const grants = kindTotal(fin, 'grants');
  add('skatteintakter', 'Skatteintäkter', taxes, 'resultatrakning');
  add('statsbidrag', 'Generella statsbidrag och utjämning', grants, 'resultatrakning');
  const operatingResult = combine([{ sign: 1, f: economy.net }, { sign: 1, f: taxes }, { sign: 1, f: grants }]);
  add('verksamhetensResultat', 'Verksamhetens resultat', operatingResult, 'resultatrakning', 'subtotal');
  const finIncome = kindTotal(fin, 'financialIncome');
  const finCosts = kindTotal(fin, 'financialCosts');
  add('finansiellaIntakter', 'Finansiella intäkter', finIncome, 'resultatrakning');
  add('finansiellaKostnader', 'Finansiella kostnader', finCosts, 'resultatrakning');
  // Resultat efter finansiella poster = årets resultat (no extraordinära poster): printed once, as årets resultat.
  const yearResult = combine([{ sign: 1, f: operatingResult }, { sign: 1, f: finIncome }, { sign: 1, f: finCosts }]);
  add('aretsResultat', 'Årets resultat', yearResult, 'resultatrakning', 'total');

  const comparabilityFigures = mark('itemsAffectingComparability');
  const comparability = hasAnyData(comparabilityFigures) ? comparabilityFigures : null;
  add('aretsResultat', 'Årets resultat', yearResult, 'underliggande');
  if (comparability) add('jamforelsestorande', 'Avgår: jämförelsestörande poster', combine([{ sign: -1, f: comparability }]), 'underliggande');
  const underlying = comparability ? combine([{ sign: 1, f: yearResult }, { sign: -1, f: comparability }]) : yearResult;
  add('underliggandeResultat', 'Underliggande resultat', underlying, 'underliggande', 'total');

  add('aretsResultat', 'Årets resultat enligt resultaträkningen', yearResult, 'balanskrav');
  const gains = mark('realisedGains');
  const unrealised = mark('unrealisedSecurities');
  const adjustments: { sign: 1 | -1; f: RowFigures }[] = [{ sign: 1, f: yearResult }];
  if (hasAnyData(gains)) {
    add('realisationsvinster', 'Avgår: samtliga realisationsvinster', combine([{ sign: -1, f: gains }]), 'balanskrav');
    adjustments.push({ sign: -1, f: gains });
  }
  if (hasAnyData(unrealised)) {
    add('orealiserade', 'Orealiserade vinster och förluster i värdepapper', combine([{ sign: -1, f: unrealised }]), 'balanskrav');
    adjustments.push({ sign: -1, f: unrealised });
  }
  const afterAdjustments = combine(adjustments);
  add('efterJusteringar', 'Årets resultat efter balanskravsjusteringar', afterAdjustments, 'balanskrav', 'subtotal');
  // From 2024 resultatreserv replaces resultatutjämningsreserv (RUR) (docs/domain.md, "The law and the recommendations").
  const reserveName = year >= 2024 ? 'resultatreserv' : 'resultatutjämningsreserv';
  const cur = pr.reserve[String(year)];
  const prev = pr.reserve[String(year - 1)];
  const reserveParts: { sign: 1 | -1; f: RowFigures }[] = [{ sign: 1, f: afterAdjustments }];
  if (cur !== undefined || prev !== undefined) {
    const to = reserveFigures(cur?.toReserve, prev?.toReserve, -1);
    const from = reserveFigures(cur?.fromReserve, prev?.fromReserve, 1);
    add('tillReserv', `Medel till ${reserveName}`, to, 'balanskrav');
    add('franReserv', `Medel från ${reserveName}`, from, 'balanskrav');
    reserveParts.push({ sign: 1, f: to }, { sign: 1, f: from });
  }
  const balanceResult = reserveParts.length > 1 ? combineReserve(reserveParts) : afterAdjustments;
  add('balanskravsresultat', 'Årets balanskravsresultat', balanceResult, 'balanskrav', 'total');

  return { hasFinancing: fin.some((s) => hasAnyData(s.total)), lines, yearResult, underlying, comparability, balanceResult, reserveName };
}

/**
 * Balanskravsresultat with the reserve transfers: the transfers are decisions for the whole year (and the previous
 * year's bokslut), so they enter the forecast and bokslut columns only; the other columns stay the result after
 * adjustments.
 */
function combineReserve(parts: readonly { sign: 1 | -1; f: RowFigures }[]): RowFigures {
  const [base, ...transfers] = parts;
  const f = base!.f;
  const add = (v: MaybeOre, pick: (x: RowFigures) => MaybeOre) =>
    v === null ? null : transfers.reduce<MaybeOre>((acc, t) => addMaybe(acc, pick(t.f)), v);
  const forecast = add(f.forecast, (x) => x.forecast);
  return {
    ...f,
    forecast,
    forecastDeviation: forecast === null || f.forecastDeviation === null ? null : diffMaybe(forecast, f.annualBudget),
    forecastChange: forecast === null || f.previousForecast === null ? null : diffMaybe(forecast, f.previousForecast),
    prevYearActual: add(f.prevYearActual, (x) => x.prevYearActual),
  };
}

/**
 * Omsättning (turnover) of a unit, what seed 000's "Diff % av omsättn" is taken of: the unit's gross costs, i.e.
 * the sum of its cost sections (verksamhetens kostnader, internal purchases included) as a positive amount. Gross
 * costs rather than income, because a unit financed by anslag need not book its anslag as income in the ledger.
 *   ack omsättning = −(ack utfall of the cost sections);  helårsomsättning = −(årsbudget of the cost sections).
 */
export function turnover(economy: EconomyResult): { readonly ack: MaybeOre; readonly annual: MaybeOre } {
  const costs = economy.sections.filter((s) => s.kind === 'cost');
  const neg = (pick: (f: RowFigures) => MaybeOre): MaybeOre => {
    const v = costs.reduce<MaybeOre>((acc, s) => addMaybe(acc, pick(s.total)), null);
    return v === null ? null : ore(-v);
  };
  return { ack: neg((f) => f.ackActual), annual: neg((f) => f.annualBudget) };
}

/**
 * Avvikelse i % av omsättning = ack avvikelse / ack omsättning; prognosavvikelse i % av omsättning = prognosavvikelse
 * / helårsomsättning (seed 000: SU −768 / ≈12 000 = −6,4 %). Exact ratios; blank when either side has no data or
 * the omsättning is not positive.
 */
export function shareOfTurnover(amount: MaybeOre, base: MaybeOre): Ratio | null {
  if (amount === null || base === null || base <= 0) return null;
  return { num: amount, den: base };
}

export { isOperating };
