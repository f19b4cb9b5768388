import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLFormattedError, GraphQLSchema, Kind } from 'graphql';
import { coercedVariables, fragmentsOf, rootFieldsOf } from '../policy/operationAnalysis';
import { ErrorCode, isErrorCode } from '../errors';
import type { Context } from '../schema/context';
import { LIMIT_CODE_EXTENSION, LIMIT_CODES, limitError } from './limitError';
import type { QueryLimits } from './limitSettings';
import { queryCost } from './queryCost';
import { textInputAcceptable } from './textInput';

/** graphql-js 16 says "more that N tokens" (sic); either spelling is matched. */
/** Whether any operation of the document selects a resident-data root field (through fragments too). */
function selectsResidentData(document: DocumentNode, residentRootFields: ReadonlySet<string>): boolean {
  return document.definitions.some((def) =>
    def.kind === Kind.OPERATION_DEFINITION && [...rootFieldsOf(document, def)].some((f) => residentRootFields.has(f)));
}

const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/;

/**
 * Keeps one error for a flood and at most `maxErrors` in all: if a limit refused the request, only
 * that error stays (60 unknown directives give one error, not 61); otherwise the list is cut and
 * ends with a TOO_MANY_ERRORS entry saying how many were left out. Applied to requests refused
 * before execution (no `data`): a response with data keeps every field error, because each denied
 * field's FIELD_DENIED is part of the answer, and their number is bounded by the cost limit.
 */
export function capErrors(errors: readonly GraphQLFormattedError[], maxErrors: number): GraphQLFormattedError[] {
  const limit = errors.find((e) => LIMIT_CODES.has(String(e.extensions?.code)));
  if (limit) return [limit];
  if (errors.length <= maxErrors) return [...errors];
  const kept = errors.slice(0, Math.max(0, maxErrors - 1));
  return [...kept, { message: `${errors.length - kept.length} more errors are not shown.`, extensions: { code: 'TOO_MANY_ERRORS' satisfies ErrorCode } }];
}

/**
 * Apollo plugin: once the operation is known and before any resolver runs, refuses with a coded
 * HTTP 400 a subscription (served over WebSocket only, server/subscriptions.ts) or an operation type the schema does not have, text
 * that is not valid (NUL, lone surrogates) anywhere in the arguments, and an operation whose cost
 * or number of person/household files — computed with its variables — is over the limit. It must
 * be listed before the purpose check and the rate limits: Apollo starts every plugin's
 * `didResolveOperation` together, and a refusal here marks the access record REFUSED with its code.
 */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits, residentRootFields: ReadonlySet<string>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          const refuse = (code: ErrorCode, message: string) => {
            contextValue.audit.refusal = code;
            return limitError(code, message);
          };
          if (!operation) return;
          if (operation.operation === 'subscription' || !schema.getRootType(operation.operation)) {
            throw refuse('OPERATION_NOT_SUPPORTED', 'By HTTP this hub answers queries and mutations; subscribe over WebSocket (graphql-ws) at /graphql.');
          }
          if (!textInputAcceptable(document, request.variables)) {
            throw refuse('INVALID_TEXT', 'Text arguments must be valid UTF-8 without NUL characters.');
          }
          const variables = coercedVariables(schema, operation, request.variables);
          if (!variables) return; // execution reports the bad variables with their own error
          const { cost, files } = queryCost(schema, operation, fragmentsOf(document), variables);
          if (files > limits.maxFiles) throw refuse('TOO_MANY_FILES', `The query asks for more than ${limits.maxFiles} person or household files.`);
          if (cost > limits.maxCost) throw refuse('QUERY_TOO_COSTLY', `The query asks for more than ${limits.maxCost} fields in all.`);
        },
        async didEncounterErrors({ errors, document, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.[LIMIT_CODE_EXTENSION];
            if (isErrorCode(code)) {
              error.extensions.code = code;
              // A flood refused at validation is still an attempt on resident data: on the record.
              if (document && selectsResidentData(document, residentRootFields)) {
                contextValue.audit.touchesResidentData = true;
                contextValue.audit.refusal ??= code;
              }
            }
            // graphql-js's parser stops at maxTokens with a syntax error; say which limit it was.
            else if (TOKEN_LIMIT.test(error.message)) {
              error.message = `The query has more than ${limits.maxTokens} tokens.`;
              error.extensions.code = 'QUERY_TOO_LARGE' satisfies ErrorCode;
            }
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors && result.errors.length > 1 && result.data === undefined) result.errors = capErrors(result.errors, limits.maxErrors);
        },
      };
    },
  };
}
