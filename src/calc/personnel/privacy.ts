/**
 * Which personnel figures may be published.
 *
 * 1. Small group: a figure about a group of `maxSuppressedGroupSize` (10) employees or fewer is not shown (SKR:
 *    "högst tio"). An empty group (no employees with scheduled time, or a zero denominator) is not shown either:
 *    there is nothing to divide.
 * 2. Attributable: a figure where one employee accounts for `dominancePercent` (90 %) or more of the numerator
 *    (e.g. sick hours) describes that person, whatever the group's size.
 * 3. Complementary suppression: figures are tied by *partitions* — a total and the groups that make it up (kvinnor
 *    + män + unknown = total; the age groups; the units; the duration bands; the months of a period). If exactly
 *    one part of a shown total is unknown to the reader and that part is sensitive, it could be recomputed from the
 *    total and the other parts, so another shown part (the smallest) is hidden too, or else the total. Parts the
 *    report does not display (e.g. employees without a recorded gender) are unknowns as well. Repeats until
 *    nothing changes.
 *
 * Rates are treated as if they were additive (a reader who knows the groups' sizes could come close), which is the
 * cautious reading of "ingen dold uppgift ska kunna räknas fram".
 */
import { roundDiv } from '../../model/ore.js';
import type { Ratio } from '../../model/figures.js';

export type SuppressionReason = 'empty' | 'smallGroup' | 'attributable' | 'complementary';

/**
 * A published figure: an exact ratio, or suppressed with its reason. `ratio: null` and `suppressed: null` means
 * no data (the period is not covered by the extracts): shown blank, never as 0.
 */
export interface Figure {
  readonly ratio: Ratio | null;
  readonly suppressed: SuppressionReason | null;
  /** Employees in the group (for the reader of the code and for tests; never printed for a suppressed figure). */
  readonly population: number;
}

export interface PrivacyRules {
  readonly maxSuppressedGroupSize: number;
  readonly dominancePercent: number | null;
}

export interface FigureInput {
  readonly num: number;
  readonly den: number;
  readonly population: number;
  /** The largest single employee's share of `num` (same unit as num); 0 when the rule does not apply (counts). */
  readonly maxContribution: number;
  /** False when the period is not covered by data: the figure is blank. */
  readonly covered: boolean;
  /** Whether the report shows this figure (hidden parts still take part in partitions). */
  readonly displayed?: boolean;
}

/** Rules 1 and 2 for one figure. */
export function primarySuppression(f: FigureInput, rules: PrivacyRules): SuppressionReason | null {
  if (!f.covered) return null;
  if (f.population === 0 || f.den <= 0) return 'empty';
  if (f.population <= rules.maxSuppressedGroupSize) return 'smallGroup';
  if (rules.dominancePercent !== null && f.num > 0 && f.maxContribution * 100 >= rules.dominancePercent * f.num) return 'attributable';
  return null;
}

interface Entry {
  input: FigureInput;
  suppressed: SuppressionReason | null;
}

export interface Partition {
  readonly parent: string;
  readonly parts: readonly string[];
}

/**
 * A set of figures with their partitions. Add figures by id, declare partitions, then `resolve()` once to apply
 * all three rules. Ids are free text ("ytd.total", "ytd.women").
 */
export class FigureSet {
  private readonly entries = new Map<string, Entry>();
  private readonly partitions: Partition[] = [];

  constructor(private readonly rules: PrivacyRules) {}

  add(id: string, input: FigureInput): void {
    if (this.entries.has(id)) throw new Error(`figure ${id} added twice`);
    this.entries.set(id, { input, suppressed: primarySuppression(input, this.rules) });
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  partition(parent: string, parts: readonly string[]): void {
    this.partitions.push({ parent, parts });
  }

  /** Applies complementary suppression until stable. */
  resolve(): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const p of this.partitions) {
        const parent = this.entries.get(p.parent);
        if (!parent || !parent.input.covered || parent.suppressed !== null || parent.input.displayed === false) continue;
        const parts = p.parts.map((id) => this.entries.get(id)).filter((e): e is Entry => e !== undefined);
        const relevant = parts.filter((e) => e.input.population > 0 && e.suppressed !== 'empty');
        const unknown = relevant.filter((e) => e.suppressed !== null || e.input.displayed === false);
        if (unknown.length !== 1 || unknown[0]!.suppressed === null) continue;
        const candidates = relevant
          .filter((e) => e.suppressed === null && e.input.displayed !== false && e.input.covered)
          .sort((a, b) => a.input.population - b.input.population || a.input.num - b.input.num);
        const pick = candidates[0];
        if (pick) pick.suppressed = 'complementary';
        else parent.suppressed = 'complementary';
        changed = true;
      }
    }
  }

  get(id: string): Figure {
    const e = this.entries.get(id);
    if (!e) throw new Error(`unknown figure ${id}`);
    const { num, den, population, covered } = e.input;
    if (!covered) return { ratio: null, suppressed: null, population };
    if (e.suppressed !== null) return { ratio: null, suppressed: e.suppressed, population };
    return { ratio: { num, den }, suppressed: null, population };
  }
}

/** A figure with no data (period not covered). */
export const NO_DATA: Figure = { ratio: null, suppressed: null, population: 0 };

/**
 * Difference of two shown figures in percentage points, rounded once to `decimals` places, exactly; as a ratio
 * whose percent is that rounded value (so renderers print it as is). Suppressed when either side is suppressed
 * (otherwise the other side plus the change would reveal it); null when either side has no data.
 * Example: 4,75 % − 4,85 % with 2 decimals = {num: −10, den: 10000} (−0,10 procentenheter).
 */
export function changeInPoints(cur: Figure, prev: Figure, decimals: number): Figure {
  const population = Math.min(cur.population, prev.population);
  if (cur.suppressed !== null || prev.suppressed !== null) {
    const reason = [cur.suppressed, prev.suppressed].find((r) => r !== null && r !== 'complementary') ?? 'complementary';
    return { ratio: null, suppressed: reason, population };
  }
  if (cur.ratio === null || prev.ratio === null) return NO_DATA;
  const scale = 10n ** BigInt(decimals) * 100n;
  const n = BigInt(cur.ratio.num) * BigInt(prev.ratio.den) - BigInt(prev.ratio.num) * BigInt(cur.ratio.den);
  const d = BigInt(cur.ratio.den) * BigInt(prev.ratio.den);
  const rounded = roundDiv(n * scale, d);
  return { ratio: { num: Number(rounded), den: Number(scale) }, suppressed: null, population };
}
