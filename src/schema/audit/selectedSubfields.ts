import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected under `field` of the field being resolved (through fragments
 * too), or null when `field` is not selected at all. Lets a resolver skip reading what nobody asked for.
 */
export function selectedSubfields(info: GraphQLResolveInfo, field: string): Set<string> | null {
  let found: Set<string> | null = null;
  const collect = (set: SelectionSetNode | undefined, into: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') into.add(s.name.value);
      else if (s.kind === 'InlineFragment') collect(s.selectionSet, into);
      else collect(info.fragments[s.name.value]?.selectionSet, into);
    }
  };
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field' && s.name.value === field) collect(s.selectionSet, (found ??= new Set()));
      else if (s.kind === 'InlineFragment') visit(s.selectionSet);
      else if (s.kind === 'FragmentSpread') visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return found;
}
