/**
 * Auto-drafted Swedish sentences. The wording lives in Handlebars templates (`templates/text/*.hbs`, overridable by
 * an organisation's own folder); this module only defines their names, the context each receives and the
 * formatting helpers. Helpers format, they never compute: every figure in a context is computed by the builder.
 */
import Handlebars from 'handlebars';
import { formatPercent, textAmount, formatScaled, roundPercent } from '../model/format.js';
import type { DisplayUnit, Ratio } from './model.js';

/** "regionstyrelsen" → "Regionstyrelsen": the first letter in upper case (a sentence's start). */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const TEXT_TEMPLATES = [
  'sammanfattning-ekonomi',
  'sammanfattning-investeringar',
  'resultat',
  'ekonomisk-analys',
  'prognos',
  'investeringar',
  // Personnel (personnel-section.ts)
  'personal-period',
  'personal-antal-anstallda',
  'personal-sjukfranvaro',
  'personal-arbetad-tid',
  'personal-personalomsattning',
  // Goal follow-up (goals-section.ts)
  'mal-inledning',
  'mal-antal',
  'mal-indikatorer',
  'mal-bedomning',
  'mal-utan-indikatorer',
  'mal-uppdrag',
  'mal-atgarder',
  'mal-projekt',
  'mal-intern-kontroll',
  // Economy (gross cost over 12 rolling months)
  'bruttokostnadsutveckling',
  // Region level (region-result)
  'arets-resultat',
] as const;

/**
 * The personnel and goal templates. Their figures carry no-break spaces ("1 234" as the tables print it), which the
 * whitespace folding keeps; several of them write more than one paragraph, split where the template says `{{stycke}}`.
 */
const PARAGRAPH_TEMPLATES: ReadonlySet<TextTemplateName> = new Set([
  'personal-period', 'personal-antal-anstallda', 'personal-sjukfranvaro', 'personal-arbetad-tid', 'personal-personalomsattning',
  'mal-inledning', 'mal-antal', 'mal-indikatorer', 'mal-bedomning', 'mal-utan-indikatorer', 'mal-uppdrag', 'mal-atgarder', 'mal-projekt', 'mal-intern-kontroll',
]);

/** The paragraph break a template writes with `{{stycke}}` (U+2029 PARAGRAPH SEPARATOR, never in a figure or name). */
export const PARAGRAPH_BREAK = '\u2029';

export type TextTemplateName = (typeof TEXT_TEMPLATES)[number];

/** A compiled sentence template: context → text. */
export type TextTemplate = (context: object) => string;

/**
 * The paragraphs a template writes (`{{stycke}}` separates them), each trimmed, empty ones left out. Example:
 * `paragraphs(texts['personal-personalomsattning'], ctx)` → ["Personalomsättningen … är 8,1 procent.", "Värdet speglar …"].
 */
export function paragraphs(template: TextTemplate, context: object): string[] {
  return template(context).split(PARAGRAPH_BREAK).map((p) => p.trim()).filter((p) => p !== '');
}

/** Swedish count words up to twelve, digits above. */
const WORDS = ['noll', 'en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'];

/**
 * A count as Swedish prose writes it: words up to twelve, digits above. `neuter` for ett-words (delmål,
 * uppdrag, projekt, kontrollmoment): numberWord(1, 'neuter') = "ett", numberWord(1, 'common') = "en",
 * numberWord(5) = "fem", numberWord(17) = "17".
 */
export function numberWord(n: number, gender: 'common' | 'neuter' = 'neuter'): string {
  if (n === 1) return gender === 'neuter' ? 'ett' : 'en';
  return WORDS[n] ?? String(n);
}

/** "a", "a och b", "a, b och c". */
export function joinSwedish(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} och ${parts[parts.length - 1]}`;
}

export type TextTemplates = Readonly<Record<TextTemplateName, TextTemplate>>;

const UNIT_WORDS: Record<DisplayUnit, string> = { kr: 'kronor', tkr: 'tusen kronor', mnkr: 'miljoner kronor' };
/** The unit words after exactly 1 ("1 miljon kronor", "1 krona"); "tusen" does not inflect. */
const UNIT_WORDS_ONE: Record<DisplayUnit, string> = { kr: 'krona', tkr: 'tusen kronor', mnkr: 'miljon kronor' };

/**
 * An amount's absolute value in whole `unit` with its unit word, singular when the printed number is 1 ("1 miljon
 * kronor", "2 miljoner kronor", "0 miljoner kronor").
 */
export function amountWithUnitWord(ore: number, unit: DisplayUnit): string {
  const n = textAmount(ore, unit);
  return `${n} ${n === '1' ? UNIT_WORDS_ONE[unit] : UNIT_WORDS[unit]}`;
}

/**
 * The helpers available to text templates. `belopp` prints an amount's absolute value in the text unit with its
 * unit word ("52 miljoner kronor", "1 miljon kronor"); the sign is told by words (`om-negativ`).
 */
export function textHelpers(unit: DisplayUnit): Record<string, Handlebars.HelperDelegate> {
  return {
    belopp: (ore: unknown) => (typeof ore === 'number' ? amountWithUnitWord(ore, unit) : ''),
    tal: (ore: unknown) => (typeof ore === 'number' ? textAmount(ore, unit) : ''),
    mnkr: (ore: unknown) => (typeof ore === 'number' ? amountWithUnitWord(ore, 'mnkr') : ''),
    tkr: (ore: unknown) => (typeof ore === 'number' ? amountWithUnitWord(ore, 'tkr') : ''),
    /** Whole percent of an exact ratio, without sign: "7". */
    procent: (r: unknown) => (isRatio(r) ? formatScaled(abs(roundPercent(r, 0)), 0) : ''),
    /** Percent with one decimal, without sign: "7,1". */
    procent1: (r: unknown) => (isRatio(r) ? formatPercent({ num: Math.abs(r.num), den: r.den }, 1) : ''),
    'om-negativ': function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
      const neg = typeof v === 'number' ? v < 0 : isRatio(v) ? v.num < 0 : false;
      return neg ? options.fn(this) : options.inverse(this);
    },
    /** Above zero (0 and a blank are not): "ett överskott" only for a real surplus. */
    'om-positiv': function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
      const pos = typeof v === 'number' ? v > 0 : isRatio(v) ? v.num > 0 : false;
      return pos ? options.fn(this) : options.inverse(this);
    },
    /** A count in words, for ett-words: "ett", "två" … "tolv", then digits. */
    ord: (n: unknown) => (typeof n === 'number' ? numberWord(n, 'neuter') : ''),
    /** A count in words, for en-words: "en", "två" … */
    'ord-en': (n: unknown) => (typeof n === 'number' ? numberWord(n, 'common') : ''),
    /** The text with a capital first letter. */
    versal: (s: unknown) => (typeof s === 'string' ? s.charAt(0).toUpperCase() + s.slice(1) : ''),
    /** A paragraph break (personnel and goal templates). */
    stycke: () => PARAGRAPH_BREAK,
    /**
     * A list joined as Swedish writes it ("a, b och c"): `{{lista namn}}` for a list of texts, or
     * `{{#lista poster}}…{{/lista}}` writing each item with the block and joining the results.
     */
    lista: function (this: unknown, items: unknown, options: Handlebars.HelperOptions) {
      if (!Array.isArray(items)) return '';
      const parts = typeof options.fn === 'function'
        ? items.map((it: unknown) => options.fn(it).replace(/[ \t\r\n]+/g, ' ').trim())
        : items.map(String);
      return joinSwedish(parts);
    },
    /** Singular block when the count is exactly 1, else the `{{else}}` block: `{{#om-ett n}}dag{{else}}dagar{{/om-ett}}`. */
    'om-ett': function (this: unknown, n: unknown, options: Handlebars.HelperOptions) {
      return n === 1 ? options.fn(this) : options.inverse(this);
    },
    'om-noll': function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
      const zero = typeof v === 'number' ? textAmount(v, unit) === '0' : isRatio(v) ? roundPercent(v, 0) === 0n : false;
      return zero ? options.fn(this) : options.inverse(this);
    },
  };
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function isRatio(v: unknown): v is Ratio {
  return typeof v === 'object' && v !== null && 'num' in v && 'den' in v;
}

/**
 * Compiles sentence templates from their source strings (only ever strings: object ASTs are an attack path) with
 * `strict` and `knownHelpersOnly`, so a misspelt variable or helper is an error, not a silent blank.
 */
export function compileTextTemplates(sources: Readonly<Record<TextTemplateName, string>>, unit: DisplayUnit): TextTemplates {
  const hb = Handlebars.create();
  const helpers = textHelpers(unit);
  hb.registerHelper(helpers);
  const knownHelpers = Object.fromEntries(Object.keys(helpers).map((k) => [k, true]));
  const out = {} as Record<TextTemplateName, TextTemplate>;
  for (const name of TEXT_TEMPLATES) {
    const src = sources[name];
    if (typeof src !== 'string') throw new TypeError(`Texten ${name} saknas.`);
    const fn = hb.compile(src, { strict: true, knownHelpersOnly: true, knownHelpers, noEscape: true });
    // Line breaks and runs of spaces in a template fold to one space. The economy sentences fold every whitespace
    // (their output is fixed by the samples); the personnel and goal ones keep no-break spaces and paragraph breaks.
    out[name] = PARAGRAPH_TEMPLATES.has(name)
      ? (ctx: object) => fn(ctx).replace(/[ \t\r\n]+/g, ' ').trim()
      : (ctx: object) => fn(ctx).replace(/\s+/g, ' ').trim();
  }
  return out;
}
