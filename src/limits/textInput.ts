import { DocumentNode, Kind, visit } from 'graphql';

/**
 * Text the hub accepts in any argument: well-formed Unicode (no lone surrogates, which cannot be
 * encoded as UTF-8) without NUL, which PostgreSQL text cannot hold. Checked once for every string
 * literal in the document and every string in the variables, so each new text argument is covered
 * without a check of its own.
 */
export function isAcceptableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function variablesAcceptable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isAcceptableText(value);
  if (depth > 32) return false;
  if (Array.isArray(value)) return value.every((v) => variablesAcceptable(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).every(([k, v]) => isAcceptableText(k) && variablesAcceptable(v, depth + 1));
  }
  return true;
}

/**
 * Whether every string literal of the document is acceptable, per DocumentNode: a document's literals
 * never change, and Apollo hands every request of the same query text the one DocumentNode it keeps
 * in its parsed-document cache, so the walk (graphql `visit`, ~1% of the hub's CPU when run on
 * every request) is done once per document. A WeakMap: a document the cache drops is dropped here too.
 */
const documentLiterals = new WeakMap<DocumentNode, boolean>();

function documentAcceptable(document: DocumentNode): boolean {
  const known = documentLiterals.get(document);
  if (known !== undefined) return known;
  let ok = true;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (!isAcceptableText(node.value)) ok = false;
    },
  });
  documentLiterals.set(document, ok);
  return ok;
}

/**
 * True when every string literal of the document and every string in the variables is acceptable.
 * The variables are checked on every call; the document's literals once per DocumentNode (a refused
 * document is remembered as refused, so it is refused on every use).
 */
export function textInputAcceptable(document: DocumentNode, variables: unknown): boolean {
  return variablesAcceptable(variables ?? {}) && documentAcceptable(document);
}
