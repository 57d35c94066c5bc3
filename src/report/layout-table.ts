/**
 * One table of a layout (config/layout-schema.ts LayoutTable) built for one unit: the rows the layout lists (the
 * resultaträkning's sections and rows, totals under their own labels, the net, child units at any depth, investment
 * areas), one column per measure, money in the table's (or the column's) unit with its decimals. Cells hold exact
 * values; `model/format.ts` rounds each on its own when a renderer prints it.
 */
import type { LayoutColumn, LayoutRow, LayoutTable, LayoutUnit, MeasureId } from '../config/layout-schema.js';
import type { EconomyResult, GrossCostRolling, RowFigures } from '../calc/economy.js';
import { PERSONNEL_MEASURES, UNIT_MEASURES } from '../config/layout-schema.js';
import type { InvestmentFigures, InvestmentResult } from '../calc/investments.js';
import type { OrgNode } from '../calc/hierarchy.js';
import type { Cell, Column, DisplayUnit, Row, RowEmphasis, Table } from './model.js';
import { defaultHeading, economyMeasure, goalMeasure, indicatorMeasure, investmentMeasure, isGoalMeasure, isIndicatorMeasure, isPersonnelMeasure, personnelMeasure, personnelTarget, type MeasureValue, type PersonnelRow, type ShareBases } from './measures.js';
import type { PersonnelResults } from '../calc/personnel/index.js';
import type { GoalResults, IndicatorResult } from '../calc/goals/assess.js';
import { goalsOf as goalsInOrder } from '../calc/goals/counts.js';
import { indicatorName } from './goals-section.js';
import { monthAbbrev, monthName, type Period } from '../model/period.js';
import type { MaybeOre } from '../model/ore.js';
import { methodDescription, type ForecastMethod } from '../calc/forecast-proposals.js';

/** The mark after a figure made from a proposed forecast, in every format (report/model.ts Cell `mark`). */
export const PROPOSED_MARK = '(f)';

/** The measures whose figures are made from the helårsprognos, and so are marked when it was proposed. */
const FORECAST_MEASURES: ReadonlySet<MeasureId> = new Set(['helarsprognos', 'prognosavvikelse', 'prognosforandring']);
/** The measures made from the periodised budget: the periodisation key is named under a table that shows one. */
const PERIODISED_MEASURES: ReadonlySet<MeasureId> = new Set(['ackBudget', 'ackAvvikelse', 'manadensAvvikelse']);

/** The note explaining the proposed-forecast mark and naming the methods used, e.g. "(f) = föreslagen helårsprognos: …". */
export function proposedNote(methods: readonly ForecastMethod[], year: number, previousMonth: string): string {
  const how = methods.map((m) => methodDescription(m, year, previousMonth));
  const list = how.length === 1 ? how[0]! : `${how.slice(0, -1).join(', ')} eller ${how.at(-1)!}`;
  return `${PROPOSED_MARK} = föreslagen helårsprognos: ingen prognos har lämnats för hela eller delar av beloppet, och rapport har beräknat den som ${list}.`;
}
import { economyField } from './measures.js';
import { economyColumnProvenance, type FigureProvenance, type TableProvenance } from './provenance.js';
import { turnover, type RegionResult } from '../calc/region-result.js';

/** What a layout table can be built from, for one unit. */
export interface TableSources {
  readonly period: Period;
  readonly unitName: string;
  readonly result: EconomyResult;
  /** The unit's children, each with its children (two levels computed up front). */
  readonly children: readonly ChildResult[];
  /** Deeper levels (depth ≥ 3): the economy of any node, when the caller can compute it. */
  readonly economyOf?: (node: OrgNode) => EconomyResult;
  readonly investments: InvestmentResult | null;
  /** The configured units (`units.*` in rapport.config.yaml). */
  readonly units: { readonly result: DisplayUnit; readonly netCost: DisplayUnit; readonly investments: DisplayUnit };
  /** Whether a condition (`when:` / `unless:`) holds for this unit. */
  readonly holds: (condition: string) => boolean;
  /** The unit's personnel results (with its direct children as sub-units), when personnel data is configured. */
  readonly personnel?: PersonnelResults;
  /**
   * The goal results of a unit and the units below it (report/goals-section.ts goalsOfSubtree; null when the goal
   * export gives them none), when the goal follow-up is configured: the layout's goal columns.
   */
  readonly goalsOf?: (node: OrgNode) => GoalResults | null;
  /** The source files as the configuration names them, for the tables' provenance (none without). */
  readonly sources?: ProvenanceSources;
  /** The unit itself (for rows of units at a level below it). */
  readonly node?: OrgNode;
  /** The region level's cascade for the unit (calc/region-result.ts), when computed. */
  readonly region?: RegionResult;
}

/** The files the figures of layout tables are read from (report/provenance.ts). */
export interface ProvenanceSources {
  readonly ledger: string;
  readonly forecasts?: string;
  readonly investments?: string;
  /** The HR extracts the personnel columns are computed from (employments, absence, hired staff). */
  readonly personnel?: readonly string[];
  /** The goal exports the goal columns are counted from (delmål, indikatorer). */
  readonly goals?: readonly string[];
}

export interface ChildResult {
  readonly node: OrgNode;
  readonly result: EconomyResult;
  readonly children?: readonly ChildResult[];
}

/** True when a section, block, row or column is shown for this unit. */
export function shown(g: { readonly when?: string | undefined; readonly unless?: string | undefined }, holds: (c: string) => boolean): boolean {
  return (g.when === undefined || holds(g.when)) && (g.unless === undefined || !holds(g.unless));
}

export function resolveUnit(u: LayoutUnit, units: TableSources['units']): DisplayUnit {
  switch (u) {
    case 'units.result': return units.result;
    case 'units.netCost': return units.netCost;
    case 'units.investments': return units.investments;
    default: return u;
  }
}

const UNIT_WORDS: Record<DisplayUnit, string> = { kr: 'kronor', tkr: 'tusental kronor', mnkr: 'miljoner kronor' };

export function unitNote(unit: DisplayUnit): string {
  return unit === 'kr' ? 'Belopp i kronor.' : unit === 'tkr' ? 'Belopp i tusental kronor (tkr).' : 'Belopp i miljoner kronor (mnkr).';
}

/** The rounding note for amounts shown with `decimals` decimals: a sum can differ by one unit of the last decimal. */
export function roundingNote(decimals: number): string {
  const step = decimals === 0 ? '1' : `0,${'0'.repeat(decimals - 1)}1`;
  return `Varje belopp är avrundat för sig; summor kan därför avvika med ±${step} från summan av de avrundade raderna.`;
}

/** The placeholder values of a unit's report ({{månad}} …); the layout check has made sure no other name occurs. */
export function placeholderValues(s: Pick<TableSources, 'period' | 'unitName' | 'result'> & { readonly personnel?: PersonnelResults | undefined }): Record<string, string> {
  const p = s.period;
  const prev = s.result.previousForecastOccasion;
  const m = monthName(p.month);
  return {
    månad: m,
    Månad: m.charAt(0).toUpperCase() + m.slice(1),
    mån: monthAbbrev(p.month),
    år: String(p.year),
    föregåendeÅr: String(p.year - 1),
    enhet: s.unitName,
    prognosmånad: prev === null ? '' : monthName(prev % 100),
    // The last month the personnel figures cover (the report month less the HR lag); empty without personnel data.
    personalmånad: s.personnel ? monthName(s.personnel.hrPeriod % 100) : '',
    personalår: s.personnel ? String(Math.trunc(s.personnel.hrPeriod / 100)) : '',
  };
}

export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([^}\s]*)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A row of the table before its cells: a label, its look, and the figures its measures are read from. */
interface RowSpec {
  readonly label: string;
  readonly emphasis: RowEmphasis;
  readonly level?: number;
  readonly figures:
    | { readonly kind: 'economy'; readonly f: RowFigures; readonly unit?: { readonly name: string; readonly gross: GrossCostRolling | null } }
    | { readonly kind: 'investment'; readonly f: InvestmentFigures }
    | { readonly kind: 'indicator'; readonly r: IndicatorResult; readonly results: GoalResults }
    | null;
  /** Whose personnel figures the row shows (the unit's `net` row, a direct child's row). */
  readonly personnel?: PersonnelRow;
  /** Whose goals the row counts (the table's unit on a `net` row, the child on a `children` row). */
  readonly goalsNode?: OrgNode;
  /** What the row's figures cover (unit, report rows or investment area); null with `figures`. */
  readonly provenance: FigureProvenance | null;
  /** The unit the row is about, when it is another than the table's (its omsättning is its own). */
  readonly result?: EconomyResult;
}

/** The units at `level` (by name) or `depth` levels under `node`, in tree order. */
function unitsAtLevel(node: OrgNode, level: string | undefined, depth: number): OrgNode[] {
  const out: OrgNode[] = [];
  const walk = (n: OrgNode) => {
    for (const c of n.children) {
      if (level !== undefined ? c.level === level : c.depth - node.depth === depth) out.push(c);
      else walk(c);
    }
  };
  walk(node);
  return out;
}

/**
 * One row per unit at the level with its net figures, then the sum row: the economy of all those units' ansvar
 * together (so its förändring and percentages are of the sum, not sums of percentages).
 */
function unitRows(s: TableSources, level: string | undefined, depth: number, total: string | false): RowSpec[] {
  if (!s.node || !s.economyOf) return [];
  const units = unitsAtLevel(s.node, level, depth);
  const out: RowSpec[] = [];
  const shownUnits: OrgNode[] = [];
  for (const u of units) {
    const result = s.economyOf(u);
    // A unit without any figure of verksamhetens nettokostnad (one carrying only class 8) is left out.
    if (!hasData(result.net)) continue;
    shownUnits.push(u);
    out.push({ label: u.name, emphasis: 'normal', figures: { kind: 'economy', f: result.net }, result, provenance: { unit: u.id, rows: { kind: 'net' } } });
  }
  if (total !== false && shownUnits.length > 0) {
    const all = { ...s.node, id: `${s.node.id}-${level ?? depth}`, name: total, title: total, children: [], costCentres: shownUnits.flatMap((u) => u.costCentres).sort() };
    const result = s.economyOf(all);
    // The sum row's unit is made up here; its provenance names the units' rows above it.
    out.push({ label: total, emphasis: 'total', figures: { kind: 'economy', f: result.net }, result, provenance: null });
  }
  return out;
}

/** True when any measure of the row has data (this year, last year, budget or forecast). */
export function hasData(f: RowFigures): boolean {
  return f.ackActual !== null || f.prevYearActual !== null || f.annualBudget !== null || f.forecast !== null || f.previousForecast !== null;
}

function childRows(s: TableSources, depth: number): RowSpec[] {
  const out: RowSpec[] = [];
  const kidsOf = (c: ChildResult): readonly ChildResult[] =>
    c.children ?? (s.economyOf ? c.node.children.map((n) => ({ node: n, result: s.economyOf!(n) })) : []);
  const walk = (list: readonly ChildResult[], level: number) => {
    for (const c of list) {
      const kids = level + 1 < depth ? kidsOf(c) : [];
      // A unit with no figure of verksamhetens nettokostnad at all (one that carries only skatteintäkter or
      // finansiella poster, say) is left out, as a report row without data is: a row of blanks tells nothing.
      if (!hasData(c.result.net) && kids.length === 0) continue;
      out.push({
        label: c.node.name,
        emphasis: kids.length > 0 ? 'subtotal' : 'normal',
        ...(level > 0 ? { level } : {}),
        figures: { kind: 'economy', f: c.result.net, unit: { name: c.node.name, gross: c.result.grossCost } },
        ...(level === 0 ? { personnel: { kind: 'child', id: c.node.id } as const } : {}),
        goalsNode: c.node,
        provenance: { unit: c.node.id, rows: { kind: 'net' } },
        result: c.result,
      });
      if (kids.length > 0) walk(kids, level + 1);
    }
  };
  walk(s.children, 0);
  return out;
}

function rowSpecs(r: LayoutRow, s: TableSources): RowSpec[] {
  const res = s.result;
  const withEmphasis = (rows: RowSpec[]): RowSpec[] => (r.emphasis ? rows.map((x) => ({ ...x, emphasis: r.emphasis! })) : rows);
  switch (r.kind) {
    case 'sections':
    case 'section': {
      const out: RowSpec[] = [];
      for (const sec of res.sections) {
        if (r.kind === 'section' && sec.name !== r.name) continue;
        if (r.heading) out.push({ label: sec.name, emphasis: 'section', figures: null, provenance: null });
        if (r.reportRows) {
          for (const row of sec.rows) {
            // A row with no data at all for this unit (an account group it never uses) is left out, not printed blank.
            if (!hasData(row.figures)) continue;
            out.push({
              label: row.name, emphasis: 'normal', ...(r.heading ? { level: 1 } : {}), figures: { kind: 'economy', f: row.figures },
              provenance: { unit: res.nodeId, rows: { kind: 'row', section: sec.name, row: row.name } },
            });
          }
        }
        const label = (r.kind === 'sections' ? r.totals?.[sec.name] : undefined) ?? r.total;
        if (label !== false) {
          out.push({ label, emphasis: 'subtotal', figures: { kind: 'economy', f: sec.total }, provenance: { unit: res.nodeId, rows: { kind: 'section', section: sec.name } } });
        }
      }
      return withEmphasis(out);
    }
    case 'reportRow': {
      for (const sec of res.sections) {
        const row = sec.rows.find((x) => x.name === r.name);
        if (row) {
          return withEmphasis([{
            label: r.label ?? row.name, emphasis: 'normal', figures: { kind: 'economy', f: row.figures },
            provenance: { unit: res.nodeId, rows: { kind: 'row', section: sec.name, row: row.name } },
          }]);
        }
      }
      // Checked against the account grouping before any report is built (checkLayoutAgainstConfig).
      throw new Error(`Raden ${r.name} finns inte i kontogrupperingen.`);
    }
    case 'net':
      return withEmphasis([{
        label: r.label, emphasis: 'total', figures: { kind: 'economy', f: res.net, unit: { name: s.unitName, gross: res.grossCost } }, personnel: { kind: 'unit' },
        ...(s.node ? { goalsNode: s.node } : {}), provenance: { unit: res.nodeId, rows: { kind: 'net' } },
      }]);
    case 'children':
      return withEmphasis(childRows(s, r.depth));
    case 'cascade': {
      if (!s.region) return [];
      const lines = s.region.lines.filter((l) => r.parts.includes(l.part));
      // A part after the first repeats årets resultat as its opening line; in one table it is printed once.
      const seen = new Set<string>();
      const out: RowSpec[] = [];
      for (const l of lines) {
        if (l.id === 'aretsResultat' && seen.has(l.id)) continue;
        seen.add(l.id);
        // The cascade's lines combine sections and marked accounts: `rapport explain` does not trace them (no provenance).
        out.push({ label: l.label, emphasis: l.emphasis, figures: { kind: 'economy', f: l.figures }, provenance: null });
      }
      return withEmphasis(out);
    }
    case 'units':
      return withEmphasis(unitRows(s, r.level, r.depth, r.total));
    case 'investmentAreas':
      return withEmphasis((s.investments?.areas ?? []).map((a): RowSpec => ({
        label: a.area, emphasis: 'normal', figures: { kind: 'investment', f: a.figures }, provenance: { unit: res.nodeId, area: a.area },
      })));
    case 'indicators': {
      // The delmål of the unit and the units below it, as the goal measures count them (goalsOf: goalsOfSubtree).
      const results = s.goalsOf && s.node ? s.goalsOf(s.node) : null;
      if (results === null) return [];
      const out: RowSpec[] = [];
      for (const g of goalsInOrder(results)) {
        if (g.indicators.length === 0) continue;
        if (r.heading) out.push({ label: g.goal.name, emphasis: 'section', figures: null, provenance: null });
        for (const ind of g.indicators) {
          out.push({
            label: indicatorName(ind), emphasis: 'normal', ...(r.heading ? { level: 1 } : {}), figures: { kind: 'indicator', r: ind, results },
            provenance: { unit: res.nodeId, goal: g.goal.id, indicator: ind.indicator.id },
          });
        }
      }
      return withEmphasis(out);
    }
    case 'investmentTotal':
      return s.investments
        ? withEmphasis([{ label: r.label, emphasis: 'total', figures: { kind: 'investment', f: s.investments.total }, provenance: { unit: res.nodeId } }])
        : [];
  }
}

function incomeBase(res: EconomyResult): MaybeOre {
  const incomes = res.sections.filter((x) => x.kind === 'income');
  if (incomes.length === 0 || incomes.every((x) => x.total.ackActual === null)) return null;
  return incomes.reduce((sum, x) => sum + (x.total.ackActual ?? 0), 0) as MaybeOre;
}

function cellOf(v: MeasureValue, unit: DisplayUnit, decimals: number, percentDecimals: number, mark: boolean, plus: boolean): Cell {
  const p = plus ? { plus: true as const } : {};
  if (v.kind === 'percent') return { kind: 'percent', ratio: v.ratio, decimals: percentDecimals, ...p };
  const m = mark && v.ore !== null ? { mark: PROPOSED_MARK } : {};
  return decimals > 0 ? { kind: 'money', ore: v.ore, unit, decimals, ...m, ...p } : { kind: 'money', ore: v.ore, unit, ...m, ...p };
}

/** The table a layout describes, for one unit. */
export function buildLayoutTable(t: LayoutTable, s: TableSources): Table {
  const tableUnit = resolveUnit(t.unit, s.units);
  const values: Record<string, string> = { ...placeholderValues(s), beloppsenhet: UNIT_WORDS[tableUnit] };
  const columns = t.columns.filter((c) => shown(c, s.holds));
  const measure = (c: LayoutColumn) => c.measure as MeasureId;
  // Shares are of the table's unit; a row about another unit (a child, a unit at a level) has its own omsättning.
  const bases: ShareBases = { income: incomeBase(s.result), net: s.result.net.ackActual, turnover: turnover(s.result) };
  const header: Column[] = [
    { header: fill(t.labelHeading, values), align: 'left' },
    ...columns.map((c): Column => ({
      header: c.heading !== undefined ? fill(c.heading, values) : c.target ? 'Målvärde' : defaultHeading(measure(c), s.period, values['prognosmånad'] ?? ''),
      // The status is words (report/goals-section.ts), left-aligned as in the goals module's indicator tables.
      align: measure(c) === 'indikatorStatus' ? 'left' : 'right',
    })),
  ];
  const rows: Row[] = [];
  const methods = new Set<ForecastMethod>();
  const rowProvenance: (FigureProvenance | null)[] = [];
  const rollingShown = columns.some((c) => UNIT_MEASURES.includes(measure(c)));
  const blanks = new Map<string, string[]>();
  const indicatorsShown: IndicatorResult[] = [];
  for (const r of t.rows) {
    if (!shown(r, s.holds)) continue;
    for (const spec of rowSpecs(r, s)) {
      // A row whose forecast was proposed says so (and how): its forecast terms are not lines of the forecasts file.
      rowProvenance.push(spec.provenance && spec.figures?.kind === 'economy' && spec.figures.f.forecastMethods.length > 0
        ? { ...spec.provenance, proposedForecast: [...spec.figures.f.forecastMethods] }
        : spec.provenance);
      const figures = spec.figures;
      if (figures?.kind === 'indicator') indicatorsShown.push(figures.r);
      if (rollingShown && figures?.kind === 'economy' && figures.unit) {
        const why = rollingBlankReason(figures.unit.gross);
        if (why !== null) blanks.set(why, [...(blanks.get(why) ?? []), figures.unit.name]);
      }
      const cells: Cell[] = [
        { kind: 'text', text: spec.label },
        ...columns.map((c): Cell => {
          if (figures === null) return { kind: 'text', text: '' };
          if (isPersonnelMeasure(measure(c))) {
            // The layout check allows personnel columns only where every row has personnel figures (net, children).
            if (!s.personnel || !spec.personnel) return { kind: 'percent', ratio: null, decimals: c.decimals ?? t.percentDecimals };
            // A målvärde belongs to the unit (the layout check allows `target` on the unit's own measures only).
            if (c.target) return spec.personnel.kind === 'unit' ? personnelTarget(s.personnel, measure(c), c.decimals) : { kind: 'percent', ratio: null, decimals: c.decimals ?? 0 };
            const counted = measure(c) === 'antalAnstallda' || measure(c) === 'arsarbetare' || measure(c) === 'arbetadTid';
            return personnelMeasure(s.personnel, measure(c), spec.personnel, c.decimals ?? (counted ? 0 : t.percentDecimals));
          }
          if (figures.kind === 'indicator') return indicatorMeasure(figures.r, figures.results, measure(c));
          if (isIndicatorMeasure(measure(c))) return { kind: 'text', text: '' }; // the layout check allows these on indicator rows only
          if (isGoalMeasure(measure(c))) {
            // The layout check allows goal columns only on rows that stand for a unit (net, children).
            const goals = s.goalsOf && spec.goalsNode ? s.goalsOf(spec.goalsNode) : null;
            return goalMeasure(goals, measure(c), c.decimals ?? t.percentDecimals);
          }
          const v = figures.kind === 'economy' ? economyMeasure(figures.f, measure(c), spec.result ? { ...bases, turnover: turnover(spec.result) } : bases, figures.unit?.gross) : investmentMeasure(figures.f, measure(c));
          const unit = c.unit ? resolveUnit(c.unit, s.units) : tableUnit;
          // A figure made from a proposed forecast carries the mark; the note below names the method(s).
          const proposed = figures.kind === 'economy' && FORECAST_MEASURES.has(measure(c)) && figures.f.forecastMethods.length > 0 && v.kind === 'money' && v.ore !== null;
          if (proposed && figures.kind === 'economy') for (const m of figures.f.forecastMethods) methods.add(m);
          return cellOf(v, unit, c.decimals ?? t.decimals, c.decimals ?? t.percentDecimals, proposed, (c.sign ?? t.sign) === 'plus');
        }),
      ];
      rows.push({ cells, emphasis: spec.emphasis, ...(spec.level ? { level: spec.level } : {}) });
    }
  }
  const noteValues = { ...values, beloppsnot: unitNote(tableUnit), avrundningsnot: roundingNote(t.decimals) };
  // Notes every table gets when it applies, whatever its layout says: the periodisation key of a budget the table
  // shows by month, and what a proposed forecast's mark means (issue 15: named in every format).
  const budgetNote = s.result.budgetNote !== null && columns.some((c) => PERIODISED_MEASURES.has(measure(c))) ? [s.result.budgetNote] : [];
  const order: ForecastMethod[] = ['remainingBudget', 'seasonal', 'previousForecast'];
  const forecastNote = methods.size > 0 ? [proposedNote(order.filter((m) => methods.has(m)), s.period.year, values['prognosmånad'] ?? '')] : [];
  const investment = t.rows.some((r) => r.kind === 'investmentAreas' || r.kind === 'investmentTotal');
  const indicatorNotes = indicatorTableNotes(indicatorsShown, columns.map(measure), s.period);
  const provenance: TableProvenance | undefined = s.sources
    ? { rows: rowProvenance, columns: [null, ...columns.map((c) => (c.target ? { measure: measure(c), formula: 'personnel.target' } : columnProvenance(measure(c), investment, s)))] }
    : undefined;
  return {
    type: 'table',
    id: t.id,
    title: fill(t.title, values),
    columns: header,
    rows,
    notes: [
      ...t.notes.map((n) => fill(n, noteValues)), ...budgetNote, ...forecastNote, ...indicatorNotes,
      ...[...blanks].map(([why, names]) => `Bruttokostnadsutvecklingen för ${listWords(names)} är tom: ${why}.`),
    ],
    ...(provenance ? { provenance } : {}),
  };
}

/**
 * The notes the goals module's indicator tables carry (report/goals-section.ts buildIndicatorTable), for the columns
 * shown: an outcome of another month than the report's, how uppfyllnad is taken when lower is better, and what the
 * "*" of a person's own assessment means.
 */
function indicatorTableNotes(shownRows: readonly IndicatorResult[], measures: readonly MeasureId[], p: Period): string[] {
  const notes: string[] = [];
  if (measures.includes('indikatorUtfall')) {
    for (const r of shownRows) {
      const m = r.measurement;
      if (r.due && m !== null && m.period !== null && m.period !== p.year * 100 + p.month) {
        notes.push(`Utfallet för "${r.indicator.name}" avser ${monthName(m.period % 100)} ${Math.trunc(m.period / 100)}.`);
      }
    }
  }
  if (measures.includes('indikatorUppfyllnad') && shownRows.some((r) => r.direction === 'lower')) {
    notes.push('För indikatorer där lägre är bättre är uppfyllnad = målvärde / utfall; annars utfall / målvärde.');
  }
  if (measures.includes('indikatorStatus') && shownRows.some((r) => r.basis === 'person')) notes.push('* Egen bedömning av ansvarig.');
  return notes;
}

/** The investment figure a measure shows (measures.ts investmentMeasure) and how it is computed from the file. */
const INVESTMENT_FIELDS: Partial<Record<MeasureId, { formula: string; terms: readonly { sign: 1 | -1; field: 'actual' | 'budget' | 'forecast' }[] }>> = {
  ackUtfall: { formula: 'investment.actual', terms: [{ sign: 1, field: 'actual' }] },
  arsbudget: { formula: 'investment.budget', terms: [{ sign: 1, field: 'budget' }] },
  helarsprognos: { formula: 'investment.forecast', terms: [{ sign: 1, field: 'forecast' }] },
  // Prognosavvikelse on investment rows = årsbudget − prognos (calc/investments.ts).
  prognosavvikelse: { formula: 'investment.forecastDeviation', terms: [{ sign: 1, field: 'budget' }, { sign: -1, field: 'forecast' }] },
};

/** The column part of a layout table's provenance (report/provenance.ts). */
function columnProvenance(m: MeasureId, investment: boolean, s: TableSources): FigureProvenance | null {
  const src = s.sources!;
  if (investment) {
    const def = INVESTMENT_FIELDS[m];
    if (!def || src.investments === undefined) return null;
    return { measure: m, formula: def.formula, sources: [src.investments], terms: def.terms.map((t) => ({ sign: t.sign, source: src.investments!, field: t.field })) };
  }
  if (UNIT_MEASURES.includes(m)) return rollingProvenance(m, s.period, src.ledger);
  // Personnel and goal figures are computed from the HR extracts and the goal export, not from ledger lines: the
  // provenance names the files and the measure, and lists no ledger terms.
  if (PERSONNEL_MEASURES.includes(m)) return { measure: m, formula: m, sources: [...(src.personnel ?? [])], terms: [] };
  if (isGoalMeasure(m) || isIndicatorMeasure(m)) return { measure: m, formula: m, sources: [...(src.goals ?? [])], terms: [] };
  // The deviations in % of omsättning: their numerator's terms (the denominator, omsättning, is calc/region-result.ts turnover).
  const field = m === 'avvikelseAvOmsattning' ? 'ackDeviation' : m === 'prognosavvikelseAvOmsattning' ? 'forecastDeviation' : economyField(m);
  const prov = economyColumnProvenance(m, field, s.period, src, { forecast: s.result.forecastOccasion, previous: s.result.previousForecastOccasion });
  return field !== economyField(m) ? { ...prov, formula: m } : prov;
}

/**
 * The provenance of the gross cost over 12 rolling months (calc/economy.ts GrossCostRolling): the ledger's gross-cost
 * utfall of the 12 months ending with the report month, and of the 12 months a year earlier.
 */
function rollingProvenance(m: MeasureId, p: Period, ledger: string): FigureProvenance {
  const ym = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;
  const window = (back: number) => {
    const endYear = p.year - back;
    const start = p.month === 12 ? { y: endYear, m: 1 } : { y: endYear - 1, m: p.month + 1 };
    return { from: ym(start.y, start.m), to: ym(endYear, p.month) };
  };
  const term = (sign: 1 | -1, back: number) => ({ sign, source: ledger, field: 'actual' as const, ...window(back) });
  const terms = m === 'bruttokostnaderR12' ? [term(1, 0)] : m === 'bruttokostnaderR12ForegaendeAr' ? [term(1, 1)] : [term(1, 0), term(-1, 1)];
  return { measure: m, formula: m, sources: [ledger], terms };
}

/** "maj 2022", "sep 2022–aug 2023": consecutive months (YYYYMM, ascending) as ranges. */
export function monthRanges(months: readonly number[]): string[] {
  const word = (p: number) => `${monthAbbrev(p % 100)} ${Math.trunc(p / 100)}`;
  const index = (p: number) => Math.trunc(p / 100) * 12 + (p % 100);
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= months.length; i++) {
    if (i < months.length && index(months[i]!) === index(months[i - 1]!) + 1) continue;
    const a = months[start]!;
    const b = months[i - 1]!;
    out.push(a === b ? word(a) : `${word(a)}–${word(b)}`);
    start = i;
  }
  return out;
}

/**
 * Why a unit's rolling gross-cost figures are blank, for the visible note under the table: the months without any
 * gross-cost utfall (GrossCostRolling.missingMonths), or that the run kept too few years. Null when nothing is blank.
 */
export function rollingBlankReason(g: GrossCostRolling | null): string | null {
  if (g === null) return 'huvudboken lästes inte för de år den behöver';
  if (g.current !== null && g.previous !== null) return null;
  const ranges = monthRanges(g.missingMonths);
  const shown = ranges.length > 3 ? `${ranges.slice(0, 3).join(', ')} m.fl.` : ranges.join(', ');
  return `huvudboken har inget utfall av bruttokostnader för ${shown}`;
}

/** "A", "A och B", "A, B och C". */
function listWords(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} och ${names.at(-1)}`;
}

/** The unit a table of the layout shows its amounts in (charts drawn from it follow it). */
export function tableUnit(t: LayoutTable, units: TableSources['units']): DisplayUnit {
  return resolveUnit(t.unit, units);
}
