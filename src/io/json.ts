/**
 * JSON text → values, keeping the line each object and array starts on, so a reader can name the line of a bad
 * value ("rad 14") as it does for a CSV row. Strict RFC 8259 JSON (what JSON.parse accepts; no comments, no trailing
 * commas). A syntax error gives its line, column and a short Swedish description. Duplicate keys: the last wins, as
 * in JSON.parse. Keys that would reach an object's prototype (`__proto__`) are kept as plain own properties.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonParse =
  | { readonly ok: true; readonly value: JsonValue; readonly lineOf: (v: object) => number | undefined }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly detail: string };

class JsonSyntaxError extends Error {
  constructor(readonly at: number, readonly detail: string) {
    super(detail);
  }
}

/** Parses JSON text (a leading BOM is the decoder's business; it is skipped here too). */
export function parseJsonWithLines(text: string): JsonParse {
  const lines = new WeakMap<object, number>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;

  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        i++;
        lineStart = i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else return;
    }
  };
  const fail = (detail: string): never => {
    throw new JsonSyntaxError(i, detail);
  };
  const shown = (): string => (i >= text.length ? 'filens slut' : `"${text.slice(i, i + 12).split('\n')[0]}"`);

  const str = (): string => {
    // text[i] is the opening quote
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('en textsträng tar aldrig slut');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail(`ogiltig escape-sekvens ${text.slice(i, i + 2)}`);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('radbrytning eller styrtecken inne i en textsträng');
      out += c;
      i++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): JsonValue => {
    if (depth > 200) fail('för djupt nästlad');
    ws();
    const c = text[i];
    if (c === '{') {
      const obj: { [key: string]: JsonValue } = {};
      lines.set(obj, line);
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`väntade ett namn inom citattecken men fann ${shown()}`);
        const key = str();
        ws();
        if (text[i] !== ':') fail(`väntade ":" efter "${key}" men fann ${shown()}`);
        i++;
        const v = value(depth + 1);
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`väntade "," eller "}" men fann ${shown()}`);
      }
    }
    if (c === '[') {
      const arr: JsonValue[] = [];
      lines.set(arr, line);
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`väntade "," eller "]" men fann ${shown()}`);
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail(`väntade ett värde men fann ${shown()}`);
  };

  try {
    const v = value(0);
    ws();
    if (i < text.length) fail(`text efter JSON-dokumentets slut: ${shown()}`);
    return { ok: true, value: v, lineOf: (o) => lines.get(o) };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { ok: false, line, column: e.at - lineStart + 1, detail: e.detail };
  }
}
