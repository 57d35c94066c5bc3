/**
 * Small fixes to the Word package that the `docx` library does not offer options for, applied while the package is
 * normalised (one unzip/rezip): Swedish as the language of the charts, the theme fonts and the document properties,
 * and Swedish decimal and list separators for Word's fields.
 */
import { unzipSync } from 'fflate';
import { normaliseParts } from '../normalise-zip.js';
import { finishTextSlots, type SlotSource } from './slots/finish.js';

/**
 * A Word package packed by the `docx` library (or a filled template), finished as every Word file rapport writes:
 * these fixes, then byte-stable (`normaliseZip`). `replaceParts` swaps whole XML parts for the given text (the
 * starter template writes its own styles part).
 */
export function finishDocxPackage(
  bytes: Uint8Array,
  options: { readonly date: string; readonly replaceParts?: ReadonlyMap<string, string>; readonly slots?: SlotSource },
): Uint8Array {
  const replace = options.replaceParts;
  const parts = new Map<string, string | Uint8Array>(Object.entries(unzipSync(bytes)));
  // A report's text slots and bookkeeping (slots/finish.ts); the starter template has none.
  if (options.slots) finishTextSlots(parts, options.slots);
  return normaliseParts(parts, { date: options.date, transformXml: replace ? (path, xml) => replace.get(path) ?? fixDocxXml(path, xml) : fixDocxXml });
}

/** Applied to every XML part of the generated .docx (see `normaliseZip`'s `transformXml`). */
export function fixDocxXml(path: string, xml: string): string {
  if (/^word\/charts\/chart\d+\.xml$/.test(path)) {
    return xml.replace(/<c:lang val="[^"]*"\s*\/>/, '<c:lang val="sv-SE"/>').replace(/\blang="en-US"/g, 'lang="sv-SE"');
  }
  if (path === 'word/settings.xml') return fixSettings(xml);
  if (path === 'docProps/core.xml' && !xml.includes('<dc:language>')) {
    return xml.replace('</cp:coreProperties>', '<dc:language>sv-SE</dc:language></cp:coreProperties>');
  }
  return xml;
}

/**
 * `w:themeFontLang` tells Word the document's language for theme fonts (and is where Word itself records the
 * language); `w:decimalSymbol`/`w:listSeparator` are the Swedish separators. The schema fixes the order of
 * `w:settings`' children: themeFontLang follows compat/docVars/rsids/mathPr/attachedSchema, the separators come last.
 */
function fixSettings(xml: string): string {
  let out = xml;
  if (!out.includes('<w:themeFontLang')) {
    const lang = '<w:themeFontLang w:val="sv-SE"/>';
    const anchors = [/<w:attachedSchema\b[^>]*\/>/, /<\/w:mathPr>/, /<\/w:rsids>/, /<\/w:docVars>/, /<\/w:compat>/];
    const anchor = anchors.map((re) => re.exec(out)).find((m) => m !== null);
    out = anchor ? out.slice(0, anchor.index + anchor[0].length) + lang + out.slice(anchor.index + anchor[0].length) : out;
  }
  if (!out.includes('<w:decimalSymbol')) out = out.replace('</w:settings>', '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>');
  return out;
}
