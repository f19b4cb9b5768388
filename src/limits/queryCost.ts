import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/** What one operation asks for, with list sizes taken from its arguments and variables. */
export interface QueryCost {
  /** Selected fields, each counted once per object it is asked of. */
  cost: number;
  /** Person and household files (objects of the `Node` types) it may return. */
  files: number;
}

/** Assumed size of a list whose length no argument states (household members, vaccinations...). */
export const UNSTATED_LIST_SIZE = 10;

/** How many objects a field may return per parent: `ids` length, `first`, or the list estimate. */
function fanOut(field: FieldNode, args: Record<string, unknown>, isList: boolean): number {
  if (Array.isArray(args.ids)) return args.ids.length;
  if (typeof args.first === 'number') return Math.max(0, args.first);
  // A connection's edges are as many as its `first`, already counted on the connection field.
  if (!isList || field.name.value === 'edges') return 1;
  return UNSTATED_LIST_SIZE;
}

/**
 * Computes the cost of an already validated operation (so fragments are acyclic and fields exist)
 * with its coerced variable values — unlike graphql-armor's cost rule, which runs before variables
 * are known and so never sees `first: $n` or `ids: $ids`. Aliases of the same field count apart.
 * Never throws: an argument that cannot be read counts as a single object (execution will refuse it).
 */
export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): QueryCost {
  const node = schema.getType('Node');
  const isFile = (t: GraphQLCompositeType) =>
    t === node || (isObjectType(t) && t.getInterfaces().some((i) => i === node));
  const total: QueryCost = { cost: 0, files: 0 };

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, times: number) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        walk(sel.selectionSet, t && isCompositeType(t) ? t : parent, times);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[sel.name.value];
        const t = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment) walk(fragment.selectionSet, t && isCompositeType(t) ? t : parent, times);
        continue;
      }
      total.cost += times;
      if (!sel.selectionSet || isAbstractType(parent) && !isInterfaceType(parent)) continue;
      const def = (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
      if (!def) continue;
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(def, sel, variables);
      } catch {
        args = {};
      }
      const named = getNamedType(def.type);
      if (!isCompositeType(named)) continue;
      const n = times * fanOut(sel, args, isListType(getNullableType(def.type)));
      if (isFile(named)) total.files += n;
      walk(sel.selectionSet, named, n);
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root, 1);
  return total;
}
