import type { Diagnostic } from '../../model/diagnostics.js';
import type { DiagnosticSink } from '../table.js';

/**
 * Diagnostics of the row loop, bounded per code like DiagnosticSink, replayed into it at the end in the general
 * reader's order: by row, and within a row the parse diagnostics (period, amounts) before the aggregation's
 * (duplicate key), which the batched aggregation produces later. Each code comes from one phase, so "the first
 * `max` of a code" is the same in both readers.
 */
export class RowDiagnostics {
  private readonly kept: Array<{ order: number; d: Diagnostic }> = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly max: number) {}
  add(row: number, phase: 0 | 1, d: Diagnostic): void {
    const n = (this.counts.get(d.code) ?? 0) + 1;
    this.counts.set(d.code, n);
    if (n <= this.max) this.kept.push({ order: row * 2 + phase, d });
  }
  /** `n` more diagnostics of a code beyond the kept ones (counted, not kept). */
  addUnkept(code: string, n: number): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + n);
  }
  replay(sink: DiagnosticSink): void {
    const kept = this.kept.sort((a, b) => a.order - b.order).map((k) => k.d);
    for (const d of kept) sink.add(d);
    for (const [code, n] of this.counts) {
      if (n <= this.max) continue;
      const sample = kept.find((d) => d.code === code)!;
      for (let i = this.max; i < n; i++) sink.add(sample);
    }
  }
}
