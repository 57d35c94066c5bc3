/**
 * How a command talks to the user. Diagnostics and progress go to stderr; the result (the files written, "Klart")
 * to stdout, so `rapport generate … > filer.txt` keeps the list. Colour only at a terminal (and never with
 * NO_COLOR). With `--json` nothing but one JSON document on stdout. Diagnostics are printed as location → message →
 * raw value.
 */
import { Chalk } from 'chalk';
import { formatLocation, type Diagnostic, type Diagnostics } from '../model/diagnostics.js';
import { RECONCILIATION_CODES } from '../calc/reconcile.js';

export interface Reporter {
  readonly json: boolean;
  info(text: string): void;
  success(text: string): void;
  /** The command's result, on stdout: a written file, the closing line. */
  result(text: string): void;
  /** Where long work has got to: one line rewritten in place at a terminal, plain lines otherwise. */
  progress(text: string): void;
  /** Ends a progress line at a terminal (before other output). */
  endProgress(): void;
  diagnostic(d: Diagnostic): void;
  summary(diags: Diagnostics): void;
}

/** At most this many diagnostics per code are printed; the rest are counted. */
const PRINT_PER_CODE = 5;

/** "1 fil", "2 filer": a count with the word in singular or plural. */
export function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function createReporter(json: boolean, stream: NodeJS.WriteStream = process.stderr, out: NodeJS.WriteStream = process.stdout): Reporter {
  const chalk = new Chalk({ level: !json && stream.isTTY && !process.env.NO_COLOR ? 1 : 0 });
  const outChalk = new Chalk({ level: !json && out.isTTY && !process.env.NO_COLOR ? 1 : 0 });
  let progressShown = false;
  const endProgress = () => {
    if (progressShown) stream.write('\r\x1b[K');
    progressShown = false;
  };
  const write = (s: string) => {
    if (json) return;
    endProgress();
    stream.write(s + '\n');
  };
  const printDiag = (d: Diagnostic) => {
    const label = d.severity === 'error' ? chalk.red.bold('fel') : d.severity === 'warning' ? chalk.yellow.bold('varning') : chalk.cyan('info');
    const loc = formatLocation(d.location);
    write(`${label}${loc ? ` ${chalk.bold(loc)}` : ''}: ${d.message}${d.value !== undefined ? chalk.dim(` (värde: "${d.value}")`) : ''} ${chalk.dim(`[${d.code}]`)}`);
  };
  return {
    json,
    info: (t) => write(t),
    success: (t) => write(chalk.green(t)),
    result: (t) => {
      if (json) return;
      endProgress();
      out.write(outChalk.green(t) + '\n');
    },
    progress: (t) => {
      if (json) return;
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${chalk.dim(t.slice(0, Math.max(20, (stream.columns ?? 80) - 1)))}`);
        progressShown = true;
      } else {
        stream.write(t + '\n');
      }
    },
    endProgress,
    diagnostic: printDiag,
    summary: (diags) => {
      const printed = new Map<string, number>();
      for (const d of diags.all) {
        const n = (printed.get(d.code) ?? 0) + 1;
        printed.set(d.code, n);
        if (n <= PRINT_PER_CODE) printDiag(d);
      }
      for (const [code, total] of diags.counts) {
        if (total > PRINT_PER_CODE) write(chalk.dim(`… och ${total - PRINT_PER_CODE} till av samma slag [${code}]`));
      }
      const errors = [...diags.all].filter((d) => d.severity === 'error').length;
      const warnings = [...diags.all].filter((d) => d.severity === 'warning').length;
      if (errors + warnings > 0) write(`${errors} fel, ${count(warnings, 'varning', 'varningar')}.`);
    },
  };
}

/** The machine-readable result of a command (`--json`). */
export interface JsonResult {
  readonly command: string;
  readonly status: 'ok' | 'error';
  readonly exitCode: number;
  readonly files?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: Readonly<Record<string, number>>;
  readonly [key: string]: unknown;
}

export function printJson(result: JsonResult): void {
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

/** One finding of the reconciliation before publishing, as `--json` lists it. */
export interface ReconciliationFinding {
  readonly code: string;
  readonly severity: Diagnostic['severity'];
  readonly message: string;
  readonly file?: string;
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
  readonly unit?: string;
  /** For `reconcile.allowed`: the code accepted with `--allow`. */
  readonly accepted?: string;
}

/**
 * The reconciliation section of `--json` (docs/diagnostics.md): every finding of the checks between the sources and
 * a published figure (calc/reconcile.ts `RECONCILIATION_CODES`), one entry each, also listed among `diagnostics`.
 * `ran` is false when the run stopped before the sources could be reconciled (a source with errors): then an empty
 * list says nothing. `stopped` is true when a finding stopped the run.
 */
export function reconciliationSection(diagnostics: readonly Diagnostic[], ran: boolean): { ran: boolean; stopped: boolean; findings: ReconciliationFinding[] } {
  const findings = diagnostics
    .filter((d) => RECONCILIATION_CODES.has(d.code))
    .map((d): ReconciliationFinding => {
      const accepted = d.code === 'reconcile.allowed' ? /--allow (\S+)\)/.exec(d.message)?.[1] : undefined;
      return {
        code: d.code,
        severity: d.severity,
        message: d.message,
        ...(d.location?.file !== undefined ? { file: d.location.file } : {}),
        ...(d.location?.sheet !== undefined ? { sheet: d.location.sheet } : {}),
        ...(d.location?.row !== undefined ? { row: d.location.row } : {}),
        ...(d.location?.column !== undefined ? { column: d.location.column } : {}),
        ...(d.unit !== undefined ? { unit: d.unit } : {}),
        ...(accepted !== undefined ? { accepted } : {}),
      };
    });
  return { ran: ran || findings.length > 0, stopped: findings.some((f) => f.severity === 'error'), findings };
}
