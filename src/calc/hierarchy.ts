/**
 * The organisation tree: the report owner (root) → highest level (e.g. Område) → … → ansvar (leaf).
 * Built from the organisation file's rows; every ansvar hangs under its parents, lowest level first in the file.
 */
import type { OrgRow } from '../model/records.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { foldName } from '../model/nearest.js';
import { diag } from '../messages/index.js';

export interface OrgNode {
  /** Stable, file-name-safe id: a slug of the root's name, or a slug of the name ("digitalisering-och-service"), made unique. */
  readonly id: string;
  readonly name: string;
  /**
   * The unit as a report's title names it: the name, or, when another unit of the tree (the root included) has the
   * same name, the name with its level ("Digitalisering (delområde)") or, for an ansvar, its code ("Digitalisering
   * (ansvar 110100)"), so that two reports never carry the same title.
   */
  readonly title: string;
  /** Level name ("Område", "Delområde", "Ansvar") or "root". */
  readonly level: string;
  /** 0 = root. */
  readonly depth: number;
  readonly children: OrgNode[];
  /** Ansvar codes at or below this node, sorted. */
  readonly costCentres: string[];
  /** The ansvar code when this is a leaf. */
  readonly costCentre?: string;
}

export interface Hierarchy {
  readonly root: OrgNode;
  readonly byId: ReadonlyMap<string, OrgNode>;
  /** Ansvar code → leaf node. */
  readonly leafByCostCentre: ReadonlyMap<string, OrgNode>;
}

/** Lower-case ASCII slug: "Digitalisering och service" → "digitalisering-och-service"; å/ä → a, ö → o. */
export function slugify(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'enhet';
}

interface MutableNode {
  id: string;
  name: string;
  title: string;
  level: string;
  depth: number;
  children: MutableNode[];
  costCentres: string[];
  costCentre?: string;
}

/**
 * Builds the tree. `levels` are the parent level names lowest first (as in the config), e.g. ["Delområde", "Område"].
 * Ids are unique and name the report files: the first unit of a name (in file order; the root first) keeps the slug
 * of its name, a later one of the same slug gets its level added ("digitalisering-delomrade"), and only a clash
 * left after that a numeric suffix ("-2"). Ansvar ids are "ansvar-" and the code. Titles: see `OrgNode.title`.
 */
export function buildHierarchy(rootName: string, levels: readonly string[], rows: readonly OrgRow[]): Hierarchy {
  const rootId = slugify(rootName);
  const root: MutableNode = { id: rootId, name: rootName, title: rootName, level: 'root', depth: 0, children: [], costCentres: [] };
  const usedIds = new Set<string>([rootId]);
  const uniqueId = (slug: string, level?: string): string => {
    const base = level !== undefined && usedIds.has(slug) ? `${slug}-${slugify(level)}` : slug;
    let id = base;
    for (let i = 2; usedIds.has(id); i++) id = `${base}-${i}`;
    usedIds.add(id);
    return id;
  };
  // Path key (names from the top) → node, so that equal names under different parents stay apart.
  const byPath = new Map<string, MutableNode>();
  const leafByCostCentre = new Map<string, MutableNode>();
  const topDown = [...levels].reverse();
  for (const row of rows) {
    let parent = root;
    const parentsTopDown = [...row.parents].reverse();
    let pathKey = '';
    for (let i = 0; i < parentsTopDown.length; i++) {
      const name = parentsTopDown[i]!;
      if (name === '') continue;
      const level = topDown[i] ?? `Nivå ${i + 1}`;
      pathKey += `\u0000${name}`;
      let node = byPath.get(pathKey);
      if (!node) {
        node = { id: uniqueId(slugify(name), level), name, title: name, level, depth: parent.depth + 1, children: [], costCentres: [] };
        byPath.set(pathKey, node);
        parent.children.push(node);
      }
      parent = node;
    }
    const name = row.name || row.costCentre;
    const leaf: MutableNode = {
      id: uniqueId(`ansvar-${slugify(row.costCentre)}`),
      name,
      title: name,
      level: 'Ansvar',
      depth: parent.depth + 1,
      children: [],
      costCentres: [row.costCentre],
      costCentre: row.costCentre,
    };
    parent.children.push(leaf);
    leafByCostCentre.set(row.costCentre, leaf);
  }
  const fill = (n: MutableNode): string[] => {
    if (n.costCentre !== undefined) return n.costCentres;
    const all: string[] = [];
    for (const c of n.children) all.push(...fill(c));
    all.sort();
    n.costCentres = all;
    return all;
  };
  fill(root);
  distinguishTitles(root);
  const byId = new Map<string, OrgNode>();
  const index = (n: OrgNode): void => {
    byId.set(n.id, n);
    n.children.forEach(index);
  };
  index(root);
  return { root, byId, leafByCostCentre };
}

/** Gives every unit below the root whose name (folded: case, space, å ä ö) another unit also has a title of its own. */
function distinguishTitles(root: MutableNode): void {
  const count = new Map<string, number>();
  const all: MutableNode[] = [];
  const walk = (n: MutableNode): void => {
    all.push(n);
    count.set(foldName(n.name), (count.get(foldName(n.name)) ?? 0) + 1);
    n.children.forEach(walk);
  };
  walk(root);
  for (const n of all) {
    if (n === root || (count.get(foldName(n.name)) ?? 0) < 2) continue;
    n.title = n.costCentre !== undefined ? `${n.name} (ansvar ${n.costCentre})` : `${n.name} (${n.level.toLowerCase()})`;
  }
}

/** Nodes whose level is one of `levels` ("root" selects the root), in tree order. */
export function nodesAtLevels(h: Hierarchy, levels: readonly string[]): OrgNode[] {
  const out: OrgNode[] = [];
  const walk = (n: OrgNode): void => {
    if (levels.includes(n.level)) out.push(n);
    n.children.forEach(walk);
  };
  walk(h.root);
  return out;
}

/**
 * What the tree should not be, checked before it is built:
 * - the root (`organisation.unit`) named as one of its units (names compared folded: case, space, å ä ö): a warning,
 *   not an error — a förvaltning may well have an uppdrag of its own name (seed 003: Regionkontoret), whose report
 *   then gets its level in title and file name; but a root meant as the whole region and named as one nämnd would
 *   report the region's figures under the nämnd's name, so the warning says so;
 * - one unit under two parents: the same name at the same level with a different unit directly above it, which
 *   would make two units of one name ("…-2") each with part of the figures.
 * `levels` are the parent level names lowest first, as in the config; the location is the organisation file's row.
 */
export function checkOrganisation(rootName: string, levels: readonly string[], rows: readonly OrgRow[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const root = foldName(rootName);
  let rootReported = false;
  // level index → unit name → its parent (the name one level up, '' at the top) and the first row seen.
  const parentOf = levels.map(() => new Map<string, { parent: string; row: number }>());
  const reported = new Set<string>();
  for (const row of rows) {
    for (let i = 0; i < levels.length; i++) {
      const name = row.parents[i];
      if (!name) continue;
      if (!rootReported && foldName(name) === root) {
        // The same title and file name rule as buildHierarchy (the root keeps the plain slug).
        const id = `${slugify(name)}-${slugify(levels[i]!)}`;
        const title = `${name} (${levels[i]!.toLowerCase()})`;
        out.push(diag('config.root-is-unit', { unit: rootName, level: levels[i]!, title, id }, { file, row: row.row, column: levels[i]! }, name));
        rootReported = true;
      }
      const parent = row.parents[i + 1] ?? '';
      const seen = parentOf[i]!.get(name);
      if (!seen) {
        parentOf[i]!.set(name, { parent, row: row.row });
      } else if (seen.parent !== parent && !reported.has(`${i}\u0000${name}`)) {
        reported.add(`${i}\u0000${name}`);
        out.push(
          diag('org.unit-two-parents', { unit: name, level: levels[i]!, first: seen.parent, firstRow: seen.row, second: parent },
            { file, row: row.row, column: levels[i + 1] ?? levels[i]! }, name),
        );
      }
    }
  }
  return out;
}
