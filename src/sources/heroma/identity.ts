/**
 * Personal data at the edge: identities are pseudonymised as they are read, and nothing that identifies a person
 * leaves the readers — not in records, not in diagnostics.
 *
 * - `Pseudonymiser`: employee id (personnummer or anställningsnummer) → small integer. The id is normalised
 *   (spaces, hyphens and plus signs removed, upper case) and hashed with a key made for the run (HMAC-SHA-256), and
 *   only the hash is kept to link the rows of one run (and, while the extracts are read, each cell text's pseudonym, so an
 *   id repeated on many rows is hashed once); the integer means nothing outside the run.
 * - `PersonRegistry`: gender and birth date (or age) per pseudonym, the first value winning; a different value on
 *   a later row is a warning that names neither value.
 * - `redactDiagnostics`: the generic table layer quotes raw row content in some messages (a short row, a stray
 *   quote, mojibake, a runaway record). For HR files such quotes are replaced with "[dolt]", every known identity
 *   string of the file is scrubbed from every message, and — for rows the table layer could not split into fields,
 *   whose identities were never seen — anything shaped like a personnummer or samordningsnummer (`PNR_SHAPE`) too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Diagnostic } from '../../model/diagnostics.js';
import { diag } from '../../messages/index.js';
import type { Gender, Person } from '../../model/personnel.js';

export const REDACTED = '[dolt]';

export class Pseudonymiser {
  private readonly key: Uint8Array;
  private readonly ids = new Map<string, number>();

  /** `key` only for tests; a run makes its own random key, so pseudonyms cannot be linked between runs. */
  constructor(key?: Uint8Array) {
    this.key = key ?? randomBytes(32);
  }

  /**
   * The pseudonym of each cell text already seen. An employment extract has a row per employment and month, so most
   * rows repeat an id: the HMAC is computed once per distinct text (54 000 rows, about 5 000 people in the example
   * region). The texts are held only while the run reads, as the readers hold them anyway to scrub messages.
   */
  private readonly seen = new Map<string, number | null>();

  /** Pseudonym of an id, or null for an empty id. */
  id(raw: string): number | null {
    const known = this.seen.get(raw);
    if (known !== undefined) return known;
    const norm = raw.normalize('NFC').replace(/[\s\u00a0\u202f\-+]/g, '').toUpperCase();
    let n: number | null = null;
    if (norm !== '') {
      const digest = createHmac('sha256', this.key).update(norm).digest('base64');
      n = this.ids.get(digest) ?? null;
      if (n === null) {
        n = this.ids.size;
        this.ids.set(digest, n);
      }
    }
    this.seen.set(raw, n);
    return n;
  }

  get size(): number {
    return this.ids.size;
  }

  /** Saves the pseudonyms given so far; the function returned forgets every one given after (a file read again). */
  checkpoint(): () => void {
    const ids = this.ids.size;
    const seen = this.seen.size;
    return () => {
      dropAfter(this.ids, ids);
      dropAfter(this.seen, seen);
    };
  }
}

/** Removes the entries of a map after its first `keep` (in insertion order). */
function dropAfter<K, V>(map: Map<K, V>, keep: number): void {
  let i = 0;
  for (const k of [...map.keys()]) if (i++ >= keep) map.delete(k);
}

interface MutablePerson {
  gender: Gender | null;
  birthDay: number | null;
  age: number | null;
}

export class PersonRegistry {
  private readonly persons: MutablePerson[] = [];
  private readonly conflicts = new Map<string, number>();

  /** Records what a row says about a person; returns the conflict kind when it differs from an earlier row. */
  note(employee: number, gender: Gender | null | undefined, birthDay: number | null | undefined, age: number | null | undefined): 'kön' | 'födelsedatum' | null {
    while (this.persons.length <= employee) this.persons.push({ gender: null, birthDay: null, age: null });
    const p = this.persons[employee]!;
    let conflict: 'kön' | 'födelsedatum' | null = null;
    if (gender) {
      if (p.gender === null) p.gender = gender;
      else if (p.gender !== gender) conflict = 'kön';
    }
    if (birthDay !== null && birthDay !== undefined) {
      if (p.birthDay === null) p.birthDay = birthDay;
      else if (p.birthDay !== birthDay) conflict = 'födelsedatum';
    }
    if (age !== null && age !== undefined && p.age === null) p.age = age;
    if (conflict) this.conflicts.set(conflict, (this.conflicts.get(conflict) ?? 0) + 1);
    return conflict;
  }

  /** Saves what is known of every person; the function returned puts it back (a file read again). */
  checkpoint(): () => void {
    const persons = this.persons.map((p) => ({ ...p }));
    const conflicts = new Map(this.conflicts);
    return () => {
      this.persons.splice(0, this.persons.length, ...persons.map((p) => ({ ...p })));
      this.conflicts.clear();
      for (const [k, v] of conflicts) this.conflicts.set(k, v);
    };
  }

  /** Persons indexed by pseudonym; pseudonyms without data get an empty person. */
  all(size: number): Person[] {
    const out: Person[] = [];
    for (let i = 0; i < size; i++) {
      const p = this.persons[i];
      out.push(p ? { gender: p.gender, birthDay: p.birthDay, age: p.age } : { gender: null, birthDay: null, age: null });
    }
    return out;
  }
}

/** Codes whose `value` (and message) quote raw row content rather than one cell of a known column. */
const ROW_CONTENT_CODES = new Set([
  'table.row-too-short', 'table.row-too-long', 'csv.invalid-opening-quote', 'csv.invalid-closing-quote',
  'csv.quote-not-closed', 'csv.max-record-size', 'io.mojibake', 'table.row-extra-empty-field',
]);

/**
 * A personnummer or samordningsnummer in any of its written forms: 6 or 8 digits of date, an optional "-" or "+",
 * 4 digits (19960124-2072, 960124-2072, 199601242072, 9601242072), not inside a longer run of digits. An HR message
 * never needs a 10- or 12-digit number, so the mask costs nothing there.
 */
const PNR_SHAPE = /(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)/g;

function replaceAll(text: string, needle: string, by: string): string {
  return needle === '' ? text : text.split(needle).join(by);
}

/**
 * Makes the diagnostics of an HR file safe to print and log.
 * @param personalColumns normalised names of columns holding personal data (id, name, birth date)
 * @param identities identity strings seen in the file (ids, names, birth dates), scrubbed from every message
 * @param required the columns the reader asked for (used in place of the found-header list, which may be a data row)
 */
export function redactDiagnostics(
  diagnostics: readonly Diagnostic[],
  personalColumns: ReadonlySet<string>,
  identities: ReadonlySet<string>,
  required: readonly string[],
): Diagnostic[] {
  const scrub = (text: string): string => {
    let out = text;
    for (const id of identities) if (id.length >= 4 && out.includes(id)) out = replaceAll(out, id, REDACTED);
    return out.replace(PNR_SHAPE, REDACTED);
  };
  return diagnostics.map((d): Diagnostic => {
    let message = d.message;
    let value = d.value;
    if (d.code === 'table.missing-columns') {
      const redacted = diag('personnel.columns.missing', { expected: required.join(', ') }, d.location);
      return { ...redacted, code: d.code, severity: d.severity };
    }
    if (d.code === 'csv.parse-error') {
      const code = /\(([A-Z_]+)\)/.exec(message)?.[1] ?? 'okänt fel';
      return { code: d.code, severity: d.severity, message: diag('personnel.csv.parse-error', { code }).message, ...(d.location ? { location: d.location } : {}) };
    }
    const personalCell = d.location?.column !== undefined && personalColumns.has(d.location.column);
    if (value !== undefined && (ROW_CONTENT_CODES.has(d.code) || personalCell)) {
      if (value.trim() !== '') message = replaceAll(message, value, REDACTED);
      value = undefined;
    }
    message = scrub(message);
    if (value !== undefined) value = scrub(value);
    return {
      code: d.code,
      severity: d.severity,
      message,
      ...(d.location ? { location: d.location } : {}),
      ...(value !== undefined ? { value } : {}),
    };
  });
}
