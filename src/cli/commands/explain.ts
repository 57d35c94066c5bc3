/**
 * `rapport explain --period P [--unit U] --figure TABLE/ROW/COLUMN`: where one figure of a report comes from — the
 * source lines (file and line, or sheet and row), the mapping rules that chose them and the arithmetic that joins
 * them, summing exactly to the figure. The run is the one `generate` makes (same pipeline, same report model); the
 * lines come from a second pass over the sources filtered to the figure's keys (sources/trace-ledger.ts), and the
 * arithmetic from calc/explain.ts. Before anything is printed the explanation's value is checked against the cell
 * of the report model: an explanation that does not add up to the figure is a fault of the tool, never printed.
 *
 * Tables it explains: every layout table with economy or investment rows — resultat (3.1), nettokostnad (3.2),
 * prognos (3.3), investeringar (4), an organisation's own — found through the provenance the report model carries
 * per row and column (report/provenance.ts: formula, unit, report rows or area), the indicator tables
 * (indikatorer-…: målvärde, utfall, uppfyllnad), antal anställda, arbetad tid and total sjukfrånvaro (personal-…, per
 * ansvar with small groups merged: calc/explain-people.ts), and the personnel and goal columns of a layout table
 * (explainLayoutColumn: found by the measure in their provenance). Persons are never shown.
 */
import path from 'node:path';
import { formatPeriod, monthName } from '../../model/period.js';
import { computeEconomy } from '../../calc/economy.js';
import { formatNumber, formatOreForMessage, formatPercent } from '../../model/format.js';
import { nearestName } from '../../model/nearest.js';
import { slugify, type OrgNode } from '../../calc/hierarchy.js';
import { explainGoalCount, explainHeadcount, explainIndicator, explainSickLeaveTotal, explainWorkedHours, type GoalCountExplanation, type GroupedExplanation, type HoursMeasure, type IndicatorExplanation } from '../../calc/explain-people.js';
import { GOAL_MEASURES, INDICATOR_MEASURES, PERSONNEL_MEASURES, type MeasureId } from '../../config/layout-schema.js';
import { indicatorMeasure } from '../../report/measures.js';
import { goalsOfSubtree } from '../../report/goals-section.js';
import { computePersonnel } from '../../calc/personnel/index.js';
import { toReportRatio } from '../../calc/goals/decimal.js';
import type { IndicatorResult } from '../../calc/goals/assess.js';
import { addMonths } from '../../model/calendar.js';
import { formatLocation } from '../../model/diagnostics.js';
import { explainEconomy, explainInvestment, type EconomyMeasure, type Explanation, type InvestmentMeasure, type RowSelection } from '../../calc/explain.js';
import { loadLayout } from '../../pipeline/layout.js';
import type { Cell, ReportModel, Row, Table } from '../../report/model.js';
import { figureProvenance } from '../../report/provenance.js';
import { runPipeline, buildUnitReport, type LoadedData } from '../../pipeline/run.js';
import { loadInputs } from '../../pipeline/load-inputs.js';
import { readStreamedWhole } from '../../io/read-source.js';
import { isStreamed, type SourceInput } from '../../model/records.js';
import { loadTextTemplates } from '../../pipeline/templates.js';
import { readAccountGroups, readForecasts, readInvestments } from '../../sources/index.js';
import { traceLedgerLines } from '../../sources/trace-ledger.js';
import { formatCell } from '../../render/format.js';
import type { LoadedConfig } from '../../config/load-config.js';
import { createReporter, printJson } from '../output.js';
import { EXIT, exitCode, type ExitCode } from '../exit-codes.js';
import { countsOf, parsePeriodOption, resolveConfig, UsageError } from '../common.js';

export interface ExplainOptions {
  period?: string;
  config?: string;
  unit?: string;
  figure?: string;
  all?: boolean;
  json?: boolean;
}

/** Lines printed per term without `--all` (the sum is always of every line). */
const LINES_SHOWN = 20;

export async function explain(opts: ExplainOptions): Promise<ExitCode> {
  const rep = createReporter(!!opts.json);
  const period = parsePeriodOption(opts.period, true)!;
  if (!opts.figure) throw new UsageError('Ange siffran med --figure TABELL/RAD/KOLUMN, till exempel --figure "resultat/Verksamhetens kostnader / Personalkostnader/Ack utfall innev år".');
  const cfg = await resolveConfig(opts.config);
  if (!cfg.ok) {
    rep.summary(cfg.diagnostics);
    return cfg.exit;
  }
  const loaded = cfg.value;
  rep.progress('Läser och kontrollerar källorna …');
  const result = await runPipeline(loaded, period, opts.unit !== undefined ? { unit: opts.unit } : {});
  if (result.unknownUnit) {
    rep.summary(result.diagnostics);
    return exitCode({ diagnostics: result.diagnostics.all, failure: 'usage' });
  }
  if (!result.data || result.diagnostics.hasErrors || result.missing.length > 0) {
    rep.summary(result.diagnostics);
    return exitCode({ diagnostics: result.diagnostics.all });
  }
  const data = result.data;
  const node = opts.unit !== undefined ? data.hierarchy.byId.get(opts.unit)! : data.hierarchy.root;
  const texts = await loadTextTemplates(loaded.config.templates ? path.resolve(loaded.dir, loaded.config.templates) : undefined, loaded.config.units.text);
  const layout = await loadLayout(loaded);
  if (!layout.ok) {
    result.diagnostics.addAll(layout.diagnostics);
    rep.summary(result.diagnostics);
    return exitCode({ diagnostics: result.diagnostics.all });
  }
  const model = buildUnitReport(data, node, { loaded, texts, layout: layout.value.layout, narratives: new Map(), warnings: [] });
  const figure = locate(model, opts.figure);
  const people = explainLayoutColumn(loaded, data, figure) ?? explainPeople(loaded, data, node, figure);
  rep.endProgress();
  const head = { command: 'explain', status: 'ok' as const, exitCode: EXIT.ok, period: formatPeriod(period), unit: node.id,
    figure: { table: figure.table.id, row: figure.rowLabel, column: figure.column, printed: printedCell(figure.cell), cell: figure.cell } };
  if (people) {
    if (rep.json) {
      printJson({ ...head, kind: people.kind, ...people.explanation, diagnostics: [], counts: countsOf(result.diagnostics) });
      return EXIT.ok;
    }
    const lines = people.kind === 'groups' ? describeGroups(model, figure, people.explanation)
      : people.kind === 'goals' ? describeGoalCount(model, figure, people.explanation)
        : describeIndicator(model, figure, people.explanation);
    for (const line of lines) rep.result(line);
    return EXIT.ok;
  }
  rep.progress('Letar upp källraderna …');
  const explanation = await explainFigure(loaded, data, figure);
  check(figure, explanation);
  rep.endProgress();

  if (rep.json) {
    printJson({
      ...head, kind: 'lines',
      formula: explanation.formula, rules: explanation.rules, value: explanation.value,
      terms: explanation.terms, diagnostics: [], counts: countsOf(result.diagnostics),
    });
    return EXIT.ok;
  }
  for (const line of describe(model, figure, explanation, !!opts.all)) rep.result(line);
  return EXIT.ok;
}

type PeopleExplanation =
  | { kind: 'groups'; explanation: GroupedExplanation }
  | { kind: 'indicator'; explanation: IndicatorExplanation }
  | { kind: 'goals'; explanation: GoalCountExplanation };

/** "januari–juli 2024" for a window of YYYYMM months. */
function windowWords(w: { readonly from: number; readonly to: number }): string {
  const y1 = Math.trunc(w.from / 100);
  const y2 = Math.trunc(w.to / 100);
  if (w.from === w.to) return `${monthName(w.to % 100)} ${y2}`;
  return y1 === y2 ? `${monthName(w.from % 100)}–${monthName(w.to % 100)} ${y2}` : `${monthName(w.from % 100)} ${y1}–${monthName(w.to % 100)} ${y2}`;
}

/**
 * A personnel or goal column of a layout table (report/measures.ts personnelMeasure, goalMeasure), found by the
 * measure its provenance names. Personnel figures are traced the way the personnel section's tables are — by
 * groups of ansvar, small ones merged, never persons — where the figure is a plain sum or ratio of the unit's hours
 * or headcount (sjukfranvaro, sjukfranvaroForegaendeAr, antalAnstallda, arbetadTid); for the others explain says
 * what the figure is and why it does not split it. Goal counts list the delmål or indicators they count. Null for
 * any other column.
 */
function explainLayoutColumn(loaded: LoadedConfig, data: LoadedData, f: Located): PeopleExplanation | null {
  const prov = figureProvenance(f.table, f.rowIndex, f.columnIndex);
  const measure = prov?.measure as MeasureId | undefined;
  if (measure !== undefined && INDICATOR_MEASURES.includes(measure)) return explainIndicatorRow(loaded, data, f, prov!);
  if (measure === undefined || (!PERSONNEL_MEASURES.includes(measure) && !GOAL_MEASURES.includes(measure))) return null;
  if (prov?.formula === 'personnel.target') {
    throw new UsageError(`Tabell ${f.table.id} / rad ${f.rowLabel} / kolumn ${f.column} är ett målvärde som står i konfigurationen (personnel.targets i ${loaded.file}), inget som räknas ur källorna.`);
  }
  const unit = prov?.unit !== undefined ? data.hierarchy.byId.get(prov.unit) : undefined;
  if (!unit) throw new Error(`Siffran ${f.table.id} / ${f.rowLabel} / ${f.column} har ingen enhet i sin härkomst (${prov?.unit ?? 'saknas'}).`);
  const where = `${f.column} för ${unit.name}`;

  if (GOAL_MEASURES.includes(measure)) {
    const goals = data.goals && loaded.config.goals ? goalsOfSubtree(data.goals, unit, unit === data.hierarchy.root) : null;
    if (goals === null) {
      throw new UsageError(`${where} är tom: målexporten (${loaded.config.goals?.sources.goals.file ?? 'goals'}) har inga delmål för ${unit.name} eller enheterna under den.`);
    }
    const e = explainGoalCount(goals, measure, unit.name);
    const c = f.cell;
    const ok = c.kind === 'count'
      ? (c.value === null ? e.items.length === 0 : c.value === e.value)
      : c.kind === 'percent' && (c.ratio === null ? e.ratio === undefined : e.ratio !== undefined && c.ratio.num * e.ratio.den === e.ratio.num * c.ratio.den);
    if (!ok) throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${e.value}, men rapporten visar ${JSON.stringify(c)}.`);
    if (c.kind === 'count' && c.value === null) {
      throw new UsageError(`${where} är tom: delmålen för ${unit.name} och enheterna under den har inga indikatorer i målexporten.`);
    }
    if (c.kind === 'percent' && c.ratio === null) {
      throw new UsageError(`${where} är tom: inget av de ${e.items.length} ${measure === 'andelMalHelt' ? 'delmålen' : 'indikatorerna'} för ${unit.name} och enheterna under den bedöms denna period, så det finns ingen andel att räkna.`);
    }
    return { kind: 'goals', explanation: e };
  }

  const p = data.personnel;
  const cfg = loaded.config.personnel;
  if (!p || !cfg) throw new Error(`Tabellen ${f.table.id} har en personalkolumn men personal är inte konfigurerat.`);
  const { windows } = computePersonnel(p, { unitCostCentres: unit.costCentres });
  const ytd = windowWords(windows.ytd);
  const prevYtd = windowWords(windows.ytdPrev);
  const traceable = 'Den totala sjukfrånvaron (måtten sjukfranvaro och sjukfranvaroForegaendeAr, eller raden Total sjukfrånvaro i tabellen personal-sjukfranvaro) förklaras per ansvar.';
  switch (measure) {
    case 'sjukfranvaro':
    case 'sjukfranvaroForegaendeAr': {
      const window = measure === 'sjukfranvaro' ? windows.ytd : windows.ytdPrev;
      const e = explainSickLeaveTotal({
        employments: p.data.employments.filter((x) => x.period <= p.hrPeriod),
        pieces: p.pieces,
        rules: p.rules,
        costCentres: unit.costCentres,
        window,
        files: { employments: cfg.sources.employments.file, absence: cfg.sources.absence.file },
      });
      const c = f.cell;
      if (c.kind !== 'percent' || c.ratio === null || !e.ratio || BigInt(c.ratio.num) * BigInt(e.ratio.den) !== BigInt(e.ratio.num) * BigInt(c.ratio.den)) {
        throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${JSON.stringify(e.ratio)}, men rapporten visar ${JSON.stringify(c)}.`);
      }
      return { kind: 'groups', explanation: e };
    }
    case 'antalAnstallda': {
      const e = explainHeadcount({
        employments: p.data.employments.filter((x) => x.period <= p.hrPeriod),
        rules: p.rules,
        costCentres: unit.costCentres,
        costCentreNames: new Map(),
        form: null,
        months: [{ ym: p.hrPeriod, sign: 1 }],
        file: cfg.sources.employments.file,
      });
      if (f.cell.kind !== 'count' || f.cell.value !== e.value) {
        throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${e.value}, men rapporten visar ${JSON.stringify(f.cell)}.`);
      }
      return { kind: 'groups', explanation: e };
    }
    case 'arbetadTid': {
      const e = explainWorkedHours({
        employments: p.data.employments.filter((x) => x.period <= p.hrPeriod),
        hired: p.data.hiredStaff ?? null,
        rules: p.rules,
        costCentres: unit.costCentres,
        measure: 'exclOnCall',
        windows: [{ ...windows.ytd, sign: 1 }],
        files: { employments: cfg.sources.employments.file, ...(cfg.sources.hiredStaff ? { hired: cfg.sources.hiredStaff.file } : {}) },
      });
      if (f.cell.kind !== 'number' || f.cell.value === null || Math.round(f.cell.value * 100) !== Math.round((e.value ?? NaN) * 100)) {
        throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${e.value}, men rapporten visar ${JSON.stringify(f.cell)}.`);
      }
      return { kind: 'groups', explanation: e };
    }
    case 'sjukfranvaroForandring':
      throw new UsageError(`${where} är skillnaden i procentenheter mellan sjukfrånvaron ${ytd} och samma månader föregående år (${prevYtd}), räknad ur de exakta talen och avrundad till kolumnens decimaler; den är ingen summa av källrader. explain förklarar de två sjukfrånvarotalen var för sig, per ansvar: måtten sjukfranvaro och sjukfranvaroForegaendeAr (eller raden Total sjukfrånvaro i tabellen personal-sjukfranvaro).`);
    case 'sjukfranvaroKvinnor':
    case 'sjukfranvaroMan': {
      const who = measure === 'sjukfranvaroKvinnor' ? 'kvinnornas' : 'männens';
      throw new UsageError(`${where} är ${who} sjukfrånvarotimmar / ${who} ordinarie arbetstid (schemalagd tid), ${ytd}, i procent: lagens nyckeltal (LKBR 11 kap.), räknat ur ${cfg.sources.absence.file} och ${cfg.sources.employments.file}. explain delar inte upp den per ansvar: uppdelad på både kön och ansvar blir grupperna så små att enskilda personer kan pekas ut. ${traceable}`);
    }
    case 'andelLangtidssjukfranvaro':
      throw new UsageError(`${where} är sjukfrånvarotimmarna i sjukperioder om ${p.rules.sickLeave.longTermDays} dagar eller mer / alla sjukfrånvarotimmar, ${ytd}, i procent: en andel av sjukfrånvaron, inte av arbetstiden. explain delar inte upp den per ansvar: långa sjukperioder gäller få personer och kan per ansvar peka ut enskilda. ${traceable}`);
    case 'arsarbetare':
      throw new UsageError(`${where} är arbetad tid exkl jour/beredskap, ${ytd}, delad med årsnormen ${p.rules.staff.yearlyNormHours} timmar × periodens andel av året (månaderna / 12); den är ett antal heltidsarbetare, inte en summa av rader. explain förklarar timmarna per ansvar: måttet arbetadTid (eller raden Arbetad tid exkl jour/beredskap i tabellen personal-arbetad-tid).`);
    case 'personalomsattning':
      throw new UsageError(`${where} är personalomsättningen för de senaste tolv månaderna: antalet avgångar (pensionsavgångar, interna och externa avgångar) / genomsnittligt antal anställda vid varje månads slut under samma månader, i procent, räknad ur ${cfg.sources.employments.file} (personnel.turnover i ${loaded.file}). explain delar inte upp den per ansvar eller person: avgångarna är få, och per ansvar kan de peka ut enskilda. Personalavsnittets text redovisar den uppdelad på avgångsorsak, kön och åldersgrupp, där grupperna är tillräckligt stora.`);
    default:
      return null;
  }
}

/** Figures about people and goals: antal anställda (by groups) and indicators (by their export rows). */
function explainPeople(
  loaded: LoadedConfig,
  data: LoadedData,
  node: OrgNode,
  f: Located,
): { kind: 'groups'; explanation: GroupedExplanation } | { kind: 'indicator'; explanation: IndicatorExplanation } | null {
  if (f.table.id === 'personal-antal-anstallda' && data.personnel && loaded.config.personnel) {
    const hr = data.personnel.hrPeriod;
    const months = f.columnIndex === 1 ? [{ ym: addMonths(hr, -12), sign: 1 as const }]
      : f.columnIndex === 2 ? [{ ym: hr, sign: 1 as const }]
        : [{ ym: hr, sign: 1 as const }, { ym: addMonths(hr, -12), sign: -1 as const }];
    const e = explainHeadcount({
      employments: data.personnel.data.employments.filter((x) => x.period <= hr),
      rules: data.personnel.rules,
      costCentres: node.costCentres,
      costCentreNames: new Map(),
      form: f.row.emphasis === 'total' ? null : (f.row.cells[0] as { text: string }).text,
      months,
      file: loaded.config.personnel.sources.employments.file,
    });
    if (f.cell.kind !== 'count' || f.cell.value !== e.value) {
      throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${e.value}, men rapporten visar ${JSON.stringify(f.cell)}.`);
    }
    return { kind: 'groups', explanation: e };
  }
  if (f.table.id === 'personal-arbetad-tid' && data.personnel && loaded.config.personnel) {
    const label = (f.row.cells[0] as { text: string }).text;
    const measure = WORKED_ROWS[label];
    if (!measure || f.columnIndex > 3) throw new UsageError(`explain förklarar timmarna i tabellen personal-arbetad-tid (kolumnerna för perioderna och Förändring), inte "${label}" / "${f.column}".`);
    const p = data.personnel;
    const { windows } = computePersonnel(p, { unitCostCentres: node.costCentres });
    // The jour/beredskap deduction is printed negative.
    const sign = (measure === 'onCall' ? -1 : 1) as 1 | -1;
    const neg = (-sign) as 1 | -1;
    const chosen = f.columnIndex === 1 ? [{ ...windows.ytdPrev, sign }] : f.columnIndex === 2 ? [{ ...windows.ytd, sign }] : [{ ...windows.ytd, sign }, { ...windows.ytdPrev, sign: neg }];
    const e = explainWorkedHours({
      employments: p.data.employments.filter((x) => x.period <= p.hrPeriod),
      hired: p.data.hiredStaff ?? null,
      rules: p.rules,
      costCentres: node.costCentres,
      measure,
      windows: chosen,
      files: { employments: loaded.config.personnel.sources.employments.file, ...(loaded.config.personnel.sources.hiredStaff ? { hired: loaded.config.personnel.sources.hiredStaff.file } : {}) },
    });
    if (f.cell.kind !== 'number' || f.cell.value === null || Math.round(f.cell.value * 100) !== Math.round((e.value ?? NaN) * 100)) {
      throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${e.value}, men rapporten visar ${JSON.stringify(f.cell)}.`);
    }
    return { kind: 'groups', explanation: e };
  }
  if ((f.table.id === 'personal-sjukfranvaro' || f.table.id === 'personal-sjukfranvaro-r12') && data.personnel && loaded.config.personnel) {
    const label = (f.row.cells[0] as { text: string }).text;
    if (label !== 'Total sjukfrånvaro' || f.columnIndex > 2) {
      throw new UsageError(`explain förklarar raden "Total sjukfrånvaro" (kolumnerna för perioderna) i ${f.table.id}, inte "${label}" / "${f.column}".`);
    }
    const p = data.personnel;
    const { windows } = computePersonnel(p, { unitCostCentres: node.costCentres });
    const r12 = f.table.id === 'personal-sjukfranvaro-r12';
    const window = f.columnIndex === 1 ? (r12 ? windows.r12Prev : windows.ytdPrev) : r12 ? windows.r12 : windows.ytd;
    const src = loaded.config.personnel.sources;
    const e = explainSickLeaveTotal({
      employments: p.data.employments.filter((x) => x.period <= p.hrPeriod),
      pieces: p.pieces,
      rules: p.rules,
      costCentres: node.costCentres,
      window,
      files: { employments: src.employments.file, absence: src.absence.file },
    });
    const c = f.cell;
    if (c.kind !== 'percent' || c.ratio === null || !e.ratio || BigInt(c.ratio.num) * BigInt(e.ratio.den) !== BigInt(e.ratio.num) * BigInt(c.ratio.den)) {
      throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${JSON.stringify(e.ratio)}, men rapporten visar ${JSON.stringify(c)}.`);
    }
    return { kind: 'groups', explanation: e };
  }
  if (f.table.id.startsWith('indikatorer-') && data.goals) {
    const goal = data.goals.topGoals.flatMap((t) => t.goals).find((g) => `indikatorer-${slugify(g.goal.id)}` === f.table.id);
    const r = goal?.indicators[f.rowIndex];
    if (!r) throw new Error(`Tabellen ${f.table.id} rad ${f.rowIndex + 1} motsvarar ingen indikator.`);
    checkIndicator(f, r);
    return { kind: 'indicator', explanation: explainIndicator(r, data.goals.rules.thresholds) };
  }
  return null;
}

/**
 * A cell of a layout table's indicator row (report/measures.ts indicatorMeasure): the indicator in the goal export,
 * its målvärde and outcome rows, as for the goals module's indicator tables. The cell is recomputed from the same
 * assessed indicator and must equal what the report shows.
 */
function explainIndicatorRow(loaded: LoadedConfig, data: LoadedData, f: Located, prov: NonNullable<ReturnType<typeof figureProvenance>>): PeopleExplanation {
  const unit = prov.unit !== undefined ? data.hierarchy.byId.get(prov.unit) : undefined;
  const goals = unit && data.goals && loaded.config.goals ? goalsOfSubtree(data.goals, unit, unit === data.hierarchy.root) : null;
  const goal = goals?.topGoals.flatMap((t) => t.goals).find((g) => g.goal.id === prov.goal);
  const r = goal?.indicators.find((i) => i.indicator.id === prov.indicator);
  if (!goals || !r) throw new Error(`Tabellen ${f.table.id} rad ${f.rowLabel} motsvarar ingen indikator i målexporten (${prov.goal ?? '?'} / ${prov.indicator ?? '?'}).`);
  const expected = indicatorMeasure(r, goals, prov.measure!);
  if (JSON.stringify(expected) !== JSON.stringify(f.cell)) {
    throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${JSON.stringify(expected)}, men rapporten visar ${JSON.stringify(f.cell)}.`);
  }
  const file = loaded.config.goals?.sources.goals.file ?? 'målexporten';
  if (prov.measure === 'indikatorUtfall' && f.cell.kind === 'text' && f.cell.text === '') {
    const why = r.due ? 'målexporten har inget aktuellt utfall för indikatorn denna period (inga data är inte 0)' : 'indikatorn redovisas inte vid detta tillfälle';
    throw new UsageError(`${f.table.id} / ${f.rowLabel} / ${f.column} är tom: ${why}. Indikatorn ${r.indicator.id} "${r.indicator.name}" står i ${formatLocation(r.indicator.location)} (målexporten ${file}).`);
  }
  return { kind: 'indicator', explanation: explainIndicator(r, goals.rules.thresholds) };
}

/** Rows of table personal-arbetad-tid and the hours they show (report/personnel-section.ts). */
const WORKED_ROWS: Readonly<Record<string, HoursMeasure>> = {
  'Utförd arbetstid egen personal': 'own',
  'varav övertid/mertid': 'overtime',
  'varav timavlönade': 'hourlyPaid',
  'Utförd arbetstid externt inhyrd personal': 'hired',
  'Arbetad tid inkl jour/beredskap': 'inclOnCall',
  'Avdrag arbetad tid under jour/beredskap': 'onCall',
  'Arbetad tid exkl jour/beredskap': 'exclOnCall',
};

/** The indicator cell must be the export's target, outcome or their ratio. */
function checkIndicator(f: Located, r: IndicatorResult): void {
  const c = f.cell;
  const t = r.indicator.target;
  const ok =
    f.columnIndex === 1 ? c.kind === 'number' && t.kind === 'value' && c.value === t.value
      : f.columnIndex === 2 ? c.kind === 'number' && c.value === r.measurement?.value
        : f.columnIndex === 3 ? c.kind === 'percent' && c.ratio !== null && r.ratio !== null && (() => {
          const q = toReportRatio(r.ratio);
          return BigInt(q.num) * BigInt(c.ratio.den) === BigInt(c.ratio.num) * BigInt(q.den);
        })()
          : false;
  if (!ok) throw new UsageError(`Cellen ${f.table.id} / ${f.rowLabel} / ${f.column} har ingen siffra att förklara.`);
}

/** A cell of the report model, found from `TABLE/ROW/COLUMN`. */
interface Located {
  readonly table: Table;
  readonly row: Row;
  readonly rowIndex: number;
  /** The row's label as `--figure` and `--check` name it ("Verksamhetens kostnader / Total"). */
  readonly rowLabel: string;
  /** The section row above it (table 3.1), or null. */
  readonly section: string | null;
  readonly columnIndex: number;
  readonly column: string;
  readonly cell: Cell;
}

function allTables(model: ReportModel): Table[] {
  const out: Table[] = [];
  const walk = (sections: ReportModel['sections']) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === 'table') out.push(b);
      walk(s.sections);
    }
  };
  walk(model.sections);
  return out;
}

const norm = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv-SE');

/** Row labels as `render/compare-json.ts` makes them: the first cell, after the section row above it. */
function labelled(table: Table): { label: string; section: string | null; plain: string }[] {
  let section: string | null = null;
  return table.rows.map((r, i) => {
    const first = r.cells[0];
    const plain = first && first.kind === 'text' ? first.text : `rad ${i + 1}`;
    if (r.emphasis === 'section') {
      section = plain;
      return { label: plain, section: null, plain };
    }
    if (r.emphasis === 'total') return { label: plain, section: null, plain };
    return { label: section && plain !== section ? `${section} / ${plain}` : plain, section, plain };
  });
}

/** `TABLE/ROW/COLUMN`: the table by id or title, the row by its label (the section part may be left out when the rest is unique), the column by its header. */
function locate(model: ReportModel, spec: string): Located {
  const first = spec.indexOf('/');
  const last = spec.lastIndexOf('/');
  if (first < 0 || last === first) throw new UsageError(`--figure ska vara TABELL/RAD/KOLUMN, till exempel "resultat/Personalkostnader/Ack utfall innev år" (fick "${spec}").`);
  const [tableName, rowName, columnName] = [spec.slice(0, first), spec.slice(first + 1, last), spec.slice(last + 1)].map((s) => s.trim()) as [string, string, string];
  const tables = allTables(model);
  const table = tables.find((t) => norm(t.id) === norm(tableName) || norm(t.title) === norm(tableName));
  if (!table) {
    const near = nearestName(tableName, tables.map((t) => t.id));
    throw new UsageError(`Rapporten har ingen tabell "${tableName}".${near ? ` Menade du "${near}"?` : ''} Tabeller: ${tables.map((t) => t.id).join(', ')}.`);
  }
  const labels = labelled(table);
  let rowIndex = labels.findIndex((l) => norm(l.label) === norm(rowName));
  if (rowIndex < 0) {
    const plain = labels.flatMap((l, i) => (norm(l.plain) === norm(rowName) ? [i] : []));
    if (plain.length > 1) {
      throw new UsageError(`Raden "${rowName}" finns flera gånger i tabellen ${table.id}; ange den med avsnittet: ${plain.map((i) => `"${labels[i]!.label}"`).join(', ')}.`);
    }
    rowIndex = plain[0] ?? -1;
  }
  if (rowIndex < 0) {
    const near = nearestName(rowName, labels.map((l) => l.label));
    throw new UsageError(`Tabellen ${table.id} har ingen rad "${rowName}".${near ? ` Menade du "${near}"?` : ''}`);
  }
  const columnIndex = table.columns.findIndex((c, i) => i > 0 && (norm(c.header) === norm(columnName) || norm(`${c.group ?? ''} ${c.header}`) === norm(columnName)));
  if (columnIndex < 0) {
    const near = nearestName(columnName, table.columns.slice(1).map((c) => c.header));
    throw new UsageError(`Tabellen ${table.id} har ingen kolumn "${columnName}".${near ? ` Menade du "${near}"?` : ''} Kolumner: ${table.columns.slice(1).map((c) => c.header).join(', ')}.`);
  }
  const row = table.rows[rowIndex]!;
  const cell = row.cells[columnIndex]!;
  const l = labels[rowIndex]!;
  if (cell.kind === 'suppressed') {
    throw new UsageError(`Cellen ${table.id} / ${l.label} / ${table.columns[columnIndex]!.header} visas inte i rapporten: ${cell.note} explain förklarar inte uppgifter som inte får visas.`);
  }
  // An indicator row's målvärde and status are text (as the goal export writes them, the status in words): explained too.
  const indicatorCell = figureProvenance(table, rowIndex, columnIndex)?.indicator !== undefined;
  if (row.emphasis === 'section' || (!indicatorCell && !['money', 'percent', 'number', 'count'].includes(cell.kind))) {
    throw new UsageError(`Cellen ${table.id} / ${l.label} / ${table.columns[columnIndex]!.header} har ingen siffra att förklara.`);
  }
  return { table, row, rowIndex, rowLabel: l.label, section: l.section, columnIndex, column: table.columns[columnIndex]!.header, cell };
}

/**
 * The figure's sources from the report model's provenance (report/provenance.ts): its formula, the unit whose ansvar it
 * sums, the report rows or investment area it covers. The model carries it, so explain needs no knowledge of the layout.
 */
async function explainFigure(loaded: LoadedConfig, data: LoadedData, f: Located): Promise<Explanation> {
  const { config } = loaded;
  const src = config.sources;
  const prov = figureProvenance(f.table, f.rowIndex, f.columnIndex);
  if (!prov || prov.formula === undefined || prov.formula === 'kolada.value') {
    throw new UsageError(`explain förklarar siffror i tabellerna resultat, nettokostnad, prognos, investeringar (och andra tabeller i layouten med ekonomi- eller investeringsrader), indikatorer-…, personal-antal-anstallda, personal-arbetad-tid, personal-sjukfranvaro och personal-sjukfranvaro-r12, inte i ${f.table.id}.`);
  }
  const unit = prov.unit !== undefined ? data.hierarchy.byId.get(prov.unit) : undefined;
  if (!unit) throw new Error(`Siffran ${f.table.id} / ${f.rowLabel} / ${f.column} har ingen enhet i sin härkomst (${prov.unit ?? 'saknas'}).`);
  const { inputs } = await loadInputs(loaded);
  if (!inputs) throw new Error('Källorna gick att läsa nyss men inte nu.');
  const period = data.period;
  if (prov.formula.startsWith('investment.')) {
    if (!inputs.investments || !src.investments) throw new Error(`Tabellen ${f.table.id} saknar investeringskälla.`);
    const inv = await readInvestments(inputs.investments, src.investments);
    return explainInvestment({
      measure: prov.formula.slice('investment.'.length) as InvestmentMeasure,
      records: inv.value,
      file: src.investments.file,
      area: prov.area ?? null,
      costCentres: unit.costCentres,
      isRoot: unit === data.hierarchy.root,
      unitName: unit.name,
    });
  }
  if (prov.formula === 'andelAvOmsattning' || prov.formula === 'andelAvNettokostnad' || prov.formula === 'avvikelseAvOmsattning' || prov.formula === 'prognosavvikelseAvOmsattning' || prov.formula.startsWith('bruttokostnad')) {
    throw new UsageError(`explain förklarar belopp och förändringar, inte andelar eller bruttokostnadsutveckling (${f.column}).`);
  }
  const measure = prov.formula as EconomyMeasure;
  const selection: RowSelection = prov.rows ?? { kind: 'net' };
  const groups = await readAccountGroups(inputs.accountGroups, src.accountGroups);
  const forecasts = inputs.forecasts && src.forecasts ? (await readForecasts(inputs.forecasts, src.forecasts)).value : [];
  const ccs = new Set(unit.costCentres);
  const years = new Set([period.year, period.year - 1]);
  // A proposed forecast and a re-periodised budget are computed, not read from lines: explain lists source lines
  // that sum to a figure, so it says it cannot instead of listing lines that do not add up.
  if ((measure === 'forecast' || measure === 'forecastDeviation' || measure === 'forecastChange') && config.forecast?.propose) {
    const r = computeEconomy(data.prepared, unit);
    const figures = selection.kind === 'net' ? r.net
      : selection.kind === 'section' ? r.sections.find((x) => x.name === selection.section)?.total
        : r.sections.find((x) => x.name === selection.section)?.rows.find((x) => x.name === selection.row)?.figures;
    if (figures && figures.forecastMethods.length > 0) {
      throw new UsageError(`${f.column} bygger på en föreslagen helårsprognos (forecast.propose), som räknas fram ur utfall, budget eller föregående prognos och inte finns som rader i någon fil; explain kan bara förklara lämnade prognoser.`);
    }
  }
  if ((measure === 'ackBudget' || measure === 'ackDeviation' || measure === 'monthDeviation') && config.budget?.periodisation) {
    throw new UsageError(`${f.column} bygger på budgeten periodiserad med nyckel (budget.periodisation), inte på budgetraderna per månad i huvudboken; explain kan bara förklara årsbudgeten och utfallet.`);
  }
  const needsLedger = measure !== 'forecast' && measure !== 'previousForecast' && measure !== 'forecastChange';
  // A CSV ledger arrives as a file to stream; the trace reads it whole (explain is one figure, not the batch path).
  let ledgerInput: SourceInput | null = null;
  if (needsLedger) {
    const l = inputs.ledger;
    const bytes = isStreamed(l) ? await readStreamedWhole(l, 2 ** 31 - 1) : l.bytes;
    if (bytes === null) throw new Error(`${l.displayName} är för stor för att läsas i ett stycke.`);
    ledgerInput = { displayName: l.displayName, bytes };
  }
  const ledgerLines = ledgerInput ? await traceLedgerLines(ledgerInput, src.ledger, (cc, _acc, p) => ccs.has(cc) && years.has(Math.trunc(p / 100))) : [];
  return explainEconomy({
    measure,
    period,
    sections: config.sections,
    accountGroups: groups.value,
    accountGroupsFile: src.accountGroups.file,
    selection,
    costCentres: unit.costCentres,
    unitName: unit.name,
    ledgerLines,
    forecasts,
    forecastsFile: src.forecasts?.file ?? 'prognoser',
    forecastOccasion: data.prepared.forecastOccasion,
    previousForecastOccasion: data.prepared.previousForecastOccasion,
    hasBudget: data.prepared.hasBudget,
    yearClosed: data.prepared.yearClosed,
  });
}

/** The explanation must give the cell's exact value; anything else is a fault of the tool and is not printed. */
function check(f: Located, e: Explanation): void {
  const c = f.cell;
  const same =
    c.kind === 'money' && e.value.kind === 'money'
      ? c.ore === e.value.ore
      : c.kind === 'percent' && e.value.kind === 'percent'
        ? (c.ratio === null && e.value.ratio === null) || (c.ratio !== null && e.value.ratio !== null && c.ratio.num * e.value.ratio.den === e.value.ratio.num * c.ratio.den)
        : false;
  if (!same) throw new Error(`Förklaringen av ${f.table.id} / ${f.rowLabel} / ${f.column} ger ${JSON.stringify(e.value)}, men rapporten visar ${JSON.stringify(c)}.`);
}

function printedCell(c: Cell): string {
  const t = formatCell(c, ' ');
  return t === '' ? '(tom)' : c.kind === 'money' ? `${t} ${c.unit}` : c.kind === 'percent' ? `${t} %` : t;
}

const amount = (ore: number | null): string => (ore === null ? '(inget värde)' : `${formatOreForMessage(ore)} kr`);
const periodText = (p: number): string => `${Math.trunc(p / 100)}-${String(p % 100).padStart(2, '0')}`;

/** The explanation in Swedish, line by line. */
function describe(model: ReportModel, f: Located, e: Explanation, all: boolean): string[] {
  const out: string[] = [];
  out.push(`Tabell "${f.table.title}" (${f.table.id}) / rad "${f.rowLabel}" / kolumn "${f.column}"`);
  out.push(`Enhet: ${model.meta.unit} · period ${model.meta.period.code}`);
  const exact = f.cell.kind === 'money' ? amount(f.cell.ore) : f.cell.kind === 'percent' && f.cell.ratio ? `${formatPercent(f.cell.ratio, 6, ' ')} %` : '';
  out.push(`Siffran: ${printedCell(f.cell)}${exact ? ` (exakt ${exact})` : ''}`);
  out.push('');
  out.push(`Så räknas den: ${e.formula}.`);
  out.push('Regler:');
  for (const r of e.rules) out.push(`  ${r}`);
  out.push(f.table.id === 'investeringar' ? 'Källrader (utgifter, positiva som i exporten):' : 'Källrader (belopp i rapporttecken: intäkter positiva, kostnader negativa):');
  for (const t of e.terms) {
    out.push(`  ${t.sign < 0 ? '− ' : ''}${t.label}: ${t.lines.length} ${t.lines.length === 1 ? 'rad' : 'rader'}, summa ${amount(t.sum)}`);
    const shown = all ? t.lines : t.lines.slice(0, LINES_SHOWN);
    for (const l of shown) {
      const where = `${l.file}${l.sheet ? `, blad ${l.sheet}` : ''} rad ${l.row}`;
      const keys = [
        l.project ? `projekt ${l.project}` : '',
        l.costCentre ? `ansvar ${l.costCentre}` : '',
        l.account ? `konto ${l.account}` : '',
        l.reportRow ? `rad "${l.reportRow}"` : '',
        l.period ? periodText(l.period) : '',
      ].filter(Boolean);
      out.push(`    ${where}: ${keys.join(', ')}: ${formatOreForMessage(l.amount)}`);
    }
    if (shown.length < t.lines.length) {
      out.push(`    … och ${t.lines.length - shown.length} rader till (alla med --all, eller med --json)`);
      // Per account, so the sum can be followed without every line.
      const byAccount = new Map<string, { n: number; sum: number }>();
      for (const l of t.lines) {
        const k = l.account ?? l.reportRow ?? l.project ?? '';
        const a = byAccount.get(k) ?? { n: 0, sum: 0 };
        a.n++;
        a.sum += l.amount;
        byAccount.set(k, a);
      }
      for (const [k, a] of [...byAccount].sort((x, y) => x[0].localeCompare(y[0]))) out.push(`    per ${t.lines[0]?.account !== undefined ? 'konto' : 'nyckel'} ${k}: ${a.n} rader, ${formatOreForMessage(a.sum)}`);
    }
  }
  out.push('');
  if (e.value.kind === 'money') {
    const parts = e.terms.map((t, i) => `${i === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + '}${t.sum === null ? '(inget värde)' : t.sum < 0 && i > 0 ? `(${formatOreForMessage(t.sum)})` : formatOreForMessage(t.sum)}`);
    out.push(`Räkning: ${parts.join('')} = ${amount(e.value.ore)}`);
  } else if (e.value.ratio) {
    const [a, b] = e.terms;
    out.push(`Räkning: (${amount(a!.sum)} − (${amount(b!.sum)})) / (${amount(b!.sum)}) × 100 = ${formatPercent(e.value.ratio, 6, ' ')} %`);
  }
  out.push('Raderna summerar exakt till siffran i rapporten.');
  return out;
}

function header(model: ReportModel, f: Located): string[] {
  return [
    `Tabell "${f.table.title}" (${f.table.id}) / rad "${f.rowLabel}" / kolumn "${f.column}"`,
    `Enhet: ${model.meta.unit} · period ${model.meta.period.code}`,
    `Siffran: ${printedCell(f.cell)}`,
    '',
  ];
}

/** A personnel figure: its groups (never persons), summing to it. */
function describeGroups(model: ReportModel, f: Located, e: GroupedExplanation): string[] {
  const out = header(model, f);
  out.push(`Så räknas den: ${e.formula}.`);
  out.push('Regler:');
  for (const r of e.rules) out.push(`  ${r}`);
  out.push('Grupper:');
  // Counts are whole; hours have up to two decimals (centihours).
  const num = (v: number | null): string => (v === null ? '(inget värde)' : formatNumber(v, Number.isInteger(v) ? 0 : 2, ' '));
  for (const t of e.terms) {
    out.push(`  ${t.sign < 0 ? '− ' : ''}${t.label}: ${num(t.sum)}`);
    for (const g of t.groups) out.push(`    ${g.label}: ${num(g.value)}`);
  }
  out.push('');
  if (e.ratio && e.value !== null) out.push(`Räkning: ${num(e.terms[0]!.sum)} / ${num(e.terms[1]!.sum)} × 100 = ${formatPercent(e.ratio, 6, ' ')} %`);
  else if (e.terms.length > 1) out.push(`Räkning: ${e.terms.map((t, i) => `${i > 0 ? (t.sign < 0 ? ' − ' : ' + ') : t.sign < 0 ? '−' : ''}${num(t.sum)}`).join('')} = ${num(e.value)}`);
  out.push('Grupperna summerar exakt till siffran i rapporten.');
  return out;
}

/** A goal count: the delmål or indicators it counts, each with its status and export row. */
function describeGoalCount(model: ReportModel, f: Located, e: GoalCountExplanation): string[] {
  const out = header(model, f);
  out.push(`Så räknas den: ${e.formula}.`);
  out.push('Regler:');
  for (const r of e.rules) out.push(`  ${r}`);
  out.push(e.ratio ? 'Bedömda (räknas = uppfylls helt):' : 'Källrader (räknas = ingår i siffran):');
  const shown = e.ratio ? e.items.filter((i) => !i.status.startsWith('inga data') && !i.status.startsWith('ej bedömd')) : e.items;
  for (const i of shown) {
    out.push(`  ${i.counted ? '[räknas]      ' : '[räknas inte] '}${formatLocation(i.location)}: ${i.what}${i.unit ? `, enhet ${i.unit}` : ''}: ${i.status}`);
  }
  out.push('');
  out.push(e.ratio ? `Räkning: ${e.ratio.num} / ${e.ratio.den} × 100 = ${formatPercent(e.ratio, 6, ' ')} %` : `Räkning: ${e.value} räknade.`);
  return out;
}

/** An indicator figure: the export rows it was read from and the rule. */
function describeIndicator(model: ReportModel, f: Located, e: IndicatorExplanation): string[] {
  const out = header(model, f);
  out.push('Källrader:');
  for (const s of e.sources) out.push(`  ${formatLocation(s.location)}: ${s.what}: ${s.value}`);
  out.push(`Så räknas uppfyllnaden: ${e.formula}.`);
  out.push('Regler:');
  for (const r of e.rules) out.push(`  ${r}`);
  return out;
}
