/**
 * Makes an Office package (.docx, .xlsx — any OPC zip) byte-stable: the same report gives the same bytes, in one
 * process or the next, in any time zone. The writers we use are not deterministic on their own:
 *
 * - the `docx` library stamps `docProps/core.xml` with the clock, names relationships with random ids
 *   (`rIdk3j…` for charts, hyperlinks, embedded workbooks), and counts drawing ids (`wp:docPr`) and table-of-contents
 *   bookmarks (`_Toc12`) on across every document made in the process;
 * - both `docx` and `exceljs` write zip entries with the current time, and embed workbooks zipped the same way.
 *
 * Rather than patch the libraries, we unzip once after packing, fix those few things, and zip again with fixed entry
 * dates and a fixed entry order ([Content_Types].xml and _rels/.rels first, then sorted). This costs a few tens of
 * milliseconds per report and keeps working when a library version changes its counters.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

export interface NormaliseZipOptions {
  /** ISO date (YYYY-MM-DD): written as the package's created/modified date and as every zip entry's date. */
  readonly date: string;
  /**
   * Rewrites an XML part (`.xml`/`.rels`) in the same pass, for a renderer's own fixes (e.g. chart language). Called
   * after the id fixes, for the outer package only, not for embedded packages.
   */
  readonly transformXml?: (path: string, xml: string) => string;
  /** Deflate level of the rezipped entries (0–9). Default 6. */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

const NESTED_PACKAGE = /\.(xlsx|xlsm|docx|docm|pptx)$/i;
const XML_PART = /\.(xml|rels|vml)$/i;

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** Normalises an OPC package; see the module comment. Pure: bytes in, bytes out. */
export function normaliseZip(bytes: Uint8Array, options: NormaliseZipOptions): Uint8Array {
  return normaliseParts(new Map(Object.entries(unzipSync(bytes))), options);
}

/**
 * Normalises a package given as its parts (path → XML text or bytes), as a writer has them before zipping: the same
 * result as zipping them and calling `normaliseZip`, without zipping twice.
 */
export function normaliseParts(parts: ReadonlyMap<string, string | Uint8Array>, options: NormaliseZipOptions): Uint8Array {
  const date = parseIsoDate(options.date);
  const xml = new Map<string, string>();
  const binary = new Map<string, Uint8Array>();
  for (const [name, data] of parts) {
    if (name.endsWith('/')) continue;
    if (XML_PART.test(name)) xml.set(name, typeof data === 'string' ? data : decoder.decode(data));
    else {
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      binary.set(name, NESTED_PACKAGE.test(name) ? normaliseZip(bytes, { date: options.date, level: options.level ?? 6 }) : bytes);
    }
  }

  renameRandomRelationshipIds(xml);
  renumberWordIds(xml);
  fixCoreDates(xml, options.date);
  if (options.transformXml) {
    for (const [name, text] of xml) xml.set(name, options.transformXml(name, text));
  }

  // Fixed order: content types and package relationships first (as Office writes them), then by name.
  const ordered = [...xml.keys(), ...binary.keys()].sort(compareEntries);
  const zippable: Zippable = {};
  for (const name of ordered) {
    const text = xml.get(name);
    zippable[name] = text !== undefined ? encoder.encode(text) : binary.get(name)!;
  }
  // A Date built from local-time fields: fflate writes the DOS date from local-time fields, so this gives the same
  // entry date in every time zone. Noon, so no daylight-saving change can move it to another day.
  const mtime = new Date(date.year, date.month - 1, date.day, 12, 0, 0);
  return zipSync(zippable, { level: options.level ?? 6, mtime });
}

function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`normaliseZip: ogiltigt datum "${iso}" (väntade ÅÅÅÅ-MM-DD)`);
  const year = Number(m[1]);
  // Zip (DOS) dates start in 1980.
  return { year: Math.max(1980, year), month: Number(m[2]), day: Number(m[3]) };
}

function entryRank(name: string): number {
  if (name === '[Content_Types].xml') return 0;
  if (name === '_rels/.rels') return 1;
  return 2;
}

function compareEntries(a: string, b: string): number {
  const ra = entryRank(a);
  const rb = entryRank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The part a relationships part belongs to: `word/_rels/document.xml.rels` → `word/document.xml`. */
function ownerOfRels(relsPath: string): string | null {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPath);
  if (!m) return null;
  if (m[2] === '') return null; // _rels/.rels: the package's own relationships, referenced by no part
  return `${m[1]}${m[2]}`;
}

const RELATIONSHIP_ID = /(<Relationship\b[^>]*?\bId=")([^"]+)(")/g;

/**
 * Gives every relationship whose id is not of the `rId<number>` form a numbered id following the highest one in its
 * file, in document order, and rewrites the references in the owning part (`r:id`, `r:embed`, …).
 */
function renameRandomRelationshipIds(xml: Map<string, string>): void {
  for (const [relsPath, rels] of xml) {
    if (!relsPath.endsWith('.rels')) continue;
    const ids: string[] = [];
    for (const m of rels.matchAll(RELATIONSHIP_ID)) ids.push(m[2]!);
    let next = 0;
    for (const id of ids) {
      const n = /^rId(\d+)$/.exec(id);
      if (n) next = Math.max(next, Number(n[1]));
    }
    const renames = new Map<string, string>();
    for (const id of ids) {
      if (/^rId\d+$/.test(id) || renames.has(id)) continue;
      renames.set(id, `rId${++next}`);
    }
    if (renames.size === 0) continue;
    xml.set(relsPath, rels.replace(RELATIONSHIP_ID, (all, a: string, id: string, c: string) => {
      const to = renames.get(id);
      return to === undefined ? all : a + to + c;
    }));
    const owner = ownerOfRels(relsPath);
    const ownerXml = owner === null ? undefined : xml.get(owner);
    if (owner !== null && ownerXml !== undefined) {
      // References are attribute values in quotes; the random ids are unique strings, so a quoted match is exact.
      xml.set(owner, ownerXml.replace(/="([^"]+)"/g, (all, value: string) => {
        const to = renames.get(value);
        return to === undefined ? all : `="${to}"`;
      }));
    }
  }
}

/** The Word parts where bookmarks and drawings live, the main document first so numbering follows reading order. */
function wordStoryParts(xml: Map<string, string>): string[] {
  const parts = [...xml.keys()].filter((n) => /^word\/[^/]+\.xml$/.test(n) && !/^word\/(styles|settings|fontTable|webSettings|numbering)\.xml$/.test(n));
  return parts.sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Renumbers the ids `docx` counts on across documents in one process: table-of-contents bookmark names (`_Toc7`),
 * bookmark ids, and drawing ids (`wp:docPr id`), each from 1 in reading order.
 */
function renumberWordIds(xml: Map<string, string>): void {
  if (!xml.has('word/document.xml')) return;
  const tocNames = new Map<string, string>();
  const bookmarkIds = new Map<string, string>();
  let drawing = 0;
  for (const part of wordStoryParts(xml)) {
    let text = xml.get(part)!;
    text = text.replace(/_Toc(\d+)\b/g, (name: string) => {
      let to = tocNames.get(name);
      if (to === undefined) {
        to = `_Toc${tocNames.size + 1}`;
        tocNames.set(name, to);
      }
      return to;
    });
    text = text.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, (_all, a: string, id: string, c: string) => {
      let to = bookmarkIds.get(id);
      if (to === undefined) {
        to = String(bookmarkIds.size + 1);
        bookmarkIds.set(id, to);
      }
      return a + to + c;
    });
    text = text.replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g, (_all, a: string, _id: string, c: string) => `${a}${++drawing}${c}`);
    xml.set(part, text);
  }
}

/** Pins the package's created and modified dates to the report date (midnight UTC). */
function fixCoreDates(xml: Map<string, string>, isoDate: string): void {
  const core = xml.get('docProps/core.xml');
  if (core === undefined) return;
  const stamp = `${isoDate.slice(0, 10)}T00:00:00Z`;
  xml.set(
    'docProps/core.xml',
    core.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_all, open: string, _n: string, close: string) => open + stamp + close),
  );
}
