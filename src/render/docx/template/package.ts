/**
 * Reading an organisation's Word template (.docx or .dotx) safely: the zip is checked before it is inflated (entry
 * count, declared sizes) and after (real sizes), a macro-enabled file is refused, and a .dotx becomes a document by
 * giving its main part the document's content type, so the filled file is an ordinary .docx.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { containExternal } from './external.js';

export const MAIN_DOCUMENT = 'word/document.xml';
const CONTENT_TYPES = '[Content_Types].xml';

const DOCUMENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const TEMPLATE_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml';
const MACRO_TYPES = ['application/vnd.ms-word.document.macroEnabled.main+xml', 'application/vnd.ms-word.template.macroEnabledTemplate.main+xml'];

/** Limits on a template's package: a Word template is small; these stop zip bombs and absurd files early. */
export const PACKAGE_LIMITS = {
  maxEntries: 2_000,
  /** Sum of the declared (and real) sizes of all entries. */
  maxTotalBytes: 200 * 1024 * 1024,
  /** Largest XML part. */
  maxXmlBytes: 40 * 1024 * 1024,
} as const;

export class TemplatePackageError extends Error {
  constructor(
    readonly code: 'template.file.unreadable' | 'template.file.too-large' | 'template.file.macros' | 'template.file.external',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'TemplatePackageError';
  }
}

export interface TemplatePackage {
  /** Every entry by path, as bytes. */
  readonly files: Map<string, Uint8Array>;
  /** The file was a Word template (.dotx): its main part has been given the document content type. */
  readonly wasTemplate: boolean;
  /** External content removed on opening (an attached template), one Swedish line each (external.ts). */
  readonly removed?: readonly string[];
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export function readText(pkg: TemplatePackage, path: string): string | undefined {
  const b = pkg.files.get(path);
  return b === undefined ? undefined : decoder.decode(b);
}

export function writeText(pkg: TemplatePackage, path: string, text: string): void {
  pkg.files.set(path, encoder.encode(text));
}

/** Opens a template's bytes. Throws TemplatePackageError (code and Swedish detail) when it cannot be used. */
export function openTemplatePackage(bytes: Uint8Array): TemplatePackage {
  let entries = 0;
  let declared = 0;
  let tooLarge: string | null = null;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, {
      filter: (file) => {
        entries++;
        declared += file.originalSize;
        if (entries > PACKAGE_LIMITS.maxEntries) tooLarge ??= `fler än ${PACKAGE_LIMITS.maxEntries} delar i paketet`;
        if (declared > PACKAGE_LIMITS.maxTotalBytes) tooLarge ??= `packat upp större än ${PACKAGE_LIMITS.maxTotalBytes / 1024 / 1024} MB`;
        if (/\.(xml|rels)$/i.test(file.name) && file.originalSize > PACKAGE_LIMITS.maxXmlBytes) tooLarge ??= `${file.name} är större än ${PACKAGE_LIMITS.maxXmlBytes / 1024 / 1024} MB`;
        return tooLarge === null;
      },
    });
  } catch (e) {
    throw new TemplatePackageError('template.file.unreadable', `filen är inte en zip-fil (${(e as Error).message})`);
  }
  if (tooLarge !== null) throw new TemplatePackageError('template.file.too-large', tooLarge);
  let real = 0;
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(unzipped)) {
    if (name.endsWith('/')) continue;
    real += data.length;
    if (real > PACKAGE_LIMITS.maxTotalBytes) throw new TemplatePackageError('template.file.too-large', `packat upp större än ${PACKAGE_LIMITS.maxTotalBytes / 1024 / 1024} MB`);
    files.set(name, data);
  }
  const pkg: TemplatePackage = { files, wasTemplate: false };
  const types = readText(pkg, CONTENT_TYPES);
  if (types === undefined || !files.has(MAIN_DOCUMENT)) {
    throw new TemplatePackageError('template.file.unreadable', 'paketet saknar word/document.xml eller [Content_Types].xml; är det ett Word-dokument?');
  }
  if (MACRO_TYPES.some((t) => types.includes(t)) || [...files.keys()].some((n) => /vbaProject\.bin$/i.test(n))) {
    throw new TemplatePackageError('template.file.macros', 'filen innehåller makron');
  }
  // Links out of the file and ActiveX refuse the template; an attached template is removed (external.ts).
  const external = containExternal(files);
  if (external.refused.length > 0) throw new TemplatePackageError('template.file.external', external.refused.join('; '));
  if (types.includes(TEMPLATE_TYPE)) {
    writeText(pkg, CONTENT_TYPES, types.split(TEMPLATE_TYPE).join(DOCUMENT_TYPE));
    return { files, wasTemplate: true, removed: external.removed };
  }
  return { ...pkg, removed: external.removed };
}

/** Zips a package (the bytes are normalised later; this only has to be a valid zip). */
export function zipPackage(pkg: TemplatePackage): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of pkg.files) z[name] = data;
  return zipSync(z, { level: 1, mtime: new Date(2000, 0, 1, 12) });
}

export function unzipToPackage(bytes: Uint8Array): TemplatePackage {
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (!name.endsWith('/')) files.set(name, data);
  return { files, wasTemplate: false };
}

/** The story parts placeholders may be in: the body, headers, footers, foot- and endnotes, in a fixed order. */
export function storyParts(pkg: TemplatePackage): string[] {
  const rank = (p: string) => (p === MAIN_DOCUMENT ? 0 : /^word\/header\d*\.xml$/.test(p) ? 1 : /^word\/footer\d*\.xml$/.test(p) ? 2 : 3);
  return [...pkg.files.keys()]
    .filter((p) => p === MAIN_DOCUMENT || /^word\/(header|footer)\d*\.xml$/.test(p) || p === 'word/footnotes.xml' || p === 'word/endnotes.xml')
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Swedish name of a part, for messages: "brödtexten", "sidhuvudet (header1.xml)". */
export function partLabel(path: string): string {
  if (path === MAIN_DOCUMENT) return 'brödtexten';
  const file = path.replace(/^word\//, '');
  if (/^header/.test(file)) return `sidhuvudet (${file})`;
  if (/^footer/.test(file)) return `sidfoten (${file})`;
  if (/^footnotes/.test(file)) return 'fotnoterna';
  if (/^endnotes/.test(file)) return 'slutkommentarerna';
  return file;
}
