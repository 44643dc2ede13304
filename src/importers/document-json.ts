/**
 * A JSON reader that remembers where every object and array sits in the text, so an event read from
 * one element of a large document can carry that element's line range and exact text. It reads a
 * stream of top-level values (one document, JSON lines, or `kubectl --watch` style concatenated
 * objects) and stops at the first syntax error, keeping the values before it.
 */

/** Where a value sits: UTF-16 offsets into the text, `end` exclusive. */
export interface JsonSpan {
  start: number;
  end: number;
}

/** The first syntax error: its offset, a short message, and where the value it broke began. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
  valueStart: number;
}

/** The top-level values read, with the span of each object and array. */
export interface JsonValueStream {
  values: unknown[];
  /** Span of every top-level value, in order. */
  topSpans: JsonSpan[];
  /** Span of an object or array read from the text. */
  spanOf(value: object): JsonSpan | undefined;
  /** Null when the whole text was read. */
  error: JsonSyntaxError | null;
  /** The notation read, named in unparsed reasons ('JSON' when absent). */
  syntax?: string;
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class SyntaxFault extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads every top-level JSON value in `text` (whitespace between values allowed). */
export function readJsonValues(text: string): JsonValueStream {
  const spans = new WeakMap<object, JsonSpan>();
  const values: unknown[] = [];
  const topSpans: JsonSpan[] = [];
  let at = 0;
  let error: JsonSyntaxError | null = null;
  const length = text.length;

  const skipSpace = (): void => {
    while (at < length) {
      const code = text.charCodeAt(at);
      if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return;
      at++;
    }
  };
  const fault = (message: string): never => {
    throw new SyntaxFault(at, at >= length ? 'Unexpected end of input' : message);
  };
  const unexpected = (): never => fault(`Unexpected token '${text[at] ?? ''}'`);

  const readString = (): string => {
    const start = at;
    at++;
    let isPlain = true;
    while (at < length) {
      const code = text.charCodeAt(at);
      if (code === 34) {
        at++;
        if (isPlain) return text.slice(start + 1, at - 1);
        try {
          return JSON.parse(text.slice(start, at)) as string;
        } catch {
          at = start;
          return fault('Bad escape or control character in string');
        }
      }
      if (code === 92) {
        isPlain = false;
        at += 2;
        continue;
      }
      if (code < 32) fault('Bad control character in string');
      at++;
    }
    throw new SyntaxFault(start, 'Unterminated string');
  };

  const readValue = (depth: number): unknown => {
    skipSpace();
    if (at >= length) fault('Unexpected end of input');
    const code = text.charCodeAt(at);
    if (code === 123 || code === 91) {
      if (depth >= MAX_DEPTH) fault(`Nesting deeper than ${MAX_DEPTH} levels`);
      const start = at;
      const value = code === 123 ? readObject(depth) : readArray(depth);
      spans.set(value, { start, end: at });
      return value;
    }
    if (code === 34) return readString();
    if (text.startsWith('true', at)) return ((at += 4), true);
    if (text.startsWith('false', at)) return ((at += 5), false);
    if (text.startsWith('null', at)) return ((at += 4), null);
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (match === null) return unexpected();
    at += match[0].length;
    return Number(match[0]);
  };

  const readObject = (depth: number): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    at++;
    skipSpace();
    if (text.charCodeAt(at) === 125) return (at++, object);
    for (;;) {
      skipSpace();
      if (text.charCodeAt(at) !== 34) fault(`Expected a property name but found '${text[at] ?? ''}'`);
      const key = readString();
      skipSpace();
      if (text.charCodeAt(at) !== 58) fault(`Expected ':' after property name but found '${text[at] ?? ''}'`);
      at++;
      const value = readValue(depth + 1);
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
      skipSpace();
      const next = text.charCodeAt(at);
      if (next === 44) {
        at++;
        continue;
      }
      if (next === 125) return (at++, object);
      fault(`Expected ',' or '}' after property value but found '${text[at] ?? ''}'`);
    }
  };

  const readArray = (depth: number): unknown[] => {
    const array: unknown[] = [];
    at++;
    skipSpace();
    if (text.charCodeAt(at) === 93) return (at++, array);
    for (;;) {
      array.push(readValue(depth + 1));
      skipSpace();
      const next = text.charCodeAt(at);
      if (next === 44) {
        at++;
        continue;
      }
      if (next === 93) return (at++, array);
      fault(`Expected ',' or ']' after array element but found '${text[at] ?? ''}'`);
    }
  };

  skipSpace();
  while (at < length) {
    const start = at;
    try {
      const value = readValue(0);
      values.push(value);
      topSpans.push({ start, end: at });
    } catch (err) {
      if (!(err instanceof SyntaxFault)) throw err;
      error = { offset: Math.min(err.offset, length), message: err.message, valueStart: start };
      break;
    }
    skipSpace();
  }
  return { values, topSpans, spanOf: (value) => spans.get(value), error };
}
