import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { operationNameProblem } from '../audit/operationName';
import { isPurpose, PURPOSES_NEEDING_CASE_NUMBER } from '../auth/vocabulary';
import { RefusedError } from '../errors';
import type { Context } from '../schema/context';
import type { Access } from './access';
import { caseNumberProblem, DEFAULT_CASE_NUMBER_PATTERN } from './caseNumber';
import { checkClaimsPurpose } from './claimsPurposeGate';
import { checkLookups } from './lookupGate';
import { rootFieldsOf } from './operationAnalysis';
import type { PolicyEngine } from './policyEngine';

/**
 * Checks the declared purpose of a request that reads resident data and returns it: it must be
 * present, one of the fixed purposes, granted to the principal, and CASE_INVESTIGATION needs a
 * case number of the configured format that is not shaped like an ID number, phone number or
 * name (see policy/caseNumber.ts). Throws a RefusedError otherwise (no resident data is then
 * returned at all); its message never repeats the header's value.
 */
export function checkPurpose(access: Access, caseNumberPattern: RegExp = DEFAULT_CASE_NUMBER_PATTERN) {
  const { declaredPurpose, principal, caseNumber } = access;
  if (!declaredPurpose) throw new RefusedError('PURPOSE_REQUIRED', 'Declare the purpose of this request in the x-purpose header.', 400);
  if (!isPurpose(declaredPurpose)) throw new RefusedError('UNKNOWN_PURPOSE', 'The x-purpose header names no known purpose.', 400);
  if (!principal.purposes.includes(declaredPurpose)) throw new RefusedError('PURPOSE_NOT_GRANTED', 'Your role is not granted this purpose.', 403);
  if (PURPOSES_NEEDING_CASE_NUMBER.has(declaredPurpose)) {
    const problem = caseNumberProblem(caseNumber, caseNumberPattern);
    if (problem === 'MISSING') throw new RefusedError('CASE_NUMBER_REQUIRED', 'This purpose needs a case number in the x-case-number header.', 400);
    if (problem) {
      throw new RefusedError('INVALID_CASE_NUMBER', 'The x-case-number header is not a case number of the configured format (e.g. XS-2026-0042).', 400, {
        header: 'x-case-number',
        problem,
      });
    }
  }
  return declaredPurpose;
}

/** A refusal as the GraphQL error Apollo answers with (its HTTP status in `extensions.http`). */
function asGraphQLError(err: RefusedError): GraphQLError {
  return new GraphQLError(err.message, { originalError: err, extensions: { ...err.details, code: err.code, http: { status: err.status } } });
}

export interface PurposeCheckOptions {
  /** The case-number format (CASE_NUMBER_PATTERN); default DEFAULT_CASE_NUMBER_PATTERN. */
  caseNumberPattern?: RegExp;
}

/**
 * Apollo plugin: once the operation is known, an operation that selects a resident-data root
 * field must pass `checkPurpose`, carry an operation name that may be logged, and look residents
 * up only by identifiers the caller may read (`checkLookups`), and keep claims-only purposes to
 * `verify` (`checkClaimsPurpose`); then the request's field decisions
 * are set from the policy engine. Until then every declared field is denied. A refusal is noted
 * on the request's audit state, so the access record says REFUSED and why.
 */
export function purposeCheckPlugin(engine: PolicyEngine, residentRootFields: ReadonlySet<string>, options: PurposeCheckOptions = {}): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, schema, request }) {
          if (!operation) return;
          const roots = rootFieldsOf(document, operation);
          if (![...roots].some((f) => residentRootFields.has(f))) return;
          contextValue.audit.touchesResidentData = true;
          const access = contextValue.access;
          try {
            const purpose = checkPurpose(access, options.caseNumberPattern);
            const nameProblem = operationNameProblem(operation.name?.value);
            if (nameProblem) {
              throw new RefusedError('INVALID_OPERATION_NAME', 'The operation name cannot be written to the access log: use a plain name without numbers shaped like identifiers, at most 64 characters.', 400, { problem: nameProblem });
            }
            checkClaimsPurpose(purpose, [...roots].filter((f) => residentRootFields.has(f)));
            const decisions = engine.decisionsFor(access.principal.role, purpose);
            contextValue.audit.identifierLookups = checkLookups(schema, document, operation, request.variables, { ...access, purpose, decisions });
            access.purpose = purpose;
            access.decisions = decisions;
          } catch (err) {
            if (!(err instanceof RefusedError)) throw err;
            contextValue.audit.refusal ??= err.code; // a query limit checked first keeps its code
            throw asGraphQLError(err);
          }
        },
      };
    },
  };
}
