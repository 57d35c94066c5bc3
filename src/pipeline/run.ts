/**
 * The one pipeline every command runs: load every config'd source (`load-inputs.ts`, the input edge) → read (typed
 * records + diagnostics) → check and index (calc) → per unit: compute → build the report model. Commands only decide
 * what to do with the result.
 */
import type { LoadedConfig } from '../config/load-config.js';
import { periodFromKey, type Period } from '../model/period.js';
import { Diagnostics, type Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { didYouMean } from '../messages/suggest.js';
import { buildHierarchy, checkOrganisation, nodesAtLevels, type Hierarchy, type OrgNode } from '../calc/hierarchy.js';
import { nearestName } from '../model/nearest.js';
import { computeEconomy, prepareEconomy, withPreviousForecasts, type EconomyResult, type PreparedEconomy } from '../calc/economy.js';
import { forecastKey, previousReportForecasts, type ArchiveRecord } from './archive.js';
import { ore } from '../model/ore.js';
import { computeInvestments } from '../calc/investments.js';
import { computeRegionResult, prepareRegionResult, type PreparedRegionResult } from '../calc/region-result.js';
import { regionResultSchema } from '../config/schema.js';
import { acceptAllowed, reconcile } from '../calc/reconcile.js';
import { unitCaveats } from '../report/caveats.js';
import { buildReport, type EconomyInput } from '../report/build-report.js';
import type { Layout } from '../config/layout-schema.js';
import { findModuleSection, ledgerYears } from '../config/layout.js';
import { loadLayout } from './layout.js';
import type { ReportModel } from '../report/model.js';
import type { TextTemplates } from '../report/texts.js';
import { isStreamed, ledgerColumns, type ForecastRecord, type InvestmentRecord, type Ledger, type LoadedSource } from '../model/records.js';
import { readAccountGroups, readForecasts, readInvestments, readLedger, readOrganisation } from '../sources/index.js';
import { readGoalInputs } from '../sources/goals/index.js';
import { assessGoals, type GoalResults } from '../calc/goals/assess.js';
import { buildGoalsSection, goalsOfSubtree, goalsOfUnit } from '../report/goals-section.js';
import { readPersonnelInputs } from '../sources/heroma/load.js';
import { loadInputs, sourceInputsOf } from './load-inputs.js';
import { prepareLedgerRead } from './prestart.js';
import { computePersonnel, preparePersonnel, type PreparedPersonnel } from '../calc/personnel/index.js';
import { buildPersonnelSection } from '../report/personnel-section.js';
import { readKolada } from '../sources/read-kolada.js';
import { compareKolada, type KoladaComparison } from '../calc/kolada.js';
import { buildKoladaSection } from '../report/kolada-section.js';

export interface LoadedData {
  /** The report period (given, or for `validate` without one: the latest month with utfall). */
  readonly period: Period;
  readonly hierarchy: Hierarchy;
  readonly prepared: PreparedEconomy;
  readonly investments: readonly InvestmentRecord[] | null;
  /** Goal follow-up results (section 2.3), when the config has `goals`. */
  readonly goals: GoalResults | null;
  /** Prepared HR data (section 2.4), when the config has `personnel`. */
  readonly personnel: PreparedPersonnel | null;
  /** The Kolada comparison (the root report's section), when the config has `kolada`. */
  readonly kolada?: KoladaComparison | null;
  /** The region level's marks and reserve (calc/region-result.ts); absent when a caller builds data without it. */
  readonly region?: PreparedRegionResult | null;
}

export interface PipelineResult {
  readonly diagnostics: Diagnostics;
  /** Source files that do not exist (`io.file-not-found`, exit 66). */
  readonly missing: readonly string[];
  /** Present when every source was read without errors. */
  readonly data: LoadedData | null;
  /** `unit` named no unit of the organisation (a usage error; nothing else was read). */
  readonly unknownUnit?: boolean;
  /** Every file read, when the run got as far as `data` (their hashes go into the published set's manifest). */
  readonly inputs?: readonly LoadedSource[];
  /** The sources were reconciled (calc/reconcile.ts): every source was read without errors and indexed. */
  readonly reconciled?: boolean;
}

/** Latest month with utfall in the ledger, or null when there is none. */
export function latestActualPeriod(ledger: Ledger): Period | null {
  const c = ledgerColumns(ledger);
  let max = 0;
  for (let k = 0; k < c.period.length; k++) if (c.has[k]! & 1 && c.period[k]! > max) max = c.period[k]!;
  return max === 0 ? null : periodFromKey(max);
}

/**
 * Reads, checks and indexes every source, then reconciles them (calc/reconcile.ts; `allow` lists the findings the
 * user accepts by name). With `unit` (generate --unit) the organisation is read first and an
 * unknown unit stops the run before the ledger, goal and HR exports are parsed (`unknownUnit`).
 */
export async function runPipeline(
  loaded: LoadedConfig,
  requested: Period | null,
  options: { readonly unit?: string; readonly allow?: readonly string[]; readonly layout?: Layout } = {},
): Promise<PipelineResult> {
  const { config } = loaded;
  const diagnostics = new Diagnostics();
  const src = config.sources;
  await prepareLedgerRead(loaded);
  // Every file first: a missing or unreadable one stops the run before anything is parsed.
  const { inputs, diagnostics: loadDiags, missing } = await loadInputs(loaded);
  diagnostics.addAll(loadDiags);
  if (!inputs) return { diagnostics, missing, data: null };

  const org = await readOrganisation(inputs.organisation, src.organisation);
  if (options.unit !== undefined && !org.diagnostics.some((d) => d.severity === 'error')) {
    const tree = buildHierarchy(config.organisation.unit, src.organisation.columns.levels, org.value);
    const picked = selectUnits(tree, [], options.unit);
    if (!Array.isArray(picked)) {
      diagnostics.add(picked);
      return { diagnostics, missing, data: null, unknownUnit: true };
    }
  }
  const [ledger, groups, inv, fc] = await Promise.all([
    readLedger(inputs.ledger, src.ledger),
    readAccountGroups(inputs.accountGroups, src.accountGroups),
    inputs.investments && src.investments ? readInvestments(inputs.investments, src.investments) : Promise.resolve(null),
    inputs.forecasts && src.forecasts ? readForecasts(inputs.forecasts, src.forecasts) : Promise.resolve(null),
  ]);
  for (const r of [ledger, org, groups, inv, fc]) if (r) diagnostics.addAll(r.diagnostics);
  const [goals, hr, koladaRead] = await Promise.all([
    config.goals && inputs.goals ? readGoalInputs(config.goals, inputs.goals) : Promise.resolve(null),
    config.personnel && inputs.personnel ? readPersonnelInputs(config.personnel, inputs.personnel) : Promise.resolve(null),
    config.kolada && inputs.kolada ? readKolada(inputs.kolada, config.kolada) : Promise.resolve(null),
  ]);
  for (const r of [goals, hr, koladaRead]) if (r) diagnostics.addAll(r.diagnostics);
  if (diagnostics.hasErrors) return { diagnostics, missing, data: null };

  const period = requested ?? latestActualPeriod(ledger.value);
  if (!period) {
    diagnostics.add(diag('ledger.no-actuals', {}, { file: src.ledger.file }));
    return { diagnostics, missing, data: null };
  }
  diagnostics.addAll(checkOrganisation(config.organisation.unit, src.organisation.columns.levels, org.value, src.organisation.file));
  if (diagnostics.hasErrors) return { diagnostics, missing, data: null };
  const hierarchy = buildHierarchy(config.organisation.unit, src.organisation.columns.levels, org.value);
  // The years of ledger months the layout's figures need (3 with a rolling-12 figure). A layout that does not load
  // is reported by the command that builds the reports; the figures here then keep the standard two years.
  let layout = options.layout;
  if (!layout) {
    const l = await loadLayout(loaded);
    if (l.ok) layout = l.value.layout;
  }
  const years = layout ? ledgerYears(layout, period) : 2;
  const { prepared, diagnostics: calcDiags } = prepareEconomy({
    years,
    ledger: ledger.value,
    accountGroups: groups.value,
    sections: config.sections,
    hierarchy,
    period,
    forecasts: (fc?.value ?? undefined) as readonly ForecastRecord[] | undefined,
    ...(config.budget?.periodisation ? { periodisation: config.budget.periodisation } : {}),
    ...(config.forecast?.propose ? { propose: config.forecast.propose } : {}),
    files: {
      ledger: src.ledger.file, accountGroups: src.accountGroups.file, config: loaded.file,
      ...(src.forecasts ? { forecasts: src.forecasts.file } : {}),
    },
    headers: {
      ledgerAccount: src.ledger.columns.account,
      ledgerCostCentre: src.ledger.columns.costCentre,
      ledgerForecast: src.ledger.columns.forecast ?? 'Prognos',
      groupsSection: src.accountGroups.columns.section,
      ...(src.forecasts
        ? {
            forecastCostCentre: src.forecasts.columns.costCentre,
            ...(src.forecasts.columns.reportRow ? { forecastRow: src.forecasts.columns.reportRow } : {}),
            ...(src.forecasts.columns.account ? { forecastAccount: src.forecasts.columns.account } : {}),
          }
        : {}),
    },
  });
  diagnostics.addAll(calcDiags);
  // The region level (calc/region-result.ts): the configured jämförelsestörande poster, avskrivningar and
  // balanskrav adjustments checked against the account grouping and summed.
  let region: PreparedRegionResult | null = null;
  if (!diagnostics.hasErrors) {
    const r = prepareRegionResult({
      prepared, ledger: ledger.value, accountGroups: groups.value, spec: config.regionResult ?? regionResultSchema.parse({}),
      accountGroupsFile: src.accountGroups.file, configFile: loaded.file,
    });
    diagnostics.addAll(r.diagnostics);
    region = r.prepared;
  }
  // Reconciliation (calc/reconcile.ts): once every source is read and indexed, before anything is computed for output.
  const reconciled = !diagnostics.hasErrors;
  if (reconciled) {
    const findings = reconcile({
      ledger: ledger.value,
      prepared,
      period,
      files: { ledger: src.ledger.file, ...(src.forecasts ? { forecasts: src.forecasts.file } : {}) },
      units: { ledger: src.ledger.unit, ...(src.forecasts ? { forecasts: src.forecasts.unit } : {}) },
    });
    diagnostics.addAll(acceptAllowed(findings, new Set(options.allow ?? [])));
  }
  let goalResults: GoalResults | null = null;
  if (goals?.data && config.goals) {
    const assessed = assessGoals(goals.data, { period, rules: config.goals.rules });
    diagnostics.addAll(assessed.diagnostics);
    goalResults = assessed.results;
    diagnostics.addAll(checkGoalUnits(assessed.results, hierarchy, config.goals.sources.goals.columns.unit));
  }
  let personnel: PreparedPersonnel | null = null;
  if (hr?.data && config.personnel) {
    const p = preparePersonnel(hr.data, config.personnel, period);
    diagnostics.addAll(p.diagnostics);
    personnel = p.prepared;
  }
  let kolada: KoladaComparison | null = null;
  if (koladaRead && config.kolada) {
    const compared = compareKolada(koladaRead.value, config.kolada, period.year, loaded.file);
    diagnostics.addAll(compared.diagnostics);
    kolada = compared.comparison;
  }
  if (diagnostics.hasErrors) return { diagnostics, missing, data: null, reconciled };
  // A streamed ledger's reader hashed it as it read it: the manifest takes that, without reading the file again.
  // So did the readers of the streamed HR extracts.
  const withLedger = ledger.digest && isStreamed(inputs.ledger) ? { ...inputs, ledger: { ...inputs.ledger, digest: ledger.digest } } : inputs;
  const read = hr && withLedger.personnel ? { ...withLedger, personnel: hr.inputs } : withLedger;
  return { diagnostics, missing, data: { period, hierarchy, prepared, investments: inv?.value ?? null, goals: goalResults, personnel, kolada, region }, inputs: sourceInputsOf(read), reconciled };
}

/**
 * The units a run reports on: one named unit, or every node at the configured report levels. An unknown unit id is
 * an error with the nearest id or name; a report level no unit has is an error too (a batch that writes fewer
 * reports than configured must not end "Klart").
 */
export function selectUnits(h: Hierarchy, unitLevels: readonly string[], unitId: string | undefined, orgFile = 'organisationsfilen'): OrgNode[] | Diagnostic {
  if (unitId !== undefined) {
    const node = h.byId.get(unitId);
    if (!node) {
      const units = [...h.byId.values()].filter((n) => n.level !== 'Ansvar');
      const known = units.map((n) => n.id);
      const near = nearestName(unitId, known) ?? units.find((n) => n.name === nearestName(unitId, units.map((u) => u.name)))?.id;
      return diag('config.unit-not-found', {
        unit: unitId,
        suggestion: near ? ` Menade du "${near}"?` : '',
        known: known.slice(0, 30).join(', ') + (known.length > 30 ? ' …' : ''),
      });
    }
    return [node];
  }
  const nodes = nodesAtLevels(h, unitLevels);
  for (const level of unitLevels) {
    if (!nodes.some((n) => n.level === level)) return diag('config.level-empty', { level, file: orgFile });
  }
  return nodes;
}

/** What a unit's report is built from besides the pipeline's data (which carries the period, parsed once). */
export interface UnitReportOptions {
  readonly loaded: LoadedConfig;
  readonly texts: TextTemplates;
  /** The report layout (`loadLayout`). */
  readonly layout: Layout;
  readonly narratives: ReadonlyMap<string, string>;
  /** The run's warnings; those that concern this unit's report become its caveats (`unitCaveats`). None in a final report. */
  readonly warnings: readonly Diagnostic[];
  /**
   * The archive of figures published to the output folder before (pipeline/archive.ts). When the forecast file has
   * no earlier occasion of the year, the previous report's helårsprognos per row comes from here.
   */
  readonly archive?: readonly ArchiveRecord[];
}

/**
 * A unit's figures, with the previous report's forecasts from the archive when the forecast file gives no previous
 * occasion (seed 003 5.2.1, "prognosförändring sedan föregående rapport").
 */
function economyWithArchive(data: LoadedData, archive: readonly ArchiveRecord[] | undefined): (n: OrgNode) => EconomyResult {
  const p = data.prepared;
  return (n) => {
    const result = computeEconomy(p, n);
    if (!archive || archive.length === 0 || p.previousForecastOccasion !== null || p.forecastOccasion === null) return result;
    const previous = previousReportForecasts(archive, n.id, data.period);
    const first = previous.values().next();
    if (first.done) return result;
    const occasion = Number(first.value.period.replace('-', ''));
    return withPreviousForecasts(result, (section, row) => {
      const v = previous.get(forecastKey(section, row));
      return v === undefined ? undefined : v.forecast === null ? null : ore(v.forecast);
    }, occasion);
  };
}

/**
 * A delmål's unit (goals column `unit`) must be a unit of the organisation file, by id or name: otherwise it would
 * silently be in no report. Each unknown one is an error naming the goal file's row and column, with the nearest name.
 */
export function checkGoalUnits(results: GoalResults, hierarchy: Hierarchy, column: string): Diagnostic[] {
  const known = [...hierarchy.byId.values()].filter((n) => n.level !== 'Ansvar');
  const names = [...new Set(known.flatMap((n) => [n.id, n.name]))];
  const out: Diagnostic[] = [];
  const ids = new Set(known.map((n) => n.id));
  const byName = new Map<string, string[]>();
  for (const n of known) byName.set(n.name, [...(byName.get(n.name) ?? []), n.id]);
  for (const g of results.topGoals.flatMap((t) => t.goals)) {
    const unit = g.goal.unit ?? null;
    if (unit === null || ids.has(unit)) continue;
    const named = byName.get(unit);
    // A name that several units have (at different levels) would count the delmål in each of their subtrees.
    if (named && named.length > 1) out.push(diag('goals.unit-ambiguous', { id: g.goal.id, unit, count: String(named.length), ids: named.join(', ') }, { ...g.goal.location, column }, unit));
    if (named) continue;
    out.push(diag('goals.unit-unknown', { id: g.goal.id, unit, suggestion: didYouMean(unit, names) }, { ...g.goal.location, column }, unit));
  }
  return out;
}

/** Computes one unit's figures and builds its report model (pure, given loaded data). */
export function buildUnitReport(data: LoadedData, node: OrgNode, o: UnitReportOptions): ReportModel {
  const { config } = o.loaded;
  const economy = economyWithArchive(data, o.archive);
  const result = economy(node);
  const input: EconomyInput = {
    result,
    ...(data.region ? { region: computeRegionResult(data.prepared, data.region, node, result) } : {}),
    children: node.children.map((c) => ({
      node: c,
      result: economy(c),
      children: c.children.map((g) => ({ node: g, result: economy(g) })),
    })),
    economyOf: economy,
    investments: data.investments ? computeInvestments(data.investments, node, node === data.hierarchy.root) : null,
  };
  // The goal export belongs to the report owner (the root); a delmål with a unit of its own goes to that unit's report.
  const goals = data.goals && config.goals ? goalsOfUnit(data.goals, node, node === data.hierarchy.root) : null;
  const hasGoals = goals !== null;
  const personnelModule = findModuleSection(o.layout, 'personnel');
  const sickLeaveDecimals = personnelModule?.sickLeaveDecimals;
  const sickLeaveTable = personnelModule?.sickLeaveTable;
  const rehabTable = personnelModule?.rehabTable;
  const workEnvironmentTable = personnelModule?.workEnvironmentTable;
  const personnel = data.personnel
    ? computePersonnel(data.personnel, {
        unitCostCentres: node.costCentres,
        subunits: node.children.map((c) => ({ id: c.id, name: c.name, costCentres: c.costCentres })),
      })
    : null;
  return buildReport(input, {
    period: data.period,
    organisation: config.organisation.name,
    node,
    unitName: node.name,
    ...(config.report.title ? { title: config.report.title } : {}),
    ...(config.report.diarienummer ? { diarienummer: config.report.diarienummer } : {}),
    ...(config.report.author ? { author: config.report.author } : {}),
    units: config.units,
    layout: o.layout,
    texts: o.texts,
    narratives: o.narratives,
    caveats: unitCaveats(o.warnings, hasGoals, node.id),
    sources: {
      ledger: config.sources.ledger.file,
      ...(config.sources.forecasts ? { forecasts: config.sources.forecasts.file } : {}),
      ...(config.sources.investments ? { investments: config.sources.investments.file } : {}),
      ...(config.personnel
        ? { personnel: [...new Set([config.personnel.sources.employments.file, config.personnel.sources.absence.file, ...(config.personnel.sources.hiredStaff ? [config.personnel.sources.hiredStaff.file] : [])])] }
        : {}),
      ...(config.goals ? { goals: [...new Set([config.goals.sources.goals.file, ...(config.goals.sources.indicators ? [config.goals.sources.indicators.file] : [])])] } : {}),
    },
    // The layout's goal columns count the delmål of each row's unit and the units below it.
    ...(data.goals && config.goals ? { goalsOf: (n: OrgNode) => goalsOfSubtree(data.goals!, n, n === data.hierarchy.root) } : {}),
    // Kolada compares the region as a whole: its section goes in the root report.
    ...(data.kolada && config.kolada && node === data.hierarchy.root
      ? { koladaSection: buildKoladaSection(data.kolada, { title: config.kolada.title, notes: config.kolada.notes, narratives: o.narratives }) }
      : {}),
    // The goal export belongs to the report owner (the root): its section goes in the root report.
    ...(goals && config.goals
      ? { goalsSection: buildGoalsSection(goals, { unitName: node.name, texts: o.texts, labels: config.goals.labels, requireAnalysis: config.goals.requireAnalysis, narratives: o.narratives }) }
      : {}),
    ...(personnel
      ? {
          personnel,
          personnelSection: buildPersonnelSection(personnel, {
            unitName: node.name, narratives: o.narratives, texts: o.texts,
            ...(sickLeaveDecimals !== undefined ? { sickLeaveDecimals } : {}),
            ...(sickLeaveTable !== undefined ? { sickLeaveTable } : {}),
            ...(rehabTable !== undefined ? { rehabTable } : {}),
            ...(workEnvironmentTable !== undefined ? { workEnvironmentTable } : {}),
          }),
        }
      : {}),
  });
}
