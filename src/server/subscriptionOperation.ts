import { DocumentNode, getOperationAST, GraphQLError, GraphQLSchema, OperationDefinitionNode, parse, specifiedRules, validate, ValidationRule } from 'graphql';
import type { ErrorCode } from '../errors';
import { armorProtection } from '../limits/armor';
import { LIMIT_CODE_EXTENSION } from '../limits/limitError';
import type { QueryLimits } from '../limits/limitSettings';
import { textInputAcceptable } from '../limits/textInput';
import { MAX_QUERY_CHARS } from './graphqlRequest';

/** A coded error for a WebSocket operation, shaped like the HTTP path's. */
export function codedError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export interface CheckedSubscription {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** What a graphql-ws `subscribe` message carries. */
export interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * The checks an operation sent over WebSocket passes before it runs — the HTTP path's, since
 * Apollo's plugins do not run here: the query's length and tokens, valid text, the schema's
 * validation with graphql-armor's depth, alias and directive limits, one operation picked, and that
 * operation a **subscription**. Queries and mutations are refused (OPERATION_NOT_SUPPORTED): over
 * WebSocket no purpose check or access record would see them, so resident data is read by HTTP only.
 * Returns the checked operation, or the coded errors to answer with.
 */
export function subscriptionChecker(schema: GraphQLSchema, limits: QueryLimits): (payload: SubscribePayload) => CheckedSubscription | GraphQLError[] {
  const rules: ValidationRule[] = [...specifiedRules, ...armorProtection(limits).validationRules];
  return (payload) => {
    if (typeof payload.query !== 'string' || payload.query.length > MAX_QUERY_CHARS) return [codedError('QUERY_TOO_LARGE', `The query is longer than ${MAX_QUERY_CHARS} characters.`)];
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: limits.maxTokens });
    } catch (err) {
      const tooMany = err instanceof GraphQLError && /tokens/i.test(err.message);
      return [tooMany ? codedError('QUERY_TOO_LARGE', `The query has more than ${limits.maxTokens} tokens.`) : codedError('GRAPHQL_PARSE_FAILED', 'The query is not valid GraphQL syntax.')];
    }
    if (!textInputAcceptable(document, payload.variables)) return [codedError('INVALID_TEXT', 'Text arguments must be valid UTF-8 without NUL characters.')];
    const invalid = validate(schema, document, rules);
    if (invalid.length) {
      return invalid.map((e) => {
        const limit = e.extensions?.[LIMIT_CODE_EXTENSION];
        return typeof limit === 'string' ? codedError(limit as ErrorCode, e.message) : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      });
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) return [codedError('OPERATION_RESOLUTION_FAILURE', 'The document has several operations and operationName does not pick one.')];
    if (operation.operation !== 'subscription') {
      return [codedError('OPERATION_NOT_SUPPORTED', `Over WebSocket the hub serves subscriptions only; send ${operation.operation} operations by HTTP POST to /graphql.`)];
    }
    return { document, operation };
  };
}
