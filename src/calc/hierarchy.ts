/**
 * The organisation tree: the report owner (root) → highest level (e.g. Område) → … → ansvar (leaf).
 * Built from the organisation file's rows; every ansvar hangs under its parents, lowest level first in the file.
 */
import type { OrgRow } from '../model/records.js';

export interface OrgNode {
  /** Stable, file-name-safe id: a slug of the root's name, or a slug of the name ("digitalisering-och-service"), made unique. */
  readonly id: string;
  readonly name: string;
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
  level: string;
  depth: number;
  children: MutableNode[];
  costCentres: string[];
  costCentre?: string;
}

/**
 * Builds the tree. `levels` are the parent level names lowest first (as in the config), e.g. ["Delområde", "Område"].
 * Ids are unique: a clash (same slug for two names) gets a numeric suffix in file order.
 */
export function buildHierarchy(rootName: string, levels: readonly string[], rows: readonly OrgRow[]): Hierarchy {
  const rootId = slugify(rootName);
  const root: MutableNode = { id: rootId, name: rootName, level: 'root', depth: 0, children: [], costCentres: [] };
  const usedIds = new Set<string>([rootId]);
  const uniqueId = (base: string): string => {
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
        node = { id: uniqueId(slugify(name)), name, level, depth: parent.depth + 1, children: [], costCentres: [] };
        byPath.set(pathKey, node);
        parent.children.push(node);
      }
      parent = node;
    }
    const leaf: MutableNode = {
      id: uniqueId(`ansvar-${slugify(row.costCentre)}`),
      name: row.name || row.costCentre,
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
  const byId = new Map<string, OrgNode>();
  const index = (n: OrgNode): void => {
    byId.set(n.id, n);
    n.children.forEach(index);
  };
  index(root);
  return { root, byId, leafByCostCentre };
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
