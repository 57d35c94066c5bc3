/**
 * A small, forgiving XML reader for the parts of a Word package: elements with their attributes and children, text
 * with entities decoded. No validation, no namespaces resolution (names keep their prefix, "w:p"), no DTDs — what the
 * accessibility check needs to walk any .docx, including one from a user's Word.
 */

export { decodeXmlText as decodeEntities } from '../io/xml-text.js';
import { decodeXmlText as decodeEntities } from '../io/xml-text.js';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

interface Building {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** Parses an XML document and returns its root element. Throws on text that is not XML at all. */
export function parseXml(xml: string): XmlElement {
  const root: Building = { name: '#document', attrs: {}, children: [] };
  const stack: Building[] = [root];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      const tail = xml.slice(i);
      if (tail.trim() !== '') stack[stack.length - 1]!.children.push(decodeEntities(tail));
      break;
    }
    if (lt > i) {
      const text = xml.slice(i, lt);
      if (stack.length > 1) stack[stack.length - 1]!.children.push(decodeEntities(text));
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      stack[stack.length - 1]!.children.push(xml.slice(lt + 9, end < 0 ? n : end));
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      const end = xml.indexOf('>', lt + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const gt = findTagEnd(xml, lt + 1);
    if (gt < 0) throw new Error('Ofullständig XML: en tagg slutar aldrig');
    if (xml[lt + 1] === '/') {
      const name = xml.slice(lt + 2, gt).trim();
      // Close up to the matching element (forgiving about unclosed ones).
      for (let k = stack.length - 1; k > 0; k--) {
        if (stack[k]!.name === name) {
          stack.length = k;
          break;
        }
      }
      i = gt + 1;
      continue;
    }
    const selfClosing = xml[gt - 1] === '/';
    const body = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const space = body.search(/\s/);
    const name = space < 0 ? body : body.slice(0, space);
    const attrs: Record<string, string> = {};
    if (space >= 0) {
      for (const m of body.slice(space).matchAll(ATTRIBUTE)) attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
    }
    const el: Building = { name, attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    if (!selfClosing) stack.push(el);
    i = gt + 1;
  }
  const first = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!first) throw new Error('Ingen XML-rot');
  return first;
}

function findTagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
  }
  return -1;
}

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return node !== undefined && typeof node !== 'string';
}

/** Direct child elements, optionally by name. */
export function childElements(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** A path of child names: child(child(el, a), b)… */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) cur = child(cur, n);
  return cur;
}

/** All descendant elements with a name, in document order (not below a match of the same name unless `nested`). */
export function descendants(el: XmlElement, name: string, nested = true): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === name) {
        out.push(c);
        if (!nested) continue;
      }
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The text of the `w:t` (and `w:tab` as a space) below an element. */
export function wordText(el: XmlElement): string {
  let out = '';
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'w:t') out += c.children.filter((x): x is string => typeof x === 'string').join('');
      else if (c.name === 'w:tab' || c.name === 'w:br') out += ' ';
      else walk(c);
    }
  };
  walk(el);
  return out;
}

/** An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): undefined when absent. */
export function onOff(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = el.attrs['w:val'];
  return v === undefined || !/^(0|false|off)$/i.test(v);
}
