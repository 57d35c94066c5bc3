/**
 * The organisation file's parent levels, from the data: every column besides the ansvar code and name that holds
 * names (text) shared by several ansvar is a level. Levels are ordered by how many distinct names they have, most
 * first — the lowest level (Delområde) has the most, the top (Nämnd, Område) the fewest — which is the order
 * `sources.organisation.columns.levels` wants (lowest first).
 *
 * A top column with a single name for every row is the whole organisation ("Region Exempel"), not a level: it
 * becomes the root's name (a root named like one of its own units would be ambiguous).
 *
 * The levels must nest: a name on one level belongs to one name on the level above. When it does not, the order or
 * the columns are in doubt and the user is told to check.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import type { RoleMatch } from './recognise.js';

export interface Levels {
  /** Level column headers, lowest first. */
  readonly levels: readonly string[];
  /** Distinct names per level (same order). */
  readonly counts: readonly number[];
  /** The organisation's name, when a column holds one name for every row. */
  readonly rootName: string | null;
  /** Every name on any level (a root must not be named like one of them). */
  readonly names: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Words that name organisational levels in Swedish regions' organisation files. */
const LEVEL_WORDS = /område|förvaltning|nämnd|styrelse|division|verksamhet|enhet|sektion|avdelning|klinik|centrum|länsdel|sektor|nivå|organisation|resultatenhet|direktörsområde|kansli|stab|bolag|region|grupp/i;

export function findLevels(org: RoleMatch): Levels {
  const used = new Set([...org.columns.values()].map((c) => c.index));
  const rows = org.grid.rows;
  const candidates = org.profiles.filter(
    (p) => !used.has(p.index) && p.header !== '' && p.filled > 0 && p.text >= 0.5 && p.fractional < 0.05 && p.distinct < p.filled,
  );
  let rootName: string | null = null;
  const levelProfiles = candidates.filter((p) => {
    if (p.distinct === 1 && p.filled === rows.length) {
      rootName ??= rows[0]![p.index]!.trim();
      return false;
    }
    return true;
  });
  // Most names first = lowest first; file order breaks ties (exports usually list levels lowest first).
  const ordered = [...levelProfiles].sort((a, b) => b.distinct - a.distinct || a.index - b.index);
  const diagnostics: Diagnostic[] = [];
  const names = new Set<string>();
  for (const p of ordered) for (const r of rows) if ((r[p.index] ?? '').trim() !== '') names.add(r[p.index]!.trim());
  for (let i = 0; i + 1 < ordered.length; i++) {
    const lower = ordered[i]!;
    const upper = ordered[i + 1]!;
    const parents = new Map<string, Set<string>>();
    for (const r of rows) {
      const l = (r[lower.index] ?? '').trim();
      if (l === '') continue;
      const set = parents.get(l) ?? new Set<string>();
      set.add((r[upper.index] ?? '').trim());
      parents.set(l, set);
    }
    const bad = [...parents].find(([, s]) => s.size > 1);
    if (bad) {
      diagnostics.push(
        diag('setup.levels-not-nested', { value: bad[0], lower: lower.header, upper: upper.header, parents: [...bad[1]].join(', ') }, { file: org.grid.file, column: lower.header }),
      );
    }
  }
  // A text column that is no organisational level ("Ansvarig chef", "Aktiv") would pass the tests above when it
  // happens to nest; a header that names no known kind of level is therefore listed to check.
  const unknown = ordered.filter((p) => !LEVEL_WORDS.test(p.header));
  if (unknown.length > 0) {
    diagnostics.push(
      diag('setup.setting-check', {
        path: 'sources.organisation.columns.levels',
        detail: `kolumnerna ${unknown.map((p) => `"${p.header}"`).join(', ')} togs som organisationsnivåer; ta bort dem ur listan om de inte är det.`,
      }, { file: org.grid.file }),
    );
  }
  return { levels: ordered.map((p) => p.header), counts: ordered.map((p) => p.distinct), rootName, names, diagnostics };
}
