import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { isPurpose, PURPOSES_NEEDING_CASE_NUMBER } from '../auth/vocabulary';
import type { Context } from '../schema/context';
import type { Access } from './access';
import type { PolicyEngine } from './policyEngine';

/**
 * Case numbers are short printable identifiers with at least one letter (so an ID number, or any
 * 15+ digit run, can never pass as one and be written to the access log).
 */
const CASE_NUMBER = /^(?=.*[A-Za-z])(?!.*\d{15})[A-Za-z0-9][A-Za-z0-9_\-/]{2,63}$/;

function refuse(code: string, message: string, status: number): never {
  throw new GraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * Checks the declared purpose of a request that reads resident data and returns it: it must be
 * present, one of the fixed purposes, granted to the principal, and CASE_INVESTIGATION needs a
 * case number. Throws a coded error otherwise (no resident data is then returned at all).
 */
export function checkPurpose(access: Access) {
  const { declaredPurpose, principal, caseNumber } = access;
  if (!declaredPurpose) refuse('PURPOSE_REQUIRED', 'Declare the purpose of this request in the x-purpose header.', 400);
  if (!isPurpose(declaredPurpose)) refuse('UNKNOWN_PURPOSE', 'The x-purpose header names no known purpose.', 400);
  if (!principal.purposes.includes(declaredPurpose)) refuse('PURPOSE_NOT_GRANTED', 'Your role is not granted this purpose.', 403);
  if (PURPOSES_NEEDING_CASE_NUMBER.has(declaredPurpose) && !(caseNumber && CASE_NUMBER.test(caseNumber))) {
    refuse('CASE_NUMBER_REQUIRED', 'This purpose needs a case number in the x-case-number header.', 400);
  }
  return declaredPurpose;
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

/**
 * Apollo plugin: once the operation is known, an operation that selects a resident-data root
 * field must pass `checkPurpose`; then the request's field decisions are set from the policy
 * engine. Until then every declared field is denied.
 */
export function purposeCheckPlugin(engine: PolicyEngine, residentRootFields: ReadonlySet<string>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
          const roots = rootFieldNames(operation, fragments);
          if (![...roots].some((f) => residentRootFields.has(f))) return;
          contextValue.audit.touchesResidentData = true;
          const access = contextValue.access;
          const purpose = checkPurpose(access);
          access.purpose = purpose;
          access.decisions = engine.decisionsFor(access.principal.role, purpose);
        },
      };
    },
  };
}
