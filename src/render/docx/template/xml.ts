/**
 * A small XML tree that reads a part of a Word package and writes it back unchanged except where we edit it:
 * elements keep their prefixed names ("w:p") and their attributes in order; comments, processing instructions and
 * CDATA are kept verbatim. Text is held decoded and escaped again on writing. No DTDs, no namespace resolution —
 * what the template filler needs to move placeholder text between runs and to clone table rows.
 */

export { decodeXmlText, escapeXmlText, escapeXmlAttr } from '../../../io/xml-text.js';
import { decodeXmlText, escapeXmlText, escapeXmlAttr } from '../../../io/xml-text.js';

export interface XElement {
  readonly kind: 'element';
  name: string;
  attrs: [string, string][];
  children: XNode[];
}

export interface XText {
  readonly kind: 'text';
  text: string;
}

/** A comment, processing instruction, CDATA section or doctype, written back as it was read. */
export interface XRaw {
  readonly kind: 'raw';
  readonly raw: string;
}

export type XNode = XElement | XText | XRaw;

/** The document: its prolog (declaration, comments) and root element, in order. */
export interface XDocument {
  readonly children: XNode[];
}

/** Thrown for text that is not well-formed enough to be edited safely. */
export class XmlSyntaxError extends Error {}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses an XML part. Throws XmlSyntaxError on unbalanced tags. */
export function parseXmlDocument(xml: string): XDocument {
  const doc: XDocument = { children: [] };
  const stack: XElement[] = [];
  const add = (node: XNode) => (stack.length > 0 ? stack[stack.length - 1]!.children : doc.children).push(node);
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      if (stack.length > 0) add({ kind: 'text', text: decodeXmlText(text) });
      else if (text.trim() !== '') throw new XmlSyntaxError('text utanför rotelementet');
      else add({ kind: 'raw', raw: text });
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlSyntaxError('kommentar utan slut');
      add({ kind: 'raw', raw: xml.slice(lt, end + 3) });
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlSyntaxError('CDATA utan slut');
      add({ kind: 'raw', raw: xml.slice(lt, end + 3) });
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt);
      if (end < 0) throw new XmlSyntaxError('instruktion utan slut');
      add({ kind: 'raw', raw: xml.slice(lt, end + 1) });
      i = end + 1;
      continue;
    }
    const gt = findTagEnd(xml, lt);
    if (gt < 0) throw new XmlSyntaxError('tagg utan slut');
    if (xml[lt + 1] === '/') {
      const name = xml.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlSyntaxError(`sluttaggen </${name}> matchar inte`);
      i = gt + 1;
      continue;
    }
    const selfClosing = xml[gt - 1] === '/';
    const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const m = /^[^\s/>]+/.exec(inner);
    if (!m) throw new XmlSyntaxError('tagg utan namn');
    const el: XElement = { kind: 'element', name: m[0], attrs: [], children: [] };
    for (const a of inner.slice(m[0].length).matchAll(ATTRIBUTE)) el.attrs.push([a[1]!, decodeXmlText(a[2] ?? a[3] ?? '')]);
    add(el);
    if (!selfClosing) stack.push(el);
    i = gt + 1;
  }
  if (stack.length > 0) throw new XmlSyntaxError(`<${stack[stack.length - 1]!.name}> saknar sluttagg`);
  return doc;
}

/** The `>` that ends the tag starting at `lt`, skipping quoted attribute values. */
function findTagEnd(xml: string, lt: number): number {
  let quote: string | null = null;
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

export function serializeXml(doc: XDocument): string {
  const out: string[] = [];
  for (const node of doc.children) writeNode(node, out);
  return out.join('');
}

export function serializeNode(node: XNode): string {
  const out: string[] = [];
  writeNode(node, out);
  return out.join('');
}

function writeNode(node: XNode, out: string[]): void {
  if (node.kind === 'text') {
    out.push(escapeXmlText(node.text));
    return;
  }
  if (node.kind === 'raw') {
    out.push(node.raw);
    return;
  }
  out.push('<', node.name);
  for (const [k, v] of node.attrs) out.push(' ', k, '="', escapeXmlAttr(v), '"');
  if (node.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of node.children) writeNode(c, out);
  out.push('</', node.name, '>');
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

export function el(name: string, attrs: [string, string][] = [], children: XNode[] = []): XElement {
  return { kind: 'element', name, attrs, children };
}

export function isEl(node: XNode | undefined, name?: string): node is XElement {
  return node !== undefined && node.kind === 'element' && (name === undefined || node.name === name);
}

export function attr(node: XElement, name: string): string | undefined {
  for (const [k, v] of node.attrs) if (k === name) return v;
  return undefined;
}

export function setAttr(node: XElement, name: string, value: string): void {
  const a = node.attrs.find(([k]) => k === name);
  if (a) a[1] = value;
  else node.attrs.push([name, value]);
}

export function removeAttr(node: XElement, name: string): void {
  node.attrs = node.attrs.filter(([k]) => k !== name);
}

export function childEls(node: XElement, name?: string): XElement[] {
  return node.children.filter((c): c is XElement => isEl(c, name));
}

export function firstChild(node: XElement, name: string): XElement | undefined {
  return node.children.find((c): c is XElement => isEl(c, name));
}

/** The root element of a document. */
export function rootOf(doc: XDocument): XElement | undefined {
  return doc.children.find((c): c is XElement => isEl(c));
}

/** Every element named `name` below `node`, in document order; `into` decides whether to look inside an element. */
export function findAll(node: XElement, name: string, into: (e: XElement) => boolean = () => true): XElement[] {
  const out: XElement[] = [];
  const walk = (e: XElement) => {
    for (const c of e.children) {
      if (c.kind !== 'element') continue;
      if (c.name === name) out.push(c);
      if (into(c)) walk(c);
    }
  };
  walk(node);
  return out;
}

export function deepClone<T extends XNode>(node: T): T {
  if (node.kind === 'text') return { kind: 'text', text: node.text } as T;
  if (node.kind === 'raw') return node;
  return { kind: 'element', name: node.name, attrs: node.attrs.map(([k, v]) => [k, v]), children: node.children.map(deepClone) } as unknown as T;
}

/** Text of the `w:t` elements below a node (not deleted text, not field codes). */
export function plainText(node: XElement): string {
  let s = '';
  const walk = (e: XElement) => {
    for (const c of e.children) {
      if (c.kind === 'text') {
        if (e.name === 'w:t') s += c.text;
      } else if (c.kind === 'element') {
        if (c.name === 'w:tab') s += '\t';
        else if (c.name === 'w:br' || c.name === 'w:cr') s += '\n';
        else if (c.name !== 'w:delText' && c.name !== 'w:instrText' && c.name !== 'w:del' && c.name !== 'mc:Fallback') walk(c);
      }
    }
  };
  walk(node);
  return s;
}
