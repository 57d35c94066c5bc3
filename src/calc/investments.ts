/**
 * Investeringsredovisning: investment projects summed per investeringsområde (seed 001 table 4, seed 003 5.3).
 * Amounts are expenditure (positive). Prognosavvikelse = årsbudget (incl. överförda medel) − prognos: positive
 * when the year is forecast to spend less than budgeted.
 */
import { addMaybe, diffMaybe, type MaybeOre } from '../model/ore.js';
import type { InvestmentRecord } from '../model/records.js';
import type { OrgNode } from './hierarchy.js';

export interface InvestmentFigures {
  readonly actual: MaybeOre;
  readonly forecast: MaybeOre;
  readonly budget: MaybeOre;
  /** årsbudget − prognos; blank when there is no forecast. */
  readonly forecastDeviation: MaybeOre;
  readonly projects: number;
}

export interface InvestmentResult {
  readonly areas: readonly { readonly area: string; readonly figures: InvestmentFigures }[];
  readonly total: InvestmentFigures;
}

function figures(actual: MaybeOre, forecast: MaybeOre, budget: MaybeOre, projects: number): InvestmentFigures {
  return { actual, forecast, budget, forecastDeviation: forecast === null ? null : diffMaybe(budget, forecast), projects };
}

/**
 * Sums the projects of a node: for the root, all projects; for any other node, those whose ansvar lies under it.
 * Areas keep the order of their first appearance in the export. Returns null when the node has no projects.
 */
export function computeInvestments(records: readonly InvestmentRecord[], node: OrgNode, isRoot: boolean): InvestmentResult | null {
  const ccs = new Set(node.costCentres);
  const selected = isRoot ? records : records.filter((r) => r.costCentre !== undefined && ccs.has(r.costCentre));
  if (selected.length === 0) return null;
  const byArea = new Map<string, { actual: MaybeOre; forecast: MaybeOre; budget: MaybeOre; n: number }>();
  let tA: MaybeOre = null;
  let tF: MaybeOre = null;
  let tB: MaybeOre = null;
  for (const r of selected) {
    const a = byArea.get(r.area) ?? { actual: null, forecast: null, budget: null, n: 0 };
    a.actual = addMaybe(a.actual, r.actual);
    a.forecast = addMaybe(a.forecast, r.forecast);
    a.budget = addMaybe(a.budget, r.budget);
    a.n++;
    byArea.set(r.area, a);
    tA = addMaybe(tA, r.actual);
    tF = addMaybe(tF, r.forecast);
    tB = addMaybe(tB, r.budget);
  }
  return {
    areas: [...byArea].map(([area, a]) => ({ area, figures: figures(a.actual, a.forecast, a.budget, a.n) })),
    total: figures(tA, tF, tB, selected.length),
  };
}
