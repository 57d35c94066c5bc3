import type { Diagnostic, Severity, SourceLocation } from '../model/diagnostics.js';

/**
 * The message catalogue: every diagnostic code with its severity and Swedish text (what is wrong, and what to do).
 * Each area keeps its entries in its own file in this folder; `index.ts` joins them into one catalogue, which
 * `docs/diagnostics.md` lists. Parameters are plain strings/numbers filled into the text.
 */
export interface MessageDef {
  readonly severity: Severity;
  /** Swedish text; `{name}` is replaced with the parameter of that name. */
  readonly text: string;
}

export type Catalogue = Readonly<Record<string, MessageDef>>;

export function fillText(text: string, params: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined ? `{${name}}` : String(v);
  });
}

export function makeDiagnostic(
  catalogue: Catalogue,
  code: string,
  params: Readonly<Record<string, string | number>> = {},
  location?: SourceLocation,
  value?: string,
  severityOverride?: Severity,
): Diagnostic {
  const def = catalogue[code];
  if (!def) throw new Error(`Okänd diagnostikkod: ${code}`);
  return {
    code,
    severity: severityOverride ?? def.severity,
    message: fillText(def.text, params),
    ...(location ? { location } : {}),
    ...(value !== undefined ? { value } : {}),
  };
}
