import { OreOverflowError, type MaybeOre, type Ore } from '../../model/ore.js';
import { diag } from '../../messages/index.js';
import { formatOreForMessage } from '../../model/format.js';
import { normaliseHeader } from '../header.js';
import type { DiagnosticSink, TableData, TableRow } from '../table.js';

/**
 * Adds `v` to the running total `m` of the detail rows; false when the total leaves the exact integer range (the
 * general reader's `SumRowChecker.detail` throws there; the byte-level reader hands the file to it).
 */
export function addsExactly(totals: number[], m: number, v: number): boolean {
  const sum = totals[m]! + v;
  totals[m] = sum;
  return Number.isSafeInteger(sum);
}

type Triple = [number, number, number];

/**
 * Checks sum rows against the detail rows they close (file sign; the flip does not change equality). Detail rows
 * since the last sum row form the open group; each accepted sum row closes a group. A sum row matches the open group
 * alone or together with the k groups closed just before it (a higher-level total), and the groups it matched are
 * merged into one.
 */
export class SumRowChecker {
  private open: Triple = [0, 0, 0];
  private groups: Triple[] = [];
  private tainted = false;
  /** Source rows of the open group's detail rows: count, first and last (for a file cut after its last sum row). */
  private openRows = 0;
  private openFirst = 0;
  private openLast = 0;
  /** Sum rows left out: how many, the first five rows, the first one's label. */
  private excludedCount = 0;
  private readonly excluded: Array<{ row: number; label: string }> = [];

  constructor(
    private readonly table: TableData,
    private readonly columns: readonly string[],
    private readonly sink: DiagnosticSink,
  ) {}

  taint(): void {
    this.tainted = true;
  }

  /** A detail row's amounts (file sign). Throws `OreOverflowError` when a running total leaves the exact range. */
  detail(amounts: readonly MaybeOre[], row: number): void {
    if (this.openRows++ === 0) this.openFirst = row;
    this.openLast = row;
    for (let m = 0; m < 3; m++) {
      const v = amounts[m];
      if (v !== null && v !== undefined && !addsExactly(this.open, m, v)) throw new OreOverflowError(this.open[m]!);
    }
  }

  /**
   * A sum row. `missingCode`: the row has no "Summa"/"Totalt" label, only an empty code column (named); if it
   * matches no group it is reported as a row missing that code instead of as a wrong total.
   */
  sumRow(row: TableRow, label: string, amounts: ReadonlyArray<Ore | null | undefined>, missingCode: string | null): void {
    if (amounts.some((a) => a === undefined)) this.tainted = true;
    const compared = [0, 1, 2].filter((m) => amounts[m] !== null && amounts[m] !== undefined);
    if (this.tainted || compared.length === 0) {
      this.exclude(row.row, label);
      this.close(0);
      return;
    }
    let acc: Triple = [...this.open];
    const candidates: Triple[] = [];
    for (let k = 0; k <= this.groups.length; k++) {
      if (k > 0) {
        const g = this.groups[this.groups.length - k]!;
        acc = [acc[0] + g[0], acc[1] + g[1], acc[2] + g[2]];
      }
      candidates.push(acc);
      if (compared.every((m) => acc[m] === amounts[m])) {
        this.exclude(row.row, label);
        this.close(k);
        return;
      }
    }
    if (missingCode !== null) {
      this.sink.add(diag('ledger.missing-code', { column: missingCode, value: '' }, this.table.at(row.row, missingCode), ''));
      this.tainted = true; // its amounts belong to some group we cannot tell
      return;
    }
    this.exclude(row.row, label);
    // No group matches: report against the closest candidate on the first differing measure.
    const m = compared.find((i) => candidates[0]![i] !== amounts[i]) ?? compared[0]!;
    const target = amounts[m] as number;
    let best = candidates[0]!;
    for (const c of candidates) if (Math.abs(c[m]! - target) < Math.abs(best[m]! - target)) best = c;
    const detailSum = best[m]!;
    const column = normaliseHeader(this.columns[m]!);
    this.sink.add(
      diag(
        'ledger.sum-mismatch',
        {
          label,
          column,
          value: formatOreForMessage(target),
          sum: formatOreForMessage(detailSum),
          diff: formatOreForMessage(target - detailSum),
        },
        this.table.at(row.row, column),
        row.values(column) ?? '',
      ),
    );
    this.close(0);
  }

  private exclude(row: number, label: string): void {
    if (this.excludedCount++ < 5) this.excluded.push({ row, label });
  }

  /** Closes the open group merged with the last k closed groups. */
  private close(k: number): void {
    let merged: Triple = [...this.open];
    for (let i = 0; i < k; i++) {
      const g = this.groups.pop()!;
      merged = [merged[0] + g[0], merged[1] + g[1], merged[2] + g[2]];
    }
    this.groups.push(merged);
    this.open = [0, 0, 0];
    this.openRows = 0;
  }

  /**
   * The summary line of the sum rows, and the control total's other half: a file that has sum rows closes its detail
   * rows with one. Detail rows after the last sum row mean the file was cut (at a line boundary, so no row is
   * short): an error naming the rows, since the missing lines cannot be counted.
   */
  finish(): void {
    if (this.excludedCount === 0) return;
    if (this.openRows > 0 && !this.tainted) {
      this.sink.add(diag('ledger.total-missing', { rows: this.openRows, first: this.openFirst, last: this.openLast }, this.table.at(this.openLast)));
    }
    const first = this.excluded[0]!;
    this.sink.add(
      diag(
        'ledger.sum-rows-excluded',
        { count: this.excludedCount, rows: this.excluded.map((e) => e.row).join(', '), example: first.label },
        this.table.at(first.row),
        first.label,
      ),
    );
  }
}
