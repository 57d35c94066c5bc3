/**
 * A folder's exports → what `rapport init --from` writes: the source chosen for each role, its columns and settings,
 * the organisation's levels, and the list of things the user should check. Pure: it takes the files' bytes
 * (`SourceInput`, named relative to the config file) and returns findings.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceInput } from '../model/records.js';
import { diag } from '../messages/index.js';
import { readGrids, type Grid } from './grid.js';
import { recogniseGrid, type ColumnChoice, type RoleMatch } from './recognise.js';
import { roleById, type RoleId } from './roles.js';
import { findLevels, type Levels } from './levels.js';
import { decideSettings, type Settings } from './settings.js';

export interface PlacedFile {
  readonly file: string;
  readonly sheet?: string;
  /** null: not placed. */
  readonly role: RoleId | null;
  readonly roleLabel: string | null;
  /** Chosen for the configuration (a second file of the same role is not). */
  readonly used: boolean;
  readonly columns: readonly ColumnChoice[];
  readonly headers: readonly string[];
}

export interface Findings {
  /** The source chosen for each role found. `previousIndicators` is a second indicator export. */
  readonly sources: Partial<Record<RoleId | 'previousIndicators', RoleMatch>>;
  readonly files: readonly PlacedFile[];
  readonly levels: Levels | null;
  readonly settings: Settings;
  /** What the user should check or decide, and problems reading the files. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Roles a report cannot do without; a missing one is an error. */
const REQUIRED_ROLES: readonly RoleId[] = ['ledger', 'organisation', 'accountGroups'];
const CONFIG_PATH: Partial<Record<RoleId, string>> = {
  ledger: 'sources.ledger.file',
  organisation: 'sources.organisation.file',
  accountGroups: 'sources.accountGroups.file',
};
/** Optional roles and what leaving them out means, for the summary. */
const OPTIONAL_ROLES: ReadonlyArray<readonly [RoleId, string]> = [
  ['investments', 'investeringsredovisningen (avsnitt 4)'],
  ['forecasts', 'de inrapporterade helårsprognoserna'],
  ['goals', 'målavsnittet (2.3)'],
  ['employments', 'personalavsnittet (2.4)'],
  ['absence', 'personalavsnittet (2.4)'],
];

const PERSONNEL_ROLES: ReadonlySet<RoleId> = new Set(['employments', 'absence', 'hiredStaff', 'rehab', 'workEnvironment']);

/**
 * Problems met while reading a file. A message may quote a cell, and an HR extract's cells are personal data, so
 * only files placed as economy or goal exports have their problems shown as they are (without the raw value); any
 * other file gets one line naming the kinds of problem, and `rapport validate` reports them redacted once the file
 * is in the configuration.
 */
function readProblems(file: string, problems: readonly Diagnostic[], quotable: boolean): Diagnostic[] {
  if (problems.length === 0) return [];
  const strip = (ds: readonly Diagnostic[]): Diagnostic[] => ds.map(({ value: _value, ...rest }) => rest);
  if (quotable) return strip(problems);
  // File-level problems (format, encoding, workbook) quote no cell.
  const fileLevel = (d: Diagnostic): boolean => /^(io|xlsx)\./.test(d.code) && d.code !== 'io.mojibake';
  const rest = problems.filter((d) => !fileLevel(d));
  const out = strip(problems.filter(fileLevel));
  if (rest.length > 0) {
    const codes = [...new Set(rest.map((d) => d.code))].join(', ');
    const severity = rest.some((d) => d.severity === 'error') ? 'error' : 'warning';
    out.push(diag('setup.read-problems', { count: rest.length, codes }, { file }, undefined, severity));
  }
  return out;
}

function where(g: Grid): { file: string; sheet?: string } {
  return { file: g.file, ...(g.sheet !== undefined ? { sheet: g.sheet } : {}) };
}

/** The grid to use when several play one role: the ledger with most rows, otherwise the first in file order. */
function pick(role: RoleId, matches: readonly RoleMatch[]): RoleMatch {
  if (role === 'ledger') return [...matches].sort((a, b) => b.grid.rows.length - a.grid.rows.length)[0]!;
  return matches[0]!;
}

/** Latest period in an indicator export's period column (0 when it has none). */
function latestPeriod(m: RoleMatch): number {
  const c = m.columns.get('period');
  return c ? m.profiles[c.index]!.maxPeriod : 0;
}

export async function inspectExports(inputs: readonly SourceInput[]): Promise<Findings> {
  const diagnostics: Diagnostic[] = [];
  const best: RoleMatch[] = [];
  const files: PlacedFile[] = [];
  const sorted = [...inputs].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'));
  for (const input of sorted) {
    const read = await readGrids(input);
    if (read.grids.length === 0 && read.problems.length === 0) diagnostics.push(diag('setup.no-header', {}, { file: input.displayName }));
    let economyOrGoals = read.grids.length > 0;
    for (const grid of read.grids) {
      const match = recogniseGrid(grid)[0];
      if (!match || PERSONNEL_ROLES.has(match.role.id)) economyOrGoals = false;
      if (match) best.push(match);
      else diagnostics.push(diag('setup.file-unplaced', { headers: grid.header.filter((h) => h !== '').join(', ') }, where(grid)));
      files.push({
        ...where(grid),
        role: match?.role.id ?? null,
        roleLabel: match?.role.label ?? null,
        used: false,
        columns: match ? [...match.columns.values()] : [],
        headers: grid.header,
      });
    }
    diagnostics.push(...readProblems(input.displayName, read.problems, economyOrGoals));
  }

  const sources: Partial<Record<RoleId | 'previousIndicators', RoleMatch>> = {};
  const byRole = new Map<RoleId, RoleMatch[]>();
  for (const m of best) byRole.set(m.role.id, [...(byRole.get(m.role.id) ?? []), m]);
  for (const [role, matches] of byRole) {
    if (role === 'indicators' && matches.length >= 2) {
      // The current export is the one reaching the latest period; the one before is the previous report's.
      const [current, previous, ...rest] = [...matches].sort((a, b) => latestPeriod(b) - latestPeriod(a));
      sources.indicators = current!;
      sources.previousIndicators = previous!;
      if (latestPeriod(current!) === latestPeriod(previous!)) {
        diagnostics.push(diag('setup.setting-check', { path: 'goals.sources.previousIndicators', detail: `två indikatorexporter med samma senaste period; ${current!.grid.file} antogs vara den aktuella.` }, where(previous!.grid)));
      }
      for (const m of rest) diagnostics.push(diag('setup.duplicate-role', { role: m.role.label, used: current!.grid.file }, where(m.grid)));
      continue;
    }
    const chosen = pick(role, matches);
    sources[role] = chosen;
    for (const m of matches) {
      if (m !== chosen) diagnostics.push(diag('setup.duplicate-role', { role: m.role.label, used: chosen.grid.file + (chosen.grid.sheet ? ` (blad ${chosen.grid.sheet})` : '') }, where(m.grid)));
    }
  }
  const chosenGrids = new Set(Object.values(sources).map((m) => m.grid));
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    const m = best.find((b) => b.grid.file === f.file && b.grid.sheet === f.sheet);
    if (m && chosenGrids.has(m.grid)) files[i] = { ...f, used: true };
  }

  for (const role of REQUIRED_ROLES) {
    if (!sources[role]) diagnostics.push(diag('setup.role-missing', { role: roleById(role).label, path: CONFIG_PATH[role]! }));
  }
  for (const [role, what] of OPTIONAL_ROLES) {
    if (!sources[role]) diagnostics.push(diag('setup.role-absent', { role: roleById(role).label, what }));
  }
  // Personnel needs both extracts; one alone is not used.
  if (!!sources.employments !== !!sources.absence) {
    const alone = (sources.employments ?? sources.absence)!;
    diagnostics.push(diag('setup.setting-check', { path: 'personnel', detail: 'personalavsnittet behöver både anställningar och frånvaro; filen används inte förrän båda finns.' }, where(alone.grid)));
  }

  for (const m of Object.values(sources)) {
    for (const c of m.columns.values()) {
      if (c.check) diagnostics.push(diag('setup.column-check', { header: c.header, label: c.label, basis: `enligt ${c.basis}`, path: `${m.role.label}: columns.${c.key}` }, { ...where(m.grid), column: c.header }));
    }
  }

  const levels = sources.organisation ? findLevels(sources.organisation) : null;
  if (levels) diagnostics.push(...levels.diagnostics);
  const settings = decideSettings(sources, levels);
  diagnostics.push(...settings.diagnostics);
  return { sources, files, levels, settings, diagnostics };
}
