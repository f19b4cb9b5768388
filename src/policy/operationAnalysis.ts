import {
  DocumentNode, FragmentDefinitionNode, getVariableValues, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode,
} from 'graphql';

/**
 * What the pre-execution checks (query limits, purpose check, look-up gate) need to know about a
 * request's document, worked out once and shared: its fragments by name and each operation's root
 * fields (per parsed document, which Apollo caches across requests), and the operation's variables
 * coerced to their types (per request). Pure reads of the document; nothing here decides.
 */

interface DocumentFacts {
  fragments: Record<string, FragmentDefinitionNode>;
  roots: WeakMap<OperationDefinitionNode, ReadonlySet<string>>;
}

const byDocument = new WeakMap<DocumentNode, DocumentFacts>();

function factsOf(document: DocumentNode): DocumentFacts {
  let facts = byDocument.get(document);
  if (!facts) {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    facts = { fragments, roots: new WeakMap() };
    byDocument.set(document, facts);
  }
  return facts;
}

/** The document's fragment definitions by name. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  return factsOf(document).fragments;
}

/** Names of the root fields an operation selects, through fragments too. */
export function rootFieldNames(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) names.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value) && fragments[sel.name.value]) {
        seen.add(sel.name.value);
        walk(fragments[sel.name.value].selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

/** The root fields `operation` (one of `document`'s) selects, computed once per document. */
export function rootFieldsOf(document: DocumentNode, operation: OperationDefinitionNode): ReadonlySet<string> {
  const facts = factsOf(document);
  let roots = facts.roots.get(operation);
  if (!roots) {
    roots = rootFieldNames(operation, facts.fragments);
    facts.roots.set(operation, roots);
  }
  return roots;
}

interface Coercion {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  coerced: Record<string, unknown> | null;
}

const byVariables = new WeakMap<object, Coercion>();

/**
 * The request's variables coerced to the operation's declared types, or null when they cannot be
 * (execution then reports them with its own error and runs no resolver). Computed once per request
 * (keyed by the request's variables object) for all the checks that need them.
 */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const cached = variables ? byVariables.get(variables) : undefined;
  if (cached && cached.schema === schema && cached.operation === operation) return cached.coerced;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  const coerced = 'coerced' in result && result.coerced ? result.coerced : null;
  if (variables) byVariables.set(variables, { schema, operation, coerced });
  return coerced;
}
