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

/** True when every string literal of the document and every string in the variables is acceptable. */
export function textInputAcceptable(document: DocumentNode, variables: unknown): boolean {
  let ok = variablesAcceptable(variables ?? {});
  if (!ok) return false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (!isAcceptableText(node.value)) ok = false;
    },
  });
  return ok;
}
