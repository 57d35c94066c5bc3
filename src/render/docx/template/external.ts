/**
 * What in a template package reaches outside the file: relationships with TargetMode="External" (a linked picture,
 * a hyperlink to file:///… or a UNC path, an attached template on a server, linked OLE objects, frames, sub-
 * documents) and ActiveX controls. A report sent to fullmäktige and the auditors must not carry them: Word would
 * fetch a linked picture or template when the report is opened (leaking the reader's address, on a UNC path their
 * Windows credentials) and a file: link points into someone's disk.
 *
 * - An attached template (`w:attachedTemplate` in word/settings.xml) only names the .dotx the document was made
 *   from; it is removed, with a warning.
 * - Hyperlinks to http:, https: and mailto: are ordinary links and stay.
 * - Everything else external, and ActiveX, refuses the template (each one named).
 */
const ATTACHED_TEMPLATE = /\/attachedTemplate$/;
const HYPERLINK = /\/hyperlink$/;
const SAFE_LINK = /^(https?:|mailto:)/i;

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'") : undefined;
}

/** Swedish name of a relationship type, for messages. */
function kindOf(type: string): string {
  const last = type.slice(type.lastIndexOf('/') + 1);
  const names: Record<string, string> = {
    image: 'länkad bild', hyperlink: 'hyperlänk', oleObject: 'länkat OLE-objekt', frame: 'ram', subDocument: 'underdokument',
    attachedTemplate: 'bifogad mall', externalLinkPath: 'extern länk', package: 'länkat paket', audio: 'länkat ljud', video: 'länkad video',
  };
  return names[last] ?? `extern relation (${last})`;
}

export interface ExternalContent {
  /** What refuses the template: one Swedish line each ("länkad bild i document.xml: http://…"). */
  readonly refused: string[];
  /** What was removed from the package (the attached template): one Swedish line each. */
  readonly removed: string[];
}

/** Finds (and for an attached template, removes) the external content of a package's parts (by path); changes them in place. */
export function containExternal(files: Map<string, Uint8Array>): ExternalContent {
  const refused: string[] = [];
  const removed: string[] = [];
  const activeX = [...files.keys()].filter((n) => /^word\/activeX\//i.test(n) && /\.xml$/i.test(n));
  if (activeX.length > 0) refused.push(`ActiveX-kontroller (${activeX.map((n) => n.replace(/^word\//, '')).join(', ')})`);
  for (const [name, bytes] of [...files]) {
    if (!/\.rels$/i.test(name)) continue;
    const owner = name.replace(/_rels\//, '').replace(/\.rels$/i, '').replace(/^word\//, '') || 'paketet';
    let xml = decoder.decode(bytes);
    let changed = false;
    for (const tag of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
      if (attr(tag, 'TargetMode') !== 'External') continue;
      const type = attr(tag, 'Type') ?? '';
      const target = attr(tag, 'Target') ?? '';
      if (HYPERLINK.test(type) && SAFE_LINK.test(target)) continue;
      if (ATTACHED_TEMPLATE.test(type)) {
        xml = xml.replace(tag, '');
        changed = true;
        removed.push(`bifogad mall i ${owner}: ${target}`);
        continue;
      }
      refused.push(`${kindOf(type)} i ${owner}: ${target}`);
    }
    if (changed) files.set(name, encoder.encode(xml));
  }
  if (removed.length > 0) {
    const settings = files.get('word/settings.xml');
    if (settings) files.set('word/settings.xml', encoder.encode(decoder.decode(settings).replace(/<w:attachedTemplate\b[^>]*\/>/g, '')));
  }
  return { refused, removed };
}
