/**
 * One grid → the role it plays and which of its columns is which. Header names first, data second:
 *
 * 1. A header whose key is a known name for the column, and whose data fits (a period column holds periods, an
 *    amount column amounts): certain.
 * 2. A header that only resembles a known name ("Utfall hittills i år" for utfall), data fitting: taken, and listed
 *    for the user to check.
 * 3. A column no header names, found from the data because it is the only one of its kind left (the period column
 *    of a ledger, a ledger's only amount column): certain when exactly one column fits, else listed to check.
 * 4. A header with a known name whose data does not fit is used only for a required column that nothing else
 *    fills, and listed to check.
 *
 * A role is possible when all its required columns are found; the grid takes the possible role with the most
 * columns found by header (ties: the order of `ROLES`).
 */
import type { Grid } from './grid.js';
import { fits, profileGrid, type ColumnProfile } from './profile.js';
import { headerKey, ROLES, type ColumnRole, type FileRole, type RoleId } from './roles.js';

export type Basis = 'rubrik' | 'data' | 'rubrik och data';

export interface ColumnChoice {
  readonly key: string;
  readonly label: string;
  /** The header as the region's file has it. */
  readonly header: string;
  readonly index: number;
  readonly basis: Basis;
  /** The user should check this choice. */
  readonly check: boolean;
}

export interface RoleMatch {
  readonly role: FileRole;
  readonly grid: Grid;
  readonly profiles: readonly ColumnProfile[];
  readonly columns: ReadonlyMap<string, ColumnChoice>;
  /** Matching strength: 2 per column named by its header, 1 per column found otherwise. */
  readonly score: number;
}

function choose(role: ColumnRole, p: ColumnProfile, basis: Basis, check: boolean): ColumnChoice {
  return { key: role.key, label: role.label, header: p.header, index: p.index, basis, check };
}

/** Columns of one role found in a grid, by the four steps above. */
export function matchColumns(role: FileRole, grid: Grid, profiles: readonly ColumnProfile[]): Map<string, ColumnChoice> {
  const found = new Map<string, ColumnChoice>();
  const used = new Set<number>();
  const keys = profiles.map((p) => headerKey(p.header));
  const take = (c: ColumnChoice): void => {
    found.set(c.key, c);
    used.add(c.index);
  };
  const free = (cr: ColumnRole, test: (p: ColumnProfile, k: string) => boolean): ColumnProfile[] =>
    found.has(cr.key) ? [] : profiles.filter((p) => !used.has(p.index) && p.header !== '' && test(p, keys[p.index]!));

  // 1. Named and fitting.
  for (const cr of role.columns) {
    const hit = free(cr, (p, k) => cr.synonyms.includes(k) && fits(p, cr.kind))[0];
    if (hit) take(choose(cr, hit, 'rubrik och data', false));
  }
  // 2. Resembling and fitting.
  for (const cr of role.columns) {
    if (!cr.pattern) continue;
    const hit = free(cr, (p, k) => cr.pattern!.test(k) && fits(p, cr.kind))[0];
    if (hit) take(choose(cr, hit, 'rubrik och data', true));
  }
  // 3. From the data alone.
  for (const cr of role.columns) {
    if (!cr.byData) continue;
    const hits = free(cr, (p) => p.filled > 0 && fits(p, cr.kind) && (cr.kind !== 'period' || p.distinct <= 240));
    if (hits.length > 0) take(choose(cr, hits[0]!, 'data', hits.length > 1));
  }
  // 4. Named but not fitting, for a required column only.
  for (const cr of role.columns) {
    if (!cr.required) continue;
    const hit = free(cr, (_, k) => cr.synonyms.includes(k))[0];
    if (hit) take(choose(cr, hit, 'rubrik', true));
  }
  return found;
}

/** Whether the found columns make the role: every required column, and one of each `anyOf` group. */
function complete(role: FileRole, found: ReadonlyMap<string, ColumnChoice>): boolean {
  if (role.columns.some((c) => c.required && !found.has(c.key))) return false;
  return (role.anyOf ?? []).every((group) => group.some((k) => found.has(k)));
}

/** Role-specific sense checks on top of the columns. */
function plausible(role: RoleId, grid: Grid, found: ReadonlyMap<string, ColumnChoice>, profiles: readonly ColumnProfile[]): boolean {
  switch (role) {
    case 'ledger':
      // A period in one column, or a year and a month number in two.
      return found.has('period') || (found.has('year') && found.has('month'));
    case 'organisation': {
      // One row per ansvar, and no amounts or periods (that would be a ledger or a list of figures).
      const cc = profiles[found.get('costCentre')!.index]!;
      return cc.distinct === cc.filled && grid.rows.length > 0 && !profiles.some((p) => p.filled > 0 && (p.fractional > 0.5 || p.period > 0.95));
    }
    case 'accountGroups': {
      const acc = profiles[found.get('account')!.index]!;
      return acc.distinct === acc.filled;
    }
    default:
      return true;
  }
}

/** The roles a grid can play, best first. */
export function recogniseGrid(grid: Grid): RoleMatch[] {
  const profiles = profileGrid(grid);
  const out: RoleMatch[] = [];
  for (const role of ROLES) {
    const columns = matchColumns(role, grid, profiles);
    if (!complete(role, columns) || !plausible(role.id, grid, columns, profiles)) continue;
    let score = 0;
    for (const c of columns.values()) score += c.basis === 'data' ? 1 : 2;
    out.push({ role, grid, profiles, columns, score });
  }
  // Stable sort: ties keep ROLES order.
  return out.sort((a, b) => b.score - a.score);
}
