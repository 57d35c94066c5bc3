/**
 * Errors are data: every stage returns its records together with diagnostics instead of throwing, so one bad row
 * does not hide the next four thousand. A diagnostic has a stable code (see `messages.ts`), a severity, a location
 * and the raw value. Messages are Swedish and come from one catalogue.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  /** Path as the user gave it (relative to the config file), never an absolute temp path. */
  readonly file: string;
  readonly sheet?: string;
  /** Row as the user sees it: line in a text file (1-based), or the Excel row number. */
  readonly row?: number;
  readonly column?: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly location?: SourceLocation;
  /** The raw value as found in the file; redacted for personal data. */
  readonly value?: string;
  /** The report unit (organisation node id) a finding concerns, when it concerns one report (reconciliation). */
  readonly unit?: string;
}

/**
 * The one collector of diagnostics (a run's, and each reader's through `DiagnosticSink`): keeps the first
 * `maxPerCode` of each code so a file with a million bad rows does not exhaust memory, and counts the rest.
 */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];
  private readonly perCode = new Map<string, number>();
  /** The severity each code was first seen with (for the line that counts the ones not kept). */
  private readonly severities = new Map<string, Severity>();
  private suppressedCount = 0;
  private errorSeen = false;

  constructor(readonly maxPerCode = 50) {}

  add(d: Diagnostic): void {
    const n = (this.perCode.get(d.code) ?? 0) + 1;
    this.perCode.set(d.code, n);
    if (n === 1) this.severities.set(d.code, d.severity);
    if (d.severity === 'error') this.errorSeen = true;
    if (n <= this.maxPerCode) this.items.push(d);
    else this.suppressedCount++;
  }

  addAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.add(d);
  }

  get all(): readonly Diagnostic[] {
    return this.items;
  }

  /** How many diagnostics of each code were seen, including those not kept. */
  get counts(): ReadonlyMap<string, number> {
    return this.perCode;
  }

  get suppressed(): number {
    return this.suppressedCount;
  }

  /** Codes of which some were not kept: how many were left out, and the severity the code was first seen with. */
  overflow(): { code: string; suppressed: number; severity: Severity }[] {
    const out: { code: string; suppressed: number; severity: Severity }[] = [];
    for (const [code, count] of this.perCode) {
      if (count > this.maxPerCode) out.push({ code, suppressed: count - this.maxPerCode, severity: this.severities.get(code)! });
    }
    return out;
  }

  /** Whether any error was added, kept or not. */
  get hasErrors(): boolean {
    return this.errorSeen;
  }

  errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }
}

/**
 * What kind of failure ended a step, when its diagnostics alone do not say (the CLI's exit-code table maps each to
 * a number): the user's command line, the input data, a missing input, the output that could not be written or
 * was locked, an I/O error, or the configuration (which includes an organisation's Word template).
 */
export type Failure = 'usage' | 'data' | 'missing-input' | 'cannot-create' | 'io' | 'locked' | 'config';

/**
 * A step that cannot go on throws its diagnostics — a Word template with errors, a final report without a required
 * text, a PDF conversion that failed — with the kind of failure; the command reports them like any other
 * diagnostics and exits by the kind. `diagnostic` is the first (most have one).
 */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(
    diagnostics: Diagnostic | readonly Diagnostic[],
    readonly failure: Failure,
  ) {
    const list: readonly Diagnostic[] = Array.isArray(diagnostics) ? diagnostics : [diagnostics as Diagnostic];
    super(list.map((d) => d.message).join('\n'));
    this.diagnostics = list;
    this.name = new.target.name;
  }

  get diagnostic(): Diagnostic {
    return this.diagnostics[0]!;
  }
}

/** Formats a location the way the CLI prints it: `fil.csv, blad Blad1, rad 12, kolumn Utfall`. */
export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '';
  const parts = [loc.file];
  if (loc.sheet) parts.push(`blad ${loc.sheet}`);
  if (loc.row !== undefined) parts.push(`rad ${loc.row}`);
  if (loc.column) parts.push(`kolumn ${loc.column}`);
  return parts.join(', ');
}
