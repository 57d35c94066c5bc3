import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import type { Indicator } from '../../model/goals.js';

function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase() === b.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Compares the indicators of this export with the previous report's export, by id. Outcomes are followed per id, so
 * a change must never pass silently:
 * - same id, other name → `goals.indicator-renamed` (is it still the same indicator?);
 * - an id of the previous export missing now, while an indicator with its name has a new id → `goals.indicator-new-id`;
 * - an id of the previous export missing now, and no indicator with its name → `goals.indicator-dropped`.
 * All are warnings: the report is still made, with the current export's indicators.
 */
export function compareIndicatorIds(current: readonly Indicator[], previous: readonly Indicator[], previousFile: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map(current.map((i) => [i.id, i]));
  const previousIds = new Set(previous.map((i) => i.id));
  for (const p of previous) {
    const c = byId.get(p.id);
    if (c) {
      if (!sameName(c.name, p.name)) {
        out.push(diag('goals.indicator-renamed', { id: p.id, before: p.name, after: c.name, where: `jämfört med ${previousFile}` }, c.location));
      }
      continue;
    }
    const successor = current.find((i) => !previousIds.has(i.id) && sameName(i.name, p.name));
    if (successor) {
      out.push(diag('goals.indicator-new-id', { name: successor.name, id: successor.id, previousId: p.id, previous: previousFile }, successor.location));
    } else {
      out.push(diag('goals.indicator-dropped', { id: p.id, name: p.name, previous: previousFile }, p.location));
    }
  }
  return out;
}
