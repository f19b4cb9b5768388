import { createHash, createHmac } from 'node:crypto';
import {
  ArgumentNode, DirectiveNode, DocumentNode, Kind, SelectionSetNode, TypeNode, ValueNode, VariableDefinitionNode,
} from 'graphql';

/**
 * The document with nothing the client chose left in it, as one canonical line per definition:
 * every string, number and float literal (arguments, input objects, directive arguments,
 * variable defaults) becomes `$_`, and every client-chosen name — operation names, aliases,
 * fragment and variable names — a positional one (`O1`, `a1`, `F1`, `v1`, numbered in document
 * order). What remains is the schema's own field and type names, enum and boolean values and the
 * shape. Two queries that differ only in an inlined ID number, or in an alias carrying one, strip
 * to the same text. One recursive pass over the parsed document (no graphql-js visit and print:
 * they cost ~10× as much, bench/lookupGate.ts).
 */
export function strippedDocument(document: DocumentNode): string {
  const names = new Map<string, string>();
  const counts: Record<string, number> = {};
  const rename = (prefix: string, value: string): string => {
    const key = `${prefix}:${value}`;
    let renamed = names.get(key);
    if (renamed === undefined) {
      counts[prefix] = (counts[prefix] ?? 0) + 1;
      renamed = `${prefix}${counts[prefix]}`;
      names.set(key, renamed);
    }
    return renamed;
  };
  const value = (v: ValueNode): string => {
    switch (v.kind) {
      case Kind.VARIABLE:
        return `$${rename('v', v.name.value)}`;
      case Kind.LIST:
        return `[${v.values.map(value).join(',')}]`;
      case Kind.OBJECT:
        return `{${v.fields.map((f) => `${f.name.value}:${value(f.value)}`).join(',')}}`;
      case Kind.ENUM:
        return v.value;
      case Kind.BOOLEAN:
        return String(v.value);
      case Kind.NULL:
        return 'null';
      default:
        return '$_'; // STRING (block strings too), INT, FLOAT: the client's literals
    }
  };
  const type = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : t.kind === Kind.LIST_TYPE ? `[${type(t.type)}]` : `${type(t.type)}!`);
  const args = (list: readonly ArgumentNode[] | undefined): string => (list?.length ? `(${list.map((a) => `${a.name.value}:${value(a.value)}`).join(',')})` : '');
  const directives = (list: readonly DirectiveNode[] | undefined): string => (list ?? []).map((d) => `@${d.name.value}${args(d.arguments)}`).join('');
  const variables = (list: readonly VariableDefinitionNode[] | undefined): string =>
    list?.length
      ? `(${list.map((d) => `$${rename('v', d.variable.name.value)}:${type(d.type)}${d.defaultValue ? `=${value(d.defaultValue)}` : ''}${directives(d.directives)}`).join(',')})`
      : '';
  const selections = (set: SelectionSetNode | undefined): string =>
    set
      ? `{${set.selections
          .map((s) => {
            if (s.kind === Kind.FIELD) return `${s.alias ? `${rename('a', s.alias.value)}:` : ''}${s.name.value}${args(s.arguments)}${directives(s.directives)}${selections(s.selectionSet)}`;
            if (s.kind === Kind.FRAGMENT_SPREAD) return `...${rename('F', s.name.value)}${directives(s.directives)}`;
            return `...${s.typeCondition ? `on ${s.typeCondition.name.value}` : ''}${directives(s.directives)}${selections(s.selectionSet)}`;
          })
          .join(' ')}}`
      : '';
  return document.definitions
    .map((d) => {
      if (d.kind === Kind.OPERATION_DEFINITION) {
        return `${d.operation}${d.name ? ` ${rename('O', d.name.value)}` : ''}${variables(d.variableDefinitions)}${directives(d.directives)}${selections(d.selectionSet)}`;
      }
      if (d.kind === Kind.FRAGMENT_DEFINITION) {
        return `fragment ${rename('F', d.name.value)} on ${d.typeCondition.name.value}${directives(d.directives)}${selections(d.selectionSet)}`;
      }
      return d.kind; // executable documents hold nothing else; validation refuses the rest first
    })
    .join('\n');
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
 * most `size` entries, oldest dropped first. A hit costs one SHA-256 of the text instead of a walk
 * and an HMAC (bench/lookupGate.ts). Before that, by the DocumentNode itself (a WeakMap): Apollo
 * hands every request of a text it has seen the one parsed document from its cache, and the
 * fingerprint is a function of the document alone, so such a request skips the SHA-256 too (it was
 * ~0.5% of the hub's CPU). The WeakMap keeps only fingerprints, and a document no longer than Apollo does.
 */
export function cachedDocumentFingerprint(key: Buffer, size = 512): (source: string | undefined, document: DocumentNode) => string {
  const recent = new Map<string, string>();
  const byDocument = new WeakMap<DocumentNode, string>();
  const bySource = (source: string, document: DocumentNode): string => {
    const id = createHash('sha256').update(source, 'utf8').digest('base64');
    let fingerprint = recent.get(id);
    if (fingerprint === undefined) {
      fingerprint = documentFingerprint(key, document);
      if (recent.size >= size) recent.delete(recent.keys().next().value!);
      recent.set(id, fingerprint);
    }
    return fingerprint;
  };
  return (source, document) => {
    const known = byDocument.get(document);
    if (known !== undefined) return known;
    const fingerprint = source === undefined ? documentFingerprint(key, document) : bySource(source, document);
    byDocument.set(document, fingerprint);
    return fingerprint;
  };
}
