/** io/json.ts: JSON as JSON.parse reads it, with the line each object and array starts on, and syntax errors by line and character. */
import { describe, expect, it } from 'vitest';
import { parseJsonWithLines } from '../../src/io/json.js';

describe('parseJsonWithLines', () => {
  it('gives the same values as JSON.parse, and the line of each object', () => {
    const text = '\uFEFF{"a": [1, -2.5e3, true, null],\n "b": {"c": "x\\"y\\u00e5\\n"},\r\n "d": [\n  {"e": 0}\n ]}';
    const r = parseJsonWithLines(text);
    if (!r.ok) throw new Error(r.detail);
    expect(r.value).toEqual(JSON.parse(text.slice(1)));
    const v = r.value as { b: object; d: object[] };
    expect(r.lineOf(r.value as object)).toBe(1);
    expect(r.lineOf(v.b)).toBe(2);
    expect(r.lineOf(v.d)).toBe(3);
    expect(r.lineOf(v.d[0]!)).toBe(4);
  });

  it('keeps a "__proto__" key as a plain property', () => {
    const r = parseJsonWithLines('{"__proto__": {"x": 1}}');
    if (!r.ok) throw new Error(r.detail);
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(({} as { x?: number }).x).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'väntade ett namn inom citattecken'],
    ['{"a": 1}\n[', 2, 1, 'text efter JSON-dokumentets slut'],
    ['[1,\n 2\n 3]', 3, 2, 'väntade "," eller "]"'],
    ['{"a": "x\ny"}', 1, 9, 'radbrytning'],
    ['{"a": 01}', 1, 8, 'väntade "," eller "}"'],
    ['', 1, 1, 'väntade ett värde'],
  ])('refuses %j at line %i, character %i', (text, line, column, detail) => {
    const r = parseJsonWithLines(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.line, r.column]).toEqual([line, column]);
    expect(r.detail).toContain(detail);
    expect(() => JSON.parse(text)).toThrow();
  });
});
