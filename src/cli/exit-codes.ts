/** Exit codes (sysexits.h), as the README documents them. */
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

/** Diagnostic codes that are configuration problems (exit 78) rather than data problems (exit 65). */
export function isConfigCode(code: string): boolean {
  return code.startsWith('config.') || code === 'accounts.mapped-twice' || code === 'accounts.unknown-section' || code.startsWith('template.');
}
