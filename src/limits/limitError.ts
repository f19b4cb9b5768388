import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

/**
 * Codes of the errors that refuse a whole request for asking too much. When one of them is in a
 * response it is the only error left there: one error for a flood, whatever else the flood broke.
 */
export const LIMIT_CODES: ReadonlySet<string> = new Set([
  'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COSTLY', 'TOO_MANY_FILES', 'QUERY_TOO_LARGE',
]);

/**
 * Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED; a limit's validation rule puts
 * its own code here too, and the limits plugin restores it before the response is formatted.
 */
export const LIMIT_CODE_EXTENSION = 'limitCode';

/**
 * A coded error that refuses the request before any resolver runs, answered with `status` (and
 * `Retry-After` when given, in whole seconds). Messages name the limit, never a type or field.
 */
export function limitError(code: string, message: string, status = 400, retryAfterSeconds?: number): GraphQLError {
  const headers = new HeaderMap();
  if (retryAfterSeconds !== undefined) headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}
