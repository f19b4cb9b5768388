import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

function fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: FieldNode[], seen: Set<string>): void {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) fieldsOf(sel.selectionSet, info, out, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      fieldsOf(info.fragments[sel.name.value]?.selectionSet, info, out, seen);
    }
  }
}

/** What a connection query selects: whether it asks for edges at all, and which fields of the nodes. */
export interface ConnectionSelection {
  edges: boolean;
  nodeFields: Set<string>;
  /** The fields selected under the nodes' own `tags` (not their members'). */
  tagFields: Set<string>;
}

/**
 * Reads a connection field's selection (`edges { node { … } }`) through fragments and aliases.
 * Lets a search skip building nodes nobody asked for, and start loading what its page will need in
 * the same wave as its hub ids instead of one wave later; it never loads what was not asked for.
 */
export function connectionSelection(info: GraphQLResolveInfo): ConnectionSelection {
  const level = (nodes: readonly FieldNode[], name: string): FieldNode[] => {
    const out: FieldNode[] = [];
    for (const n of nodes) fieldsOf(n.selectionSet, info, out, new Set());
    return out.filter((f) => f.name.value === name);
  };
  const edges = level(info.fieldNodes, 'edges');
  const fields: FieldNode[] = [];
  for (const n of level(edges, 'node')) fieldsOf(n.selectionSet, info, fields, new Set());
  const tagFields: FieldNode[] = [];
  for (const f of fields) if (f.name.value === 'tags') fieldsOf(f.selectionSet, info, tagFields, new Set());
  return { edges: edges.length > 0, nodeFields: new Set(fields.map((f) => f.name.value)), tagFields: new Set(tagFields.map((f) => f.name.value)) };
}
