import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLSchema,
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
  // A fragment's cost per object it is spread on, computed once: a chain of fragments that each
  // spread the next many times costs a walk of the document, not of the tree it stands for.
  const perFragment = new Map<string, QueryCost>();

  /** The cost of `set` asked of one `parent` object. */
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType): QueryCost => {
    const total: QueryCost = { cost: 0, files: 0 };
    const add = (part: QueryCost, times = 1) => {
      total.cost += times * part.cost;
      total.files += times * part.files;
    };
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        add(walk(sel.selectionSet, t && isCompositeType(t) ? t : parent));
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const name = sel.name.value;
        const fragment = fragments[name];
        if (!fragment) continue;
        if (!perFragment.has(name)) {
          perFragment.set(name, { cost: 0, files: 0 }); // validated documents have no cycles; this guards anyway
          const t = schema.getType(fragment.typeCondition.name.value);
          perFragment.set(name, walk(fragment.selectionSet, t && isCompositeType(t) ? t : parent));
        }
        add(perFragment.get(name)!);
        continue;
      }
      total.cost += 1;
      if (!sel.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const def = parent.getFields()[sel.name.value];
      if (!def) continue;
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(def, sel, variables);
      } catch {
        args = {};
      }
      const named = getNamedType(def.type);
      if (!isCompositeType(named)) continue;
      const n = fanOut(sel, args, isListType(getNullableType(def.type)));
      if (isFile(named)) total.files += n;
      add(walk(sel.selectionSet, named), n);
    }
    return total;
  };
  const root = schema.getRootType(operation.operation);
  return root ? walk(operation.selectionSet, root) : { cost: 0, files: 0 };
}
