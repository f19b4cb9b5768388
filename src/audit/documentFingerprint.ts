import { createHash, createHmac } from 'node:crypto';
import { ASTVisitor, DocumentNode, Kind, NameNode, print, visit } from 'graphql';

/** What every literal value becomes: `$_` (printed as a variable, never executed). */
const LITERAL = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: '_' } } as const;

/**
 * The document with nothing the client chose left in it: every string, number and float literal
 * (arguments, input objects, directive arguments, variable defaults) replaced by `$_`, and every
 * client-chosen name — operation names, aliases, fragment and variable names — replaced by a
 * positional one (`O1`, `a1`, `F1`, `v1`). What remains is the schema's own field and type
 * names, enum and boolean values and the shape, printed canonically (graphql-js `print`). Two
 * queries that differ only in an inlined ID number, or in an alias carrying one, strip to the same
 * text.
 */
export function strippedDocument(document: DocumentNode): string {
  const names = new Map<string, string>();
  const rename = (prefix: string, node: NameNode): NameNode => {
    const key = `${prefix}:${node.value}`;
    let value = names.get(key);
    if (!value) {
      value = `${prefix}${[...names.keys()].filter((k) => k.startsWith(`${prefix}:`)).length + 1}`;
      names.set(key, value);
    }
    return { kind: Kind.NAME, value };
  };
  const visitor: ASTVisitor = {
    StringValue: { leave: () => LITERAL },
    IntValue: { leave: () => LITERAL },
    FloatValue: { leave: () => LITERAL },
    Variable: { leave: (node) => ({ ...node, name: rename('v', node.name) }) },
    OperationDefinition: { leave: (node) => (node.name ? { ...node, name: rename('O', node.name) } : undefined) },
    Field: { leave: (node) => (node.alias ? { ...node, alias: rename('a', node.alias) } : undefined) },
    FragmentDefinition: { leave: (node) => ({ ...node, name: rename('F', node.name) }) },
    FragmentSpread: { leave: (node) => ({ ...node, name: rename('F', node.name) }) },
  };
  return print(visit(document, visitor));
}

/**
 * The access log's fingerprint of a document: HMAC-SHA256, under the hub's document key, of the
 * stripped document (hex, 64 characters). Both, because each closes a different door:
 *  - stripping means no literal an auditor could guess (an inlined ID number, a phone number, a
 *    name in an alias) is in the hashed text at all, so even a leaked key recovers none, and
 *    requests of the same shape share a fingerprint auditors can group by;
 *  - the key (held by the hub, not given to auditors: `AUDIT_DOCUMENT_KEY_FILE`, `.data/keys` in
 *    development) means nobody can recompute a fingerprint offline to test guesses about the
 *    shape either, e.g. whether a rare combination of fields was asked for.
 */
export function documentFingerprint(key: Buffer, document: DocumentNode): string {
  return createHmac('sha256', key).update(strippedDocument(document), 'utf8').digest('hex');
}

/**
 * `documentFingerprint` with a memory of recent documents (most clients send a few fixed
 * documents with variables): keyed in memory by the SHA-256 of the source text, never stored, at
 * most `size` entries, oldest dropped first. A hit costs one SHA-256 of the text instead of a walk,
 * a print and an HMAC (bench/lookupGate.ts).
 */
export function cachedDocumentFingerprint(key: Buffer, size = 512): (source: string | undefined, document: DocumentNode) => string {
  const recent = new Map<string, string>();
  return (source, document) => {
    if (source === undefined) return documentFingerprint(key, document);
    const id = createHash('sha256').update(source, 'utf8').digest('base64');
    let fingerprint = recent.get(id);
    if (fingerprint === undefined) {
      fingerprint = documentFingerprint(key, document);
      if (recent.size >= size) recent.delete(recent.keys().next().value!);
      recent.set(id, fingerprint);
    }
    return fingerprint;
  };
}
