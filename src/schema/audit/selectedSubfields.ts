import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected at `path` below the field being resolved (through fragments
 * and inline fragments, every alias of a field merged), or null when the path is not selected at
 * all; `[]` is the field's own selection. Lets a resolver skip reading what nobody asked for, or
 * start in its own wave a read its descendants will need.
 */
export function selectedAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> | null {
  const fieldsOf = (set: SelectionSetNode | undefined, out: FieldNode[]) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') out.push(s);
      else if (s.kind === 'InlineFragment') fieldsOf(s.selectionSet, out);
      else fieldsOf(info.fragments[s.name.value]?.selectionSet, out);
    }
  };
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    const below: FieldNode[] = [];
    for (const node of level) fieldsOf(node.selectionSet, below);
    level = below.filter((f) => f.name.value === name);
    if (level.length === 0) return null;
  }
  const fields: FieldNode[] = [];
  for (const node of level) fieldsOf(node.selectionSet, fields);
  return new Set(fields.map((f) => f.name.value));
}

/** The names of the fields selected under `field` of the field being resolved, or null when `field` is not selected. */
export function selectedSubfields(info: GraphQLResolveInfo, field: string): Set<string> | null {
  return selectedAt(info, [field]);
}
