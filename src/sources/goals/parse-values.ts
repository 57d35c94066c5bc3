/**
 * Pure parsers for the cells of a goal follow-up export: targets ("< 5", "Behålla"), outcomes ("93,8 %"),
 * reporting occasions ("M, D, Å"), directions, and the status words people write ("Uppfylls delvis", "Gul",
 * "Pågår", "Enligt plan"). Each returns null (or an `invalid` marker) instead of guessing, so the reader can
 * raise a diagnostic with the file, row, column and raw value.
 */
import type { StatusLevel } from '../../model/figures.js';
import { isAmountIssue, parseAmount, type AmountOptions } from '../parse-amount.js';
import type { Comparator, ControlOutcome, Direction, Occasion, Progress, Rag, Target, UppdragOrigin } from '../../model/goals.js';

/** Lower-case, NFC, trimmed, inner whitespace (incl. NBSP) collapsed. */
export function normaliseWord(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim().toLowerCase();
}

export type NumberParse =
  | { readonly ok: true; readonly value: number; readonly percent: boolean; readonly unit: string }
  | { readonly ok: false };

/** Indicator values are not money, but they are written the same way: reuse the one Swedish number parser. */
const NUMBER_OPTIONS: AmountOptions = {
  profile: { trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: false },
  // mnkr carries 8 decimals exactly (öre of millions): enough for any indicator value.
  unit: 'mnkr',
};
const ORE_PER_UNIT = 100_000_000n;

/**
 * A Swedish-written number with an optional unit after it: "93,8 %", "1 234", "−4,7", "11,15%", "5 dagar",
 * "1,4 mnkr". Grouping, minus signs and refusals ("1.234" is ambiguous, "1e3" is not a number) are those of
 * `parseAmount`, the project's one parser for number text; this only splits off the unit.
 */
export function parseSwedishNumber(text: string): NumberParse {
  const t = text.normalize('NFC').trim();
  // A unit after the number: "%" (with or without a space) or words after a space ("5 dagar"; "9O" is no number).
  const m = /^(.*?\d)(?:\s*(%)|\s+([a-zA-ZåäöÅÄÖ.]+(?:\s[a-zA-ZåäöÅÄÖ.]+)*))?$/.exec(t);
  if (!m) return { ok: false };
  const parsed = parseAmount(m[1] ?? '', NUMBER_OPTIONS, true);
  if (parsed === null || isAmountIssue(parsed)) return { ok: false };
  const big = BigInt(parsed);
  const neg = big < 0n;
  const abs = neg ? -big : big;
  const frac = (abs % ORE_PER_UNIT).toString().padStart(8, '0').replace(/0+$/, '');
  const value = Number(`${neg ? '-' : ''}${abs / ORE_PER_UNIT}${frac ? '.' + frac : ''}`);
  const unit = m[2] ?? m[3] ?? '';
  return { ok: true, value: value === 0 ? 0 : value, percent: unit === '%', unit };
}

const COMPARATOR_WORDS: ReadonlyArray<readonly [RegExp, Comparator]> = [
  [/^(<=|≤|=<)/, '<='],
  [/^(>=|≥|=>)/, '>='],
  [/^</, '<'],
  [/^>/, '>'],
  [/^(högst|max(imalt)?|som mest)\b/i, '<='],
  [/^(minst|min(imalt)?|som minst)\b/i, '>='],
  [/^(under|lägre än|mindre än)\b/i, '<'],
  [/^(över|mer än|fler än|högre än)\b/i, '>'],
];

const MAINTAIN = /^(behålla|bibehålla|oförändrad|bibehållen|samma nivå)\b/i;

/**
 * The target as written. Numbers in a numeric cell become `value`. Examples:
 * "90 %" → value 90; "< 5" → comparison < 5; "minst 90%" → comparison ≥ 90; "Behålla (4,7% helår 2022)" →
 * maintain with reference 4.7; "Behålla" → maintain without reference; "Arbetssätt framtaget" → text; "" → none.
 */
export function parseTarget(cell: string | number | null): Target {
  if (cell === null) return { kind: 'none', text: '' };
  if (typeof cell === 'number') return { kind: 'value', value: cell, text: String(cell) };
  const text = cell.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '' || text === '-' || text === '–') return { kind: 'none', text: '' };
  if (MAINTAIN.test(text)) {
    const ref = /\(([^)]*)\)/.exec(text);
    let reference: number | null = null;
    if (ref?.[1]) {
      const num = /[-\u2212]?\d[\d \u00a0]*(?:[,.]\d+)?\s*%?/.exec(ref[1]);
      const parsed = num ? parseSwedishNumber(num[0]) : { ok: false as const };
      if (parsed.ok) reference = parsed.value;
    }
    return { kind: 'maintain', reference, text };
  }
  for (const [re, op] of COMPARATOR_WORDS) {
    const m = re.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length).trim();
    const n = parseSwedishNumber(rest);
    // "högst 14 dagar" is a comparison; "under 2022 års nivå" (a year and more words) is text.
    if (n.ok && !/\s/.test(n.unit)) return { kind: 'comparison', op, value: n.value, text };
    break;
  }
  const n = parseSwedishNumber(text);
  if (n.ok && !/\s/.test(n.unit)) return { kind: 'value', value: n.value, text };
  return { kind: 'text', text };
}

/**
 * Reporting occasions: "M, D1, D2, Å", "D1,D2,Å", "M, D, Å" (D = both delår), "T1", "T2", "År", "Månad",
 * "Tertial". Returns the occasions in canonical order and the parts it did not understand.
 */
export function parseOccasions(text: string | null): { occasions: Occasion[]; unknown: string[] } {
  const found = new Set<Occasion>();
  const unknown: string[] = [];
  if (text === null) return { occasions: [], unknown };
  for (const raw of text.split(/[,;/+\s]+/)) {
    const part = normaliseWord(raw);
    if (part === '' || part === 'och') continue;
    switch (part) {
      case 'm': case 'mån': case 'månad': case 'månadsvis': case 'månatlig':
        found.add('M'); break;
      case 'd': case 'delår': case 'tertial': case 't':
        found.add('D1'); found.add('D2'); break;
      case 'd1': case 't1': case 'delår1': case 'tertial1': case 'apr': case 'april':
        found.add('D1'); break;
      case 'd2': case 't2': case 'delår2': case 'tertial2': case 'aug': case 'augusti':
        found.add('D2'); break;
      case 'å': case 'år': case 'a': case 'årsvis': case 'helår': case 't3': case 'dec': case 'december': case 'årsbokslut':
        found.add('Å'); break;
      default:
        unknown.push(raw.trim());
    }
  }
  const order: Occasion[] = ['M', 'D1', 'D2', 'Å'];
  return { occasions: order.filter((o) => found.has(o)), unknown };
}

/** "Högre är bättre", "Högre", "Öka", "↑", "higher" → higher; "Lägre är bättre", "Minska", "↓" → lower. */
export function parseDirection(text: string | null): Direction | null | 'invalid' {
  if (text === null) return null;
  const w = normaliseWord(text);
  if (w === '' || w === '-' || w === '–') return null;
  if (/^(högre|hög|öka|ökande|stigande|uppåt|↑|higher|high)/.test(w)) return 'higher';
  if (/^(lägre|låg|minska|minskande|sjunkande|nedåt|↓|lower|low)/.test(w)) return 'lower';
  return 'invalid';
}

/**
 * A person's assessment of a goal or indicator: "Uppfylls helt", "Mål kommer helt uppfyllas", "Helt", "Grön",
 * "Uppfyllt" → helt; "delvis", "Gul" → delvis; "inte", "Ej uppfyllt", "Röd" → inte; "Inga data", "Ej bedömd"
 * → ingaData. Blank → null (no assessment). Anything else → 'invalid'.
 */
export function parseAssessment(text: string | null): StatusLevel | null | 'invalid' {
  if (text === null) return null;
  const w = normaliseWord(text).replace(/^[●◐○◑◒◓•▶–-]\s*/, '');
  if (w === '') return null;
  if (/\b(inga data|ingen data|ej bedömd|ej bedömt|inte bedömd|ej mätt|saknas|ej aktuell)\b/.test(w)) return 'ingaData';
  if (/\bdelvis\b|^gul$|^yellow$|^orange$/.test(w)) return 'delvis';
  if (/\b(inte|ej|icke)\b|^röd$|^red$|^ej uppfyllt$/.test(w)) return 'inte';
  if (/\bhelt\b|^(grön|green|uppfyllt|uppfylls|uppnått|uppnås|ja)$/.test(w)) return 'helt';
  return 'invalid';
}

/**
 * Progress of an uppdrag or åtgärd: "Klar", "Genomförd", "Avslutad" → done; "Pågående", "Pågår", "Påbörjad"
 * → ongoing; "Ej påbörjad", "Ej startad", "Planerad" → notStarted; "Avbruten", "Stoppad" → cancelled.
 */
export function parseProgress(text: string | null): Progress | null | 'invalid' {
  if (text === null) return null;
  const w = normaliseWord(text).replace(/^[●◐○▶►•–-]\s*/, '');
  if (w === '') return null;
  if (/^(ej|inte) (påbörjad|påbörjat|startad|startat|påbörjade)|^planerad|^ej start/.test(w)) return 'notStarted';
  if (/^(klar|klart|genomförd|genomfört|avslutad|avslutat|slutförd|slutfört|färdig|redovisad|redovisat)/.test(w)) return 'done';
  if (/^(avbruten|avbrutet|stoppad|stoppat|avbryts|utgår|makulerad)/.test(w)) return 'cancelled';
  if (/^(pågående|pågår|påbörjad|påbörjat|startad|i gång|igång|försenad|försenat)/.test(w)) return 'ongoing';
  return 'invalid';
}

/** Tid/Resurs/Kvalitet: "Grön"/"G"/"Enligt plan" → green; "Gul"/"Mindre avvikelse" → yellow; "Röd"/"Stor avvikelse" → red. */
export function parseRag(text: string | null): Rag | null | 'invalid' {
  if (text === null) return null;
  const w = normaliseWord(text);
  if (w === '') return null;
  if (/^(grön|g|green|enligt plan|går enligt plan|ok)$/.test(w)) return 'green';
  if (/^(gul|y|gu|yellow|mindre avvikelse|avvikelse)$/.test(w)) return 'yellow';
  if (/^(röd|r|red|stor avvikelse|stor avvikelse\/risk|risk)$/.test(w)) return 'red';
  return 'invalid';
}

/** Result of a kontrollmoment: "Uppfyllt", "Utan anmärkning" → met; "Delvis uppfyllt" → partly; "Ej uppfyllt", "Brister" → notMet. */
export function parseControlOutcome(text: string | null): ControlOutcome | null | 'invalid' {
  if (text === null) return null;
  const w = normaliseWord(text).replace(/^[●◐○•–-]\s*/, '');
  if (w === '') return null;
  if (/delvis|mindre brist|smärre brist|^gul$/.test(w)) return 'partly';
  if (/^(ej|inte) uppfyllt|^brist|allvarlig|^röd$|^ej godkänd/.test(w)) return 'notMet';
  if (/^(uppfyllt|uppfylld|utan anmärkning|godkänd|inga brister|ok|grön)$/.test(w)) return 'met';
  return 'invalid';
}

/** "Fullmäktige", "Uppdrag från fullmäktige till nämnd", "RF" → fullmaktige; "Nämnd", "Regionstyrelsen", "RS" → namnd. */
export function parseOrigin(text: string | null): UppdragOrigin {
  if (text === null) return 'other';
  const w = normaliseWord(text);
  if (/fullmäktige|^rf$|^kf$|^fm$/.test(w)) return 'fullmaktige';
  if (/^(nämnd|nämnden|styrelse|styrelsen|regionstyrelsen|rs|hsn)$|från nämnd|från styrelse/.test(w)) return 'namnd';
  return 'other';
}

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The last day of a tidplan as written: "2023" → 2023-12-31; "2023-2025" → 2025-12-31; "Q1-2024" / "Q1 2024" /
 * "kv1 2024" → 2024-03-31; "T2 2024" → 2024-08-31; "2024-06" → 2024-06-30; "2024-06-15" → 2024-06-15;
 * "Löpande" → null.
 */
export function parseTimelineEnd(text: string | null): string | null {
  if (text === null) return null;
  const t = normaliseWord(text).replace(/[\u2013\u2014]/g, '-');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    if (mo >= 1 && mo <= 12 && d >= 1 && lastDay(y, mo) >= iso) return iso;
    return null;
  }
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return lastDay(Number(m[1]), Number(m[2]));
  m = /(?:^|[\s-])(?:q|kv|kvartal)\s*([1-4])[\s-]*(\d{4})$/.exec(t);
  if (m) return lastDay(Number(m[2]), Number(m[1]) * 3);
  m = /(?:^|[\s-])(?:t|tertial)\s*([1-3])[\s-]*(\d{4})$/.exec(t);
  if (m) return lastDay(Number(m[2]), Number(m[1]) * 4);
  m = /(?:^|-)\s*(\d{4})$/.exec(t);
  if (m && /^(\d{4})(\s*-\s*\d{4})?$/.test(t)) return lastDay(Number(m[1]), 12);
  return null;
}
