/**
 * A YAML reader with the same shape as document-json.ts's {@link JsonValueStream}, so a whole-document
 * format can take `kubectl get … -o yaml` output and still give each event its element's line range.
 * Every mapping and sequence read keeps its span. A block element's span starts at the beginning of its
 * line when only indentation and `- ` markers precede it, so its raw text (the element's full lines)
 * reads back as YAML on its own. It reads a stream of `---`-separated documents and stops at the first
 * document with an error, keeping the documents before it.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { readJsonValues, type JsonSpan, type JsonValueStream } from './document-json';

/** Reads every YAML document in `text`. */
export function readYamlValues(text: string): JsonValueStream {
  const spans = new WeakMap<object, JsonSpan>();
  const values: unknown[] = [];
  const topSpans: JsonSpan[] = [];
  const spanFrom = (range: readonly number[]): JsonSpan => {
    let start = range[0]!;
    let end = range[1]!;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    let lineStart = start;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    if (/^[ \t-]*$/.test(text.slice(lineStart, start))) start = lineStart;
    return { start, end };
  };
  const toValue = (node: unknown, document: Document): unknown => {
    if (isAlias(node)) return toValue(node.resolve(document), document);
    if (isScalar(node)) return node.value;
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(toValue(pair.key, document));
        const value = toValue(pair.value, document);
        if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        else object[key] = value;
      }
      if (node.range) spans.set(object, spanFrom(node.range));
      return object;
    }
    if (isSeq(node)) {
      const array = node.items.map((item) => toValue(item, document));
      if (node.range) spans.set(array, spanFrom(node.range));
      return array;
    }
    return null;
  };
  for (const document of parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false })) {
    const failure = document.errors[0];
    if (failure !== undefined) {
      return { values, topSpans, spanOf: (value) => spans.get(value), error: { offset: failure.pos[0], message: failure.message, valueStart: document.range[0] }, syntax: 'YAML' };
    }
    const contents = document.contents as Node | null;
    if (contents === null) continue;
    values.push(toValue(contents, document));
    if (contents.range) topSpans.push(spanFrom(contents.range));
  }
  return { values, topSpans, spanOf: (value) => spans.get(value), error: null, syntax: 'YAML' };
}

/** JSON when the text starts with `{` or `[` (`-o json`), YAML otherwise (`-o yaml`). */
export function readJsonOrYamlValues(text: string): JsonValueStream {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? readJsonValues(text) : readYamlValues(text);
}
