import {
  DocumentNode, FieldNode, getArgumentValues, getNamedType, GraphQLField, GraphQLInputType,
  GraphQLNamedType, GraphQLSchema, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, Kind,
  OperationDefinitionNode, SelectionSetNode,
} from 'graphql';
import { LOOKUP_ONLY_PURPOSES } from '../auth/vocabulary';
import { RefusedError } from '../errors';
import type { Access } from './access';
import { IDENTIFIER_ARGUMENTS, IdentifierArgument } from './identifierArguments';
import { mayMatchBy } from './matchingArguments';
import { coercedVariables, fragmentsOf } from './operationAnalysis';
import { fieldsTakingIdentifiers, lookupRootFields, typesReachingFiles } from './lookupSchema';

const BY_COORDINATE = new Map(IDENTIFIER_ARGUMENTS.map((a) => [a.coordinate, a]));
const WHAT: Record<IdentifierArgument['kind'], string> = { ID_NUMBER: 'a full ID number', PHONE: 'a full phone number' };

/** Registered identifier input fields present (not null) in a coerced input value. */
function inputLookups(type: GraphQLInputType, value: unknown, path: string, out: Array<{ lookup: IdentifierArgument; argument: string }>): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return inputLookups(type.ofType, value, path, out);
  if (isListType(type)) {
    if (Array.isArray(value)) for (const item of value) inputLookups(type.ofType, item, path, out);
    return;
  }
  if (!isInputObjectType(type) || typeof value !== 'object') return;
  for (const field of Object.values(type.getFields())) {
    const fieldValue = (value as Record<string, unknown>)[field.name];
    if (fieldValue === null || fieldValue === undefined) continue;
    const lookup = BY_COORDINATE.get(`${type.name}.${field.name}`);
    if (lookup) out.push({ lookup, argument: `${path}.${field.name}` });
    inputLookups(field.type, fieldValue, `${path}.${field.name}`, out);
  }
}

/** Whether any field selected in the operation or the document's fragments has one of `names`. */
function selectsAny(document: DocumentNode, operation: OperationDefinitionNode, names: Set<string>): boolean {
  const walk = (set: SelectionSetNode | undefined): boolean =>
    !!set && set.selections.some((sel) => (sel.kind === Kind.FIELD ? names.has(sel.name.value) || walk(sel.selectionSet) : sel.kind === Kind.INLINE_FRAGMENT && walk(sel.selectionSet)));
  return walk(operation.selectionSet) || document.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && walk(d.selectionSet));
}

/**
 * The pre-execution check of look-ups by identifier (issue 11, "no lookup oracles"). Walks the
 * operation (through fragments and under every alias) with its variables and refuses the whole
 * request, before anything is read, when:
 *  - it looks residents up by a full identifier (IDENTIFIER_ARGUMENTS) the caller may not read in
 *    full for the declared purpose — the request's decision for that field is not ALLOW:
 *    FILTER_NOT_PERMITTED, once for the request however many aliases ask;
 *  - the purpose is lookup-only (ID_VERIFICATION) and the operation does anything but such a
 *    look-up, or follows a link from the looked-up person to any field that leads to another
 *    file: PURPOSE_NOT_APPLICABLE.
 * Variables that cannot be coerced are left to execution, which then runs no resolver.
 * `access.purpose` and `access.decisions` must already be set. Returns how many look-ups by a
 * full identifier the request makes (each alias counts), for the miss budget.
 */
export function checkLookups(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, access: Access): number {
  const lookupOnly = access.purpose !== null && LOOKUP_ONLY_PURPOSES.has(access.purpose);
  const takesIdentifiers = selectsAny(document, operation, fieldsTakingIdentifiers(schema));
  if (!takesIdentifiers && !lookupOnly) return 0;
  const variableValues = takesIdentifiers ? coercedVariables(schema, operation, variables) : null;
  const roots = lookupOnly ? lookupRootFields(schema) : new Set<string>();
  const fileTypes = lookupOnly ? typesReachingFiles(schema) : new Set<string>();
  // The operation's own root: a mutation's or subscription's fields are walked like a query's (issue 11 noted
  // the walk began at Query whatever the operation, so no write was ever seen by the gate).
  const queryType = schema.getQueryType()!;
  const rootType = (operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : queryType) ?? undefined;
  const names = fieldsTakingIdentifiers(schema);
  const used: Array<{ lookup: IdentifierArgument; argument: string }> = [];
  let notApplicable = false;
  const fragments = fragmentsOf(document);
  const seen = new Set<string>();

  const argumentsOf = (parent: GraphQLNamedType, def: GraphQLField<unknown, unknown>, node: FieldNode) => {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(def, node, variableValues!);
    } catch {
      return; // execution refuses this field's arguments the same way; no resolver runs
    }
    for (const arg of def.args) {
      const value = values[arg.name];
      if (value === null || value === undefined) continue;
      const lookup = BY_COORDINATE.get(`${parent.name}.${def.name}(${arg.name}:)`);
      if (lookup) used.push({ lookup, argument: arg.name });
      inputLookups(arg.type, value, arg.name, used);
    }
  };
  // A walk of the selections with their parent types (what TypeInfo does, at a fraction of its cost).
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): void => {
    if (!parent) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__typename' || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const def = parent.getFields()[sel.name.value];
        if (!def) continue;
        // A lookup-only purpose reads: its root fields are the Query's look-ups, and no write or subscription is one.
        if (lookupOnly && (parent === rootType ? parent !== queryType || !roots.has(def.name) : fileTypes.has(getNamedType(def.type).name))) notApplicable = true;
        if (variableValues && names.has(def.name) && def.args.length) argumentsOf(parent, def, sel);
        if (sel.selectionSet) walk(sel.selectionSet, getNamedType(def.type));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent);
      } else if (!seen.has(sel.name.value) && fragments[sel.name.value]) {
        seen.add(sel.name.value);
        const fragment = fragments[sel.name.value];
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  walk(operation.selectionSet, rootType);

  if (notApplicable) {
    throw new RefusedError('PURPOSE_NOT_APPLICABLE', `${access.purpose} covers a look-up by ID number and the looked-up person's own fields only.`, 403);
  }
  const refused = used.find(({ lookup }) => !mayMatchBy(access, lookup.field));
  if (refused) {
    throw new RefusedError('FILTER_NOT_PERMITTED', `Your role may not look residents up by ${WHAT[refused.lookup.kind]} for the declared purpose.`, 403, {
      argument: refused.argument,
    });
  }
  return used.length;
}
