/** Test helpers: read the parts of an Office package (.docx/.xlsx) and the dates of its zip entries. */
import { unzipSync } from 'fflate';

export interface Package {
  readonly names: readonly string[];
  has(name: string): boolean;
  text(name: string): string;
  bytes(name: string): Uint8Array;
}

export function openPackage(bytes: Uint8Array): Package {
  const files = unzipSync(bytes);
  const decoder = new TextDecoder();
  return {
    names: Object.keys(files),
    has: (name) => name in files,
    bytes: (name) => {
      const f = files[name];
      if (!f) throw new Error(`${name} saknas i paketet`);
      return f;
    },
    text: (name) => {
      const f = files[name];
      if (!f) throw new Error(`${name} saknas i paketet`);
      return decoder.decode(f);
    },
  };
}

/** Entry names in the order they are stored, with their DOS date/time fields, from the zip's local headers. */
export function zipEntries(bytes: Uint8Array): { name: string; dosDate: number; dosTime: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { name: string; dosDate: number; dosTime: number }[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50) {
    const dosTime = view.getUint16(at + 10, true);
    const dosDate = view.getUint16(at + 12, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    out.push({ name, dosDate, dosTime });
    at += 30 + nameLength + extraLength + compressed;
  }
  return out;
}

/** DOS date fields → "YYYY-MM-DD". */
export function dosDateText(dosDate: number): string {
  const y = 1980 + (dosDate >> 9);
  const m = (dosDate >> 5) & 15;
  const d = dosDate & 31;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** All matches of a regex's first group. */
export function all(re: RegExp, text: string): string[] {
  return [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))].map((m) => m[1] ?? m[0]);
}

/** The text of each `w:p` (its w:t runs joined), with the paragraph's XML. */
export function paragraphs(documentXml: string): { xml: string; text: string }[] {
  return [...documentXml.matchAll(/<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g)].map((m) => ({
    xml: m[0],
    text: [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!).join(''),
  }));
}
