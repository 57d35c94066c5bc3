import type { Diagnostic, Severity, SourceLocation } from '../model/diagnostics.js';

/**
 * The message catalogue: every diagnostic code with its severity and Swedish text (what is wrong, and what to do).
 * Each area keeps its entries in its own file in this folder (`{...} as const satisfies Catalogue`, so the texts keep
 * their literal types); `index.ts` joins them into one catalogue, which `docs/diagnostics.md` lists.
 *
 * The compiler checks every use: a code is a key of the catalogue (a misspelt code does not compile), and the
 * parameters are exactly the `{name}` placeholders of the code's text, read from the text by the types below — a
 * missing or unknown parameter does not compile either. Values are plain strings or numbers.
 */
export interface MessageDef {
  readonly severity: Severity;
  /** Swedish text; `{name}` is replaced with the parameter of that name (`{{name}}` is literal template syntax). */
  readonly text: string;
}

export type Catalogue = Readonly<Record<string, MessageDef>>;

type Chars<S extends string, Acc extends string = never> = S extends `${infer C}${infer R}` ? Chars<R, Acc | C> : Acc;
/** `\w` of a JavaScript regular expression without the `u` flag. */
type WordChar = Chars<'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'>;
type IsWord<S extends string> = S extends `${infer C}${infer R}` ? (C extends WordChar ? (R extends '' ? true : IsWord<R>) : false) : false;

/**
 * The parameter names of a message text: every `{name}` with `name` of word characters, as `fillText` fills them.
 * `{{name}}` (a Word-template placeholder quoted in a message) is text, not a parameter.
 */
export type Placeholders<T extends string> = T extends `${string}{${infer Rest}`
  ? Rest extends `{${infer Inner}`
    ? Inner extends `${string}}}${infer After}`
      ? Placeholders<After>
      : Placeholders<Inner>
    : Rest extends `${infer Name}}${infer After}`
      ? IsWord<Name> extends true
        ? Name | Placeholders<After>
        : Placeholders<Rest>
      : never
  : never;

/** A parameter value as it is printed. */
export type ParamValue = string | number;

/** The parameters a text takes: exactly its placeholders (none: an empty object or nothing). */
export type ParamsOf<T extends string> = [Placeholders<T>] extends [never]
  ? Readonly<Record<string, never>>
  : { readonly [K in Placeholders<T>]: ParamValue };

/** What follows the code in `diag(code, …)`: the parameters (optional when the text has none), location, raw value, severity. */
export type MessageArgs<T extends string> = [Placeholders<T>] extends [never]
  ? [params?: ParamsOf<T>, location?: SourceLocation, value?: string, severity?: Severity]
  : [params: ParamsOf<T>, location?: SourceLocation, value?: string, severity?: Severity];

/** The text type of a code of a catalogue. */
export type TextOf<K extends Catalogue, C extends keyof K> = K[C]['text'];

/** `{name}` — but not `{{name}}` — is replaced by the parameter `name`; a missing parameter stays as written. */
const PLACEHOLDER = /(?<!\{)\{(\w+)\}(?!\})/g;

export function fillText(text: string, params: Readonly<Record<string, ParamValue>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = params[name];
    return v === undefined ? `{${name}}` : String(v);
  });
}

/** A diagnostic of one catalogue (an area's own, or the whole one). */
export function makeDiagnostic<K extends Catalogue, C extends keyof K & string>(catalogue: K, code: C, ...args: MessageArgs<TextOf<K, C>>): Diagnostic {
  const [params = {}, location, value, severityOverride] = args as [Readonly<Record<string, ParamValue>>?, SourceLocation?, string?, Severity?];
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
