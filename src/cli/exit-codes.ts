/**
 * The exit-code table (sysexits.h), as the README documents it, and the one function that maps a command's outcome
 * to its exit code. Commands never pick a number themselves.
 */
import type { Diagnostic, Failure } from '../model/diagnostics.js';

export const EXIT = {
  ok: 0,
  usage: 64,
  dataError: 65,
  noInput: 66,
  cantCreate: 73,
  ioError: 74,
  tempFail: 75,
  config: 78,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** 0 ok · 64 usage · 65 bad data · 66 missing input · 73 cannot create output · 74 I/O error · 75 locked · 78 bad configuration. */
const EXIT_FOR: Readonly<Record<Failure, ExitCode>> = {
  usage: EXIT.usage,
  data: EXIT.dataError,
  'missing-input': EXIT.noInput,
  'cannot-create': EXIT.cantCreate,
  io: EXIT.ioError,
  locked: EXIT.tempFail,
  config: EXIT.config,
};

/** The codes of an input that is not there or cannot be opened (exit 66). */
const MISSING_INPUT: ReadonlySet<string> = new Set([
  'io.file-not-found', 'io.not-a-file', 'io.not-regular-file', 'io.symlink-loop', 'io.permission-denied', 'io.file-unreadable', 'config.not-found',
]);

/** The codes of an output that must not be written: a report someone has written in (exit 73). */
const CANNOT_CREATE: ReadonlySet<string> = new Set(['generate.report-edited', 'generate.report-unknown']);

/** Diagnostic codes that are configuration problems (exit 78) rather than data problems (exit 65). */
export function isConfigCode(code: string): boolean {
  return code.startsWith('config.') || code.startsWith('layout.') || code.startsWith('texts.config.') || code === 'accounts.mapped-twice' || code === 'accounts.unknown-section' || code.startsWith('template.');
}

/** How a command ended: its diagnostics, and the kind of failure when the command knows it. */
export interface Outcome {
  readonly diagnostics: readonly Diagnostic[];
  /** A failure the diagnostics do not decide (a usage error, output that could not be written, a thrown DiagnosticError). */
  readonly failure?: Failure;
  /** `--strict`: warnings count as errors. */
  readonly strict?: boolean;
}

/**
 * The exit code of an outcome. A given failure decides. Otherwise the errors (and under `--strict` the warnings) do:
 * none → 0; an input that is missing → 66 (before anything else: nothing else could be checked); a report that would
 * overwrite someone's writing → 73; only configuration
 * problems → 78; any data problem → 65.
 */
export function exitCode(outcome: Outcome): ExitCode {
  if (outcome.failure) return EXIT_FOR[outcome.failure];
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error' || (outcome.strict === true && d.severity === 'warning'));
  if (errors.length === 0) return EXIT.ok;
  if (errors.some((d) => MISSING_INPUT.has(d.code))) return EXIT.noInput;
  if (errors.some((d) => CANNOT_CREATE.has(d.code))) return EXIT.cantCreate;
  return errors.every((d) => isConfigCode(d.code)) ? EXIT.config : EXIT.dataError;
}
