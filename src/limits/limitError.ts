import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { codesOf, ERROR_CATALOGUE, ErrorCode } from '../errors';

/**
 * Codes of the errors that refuse a whole request for asking too much. When one of them is in a
 * response it is the only error left there: one error for a flood, whatever else the flood broke.
 * They are the catalogue's `limit` group that refuse (TOO_MANY_ERRORS only reports errors left out).
 */
export const LIMIT_CODES: ReadonlySet<string> = new Set(codesOf('limit').filter((code) => ERROR_CATALOGUE[code].status !== null));

/**
 * Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED; a limit's validation rule puts
 * its own code here too, and the limits plugin restores it before the response is formatted.
 */
export const LIMIT_CODE_EXTENSION = 'limitCode';

/**
 * A coded error that refuses the request before any resolver runs, answered with `status` (and
 * `Retry-After` when given, in whole seconds). Messages name the limit, never a type or field.
 */
export function limitError(code: ErrorCode, message: string, status = 400, retryAfterSeconds?: number): GraphQLError {
  const headers = new HeaderMap();
  if (retryAfterSeconds !== undefined) headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}
