import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../errors';
import { logger, scrubIdNumbers } from '../logger';

/**
 * Shapes every error a client sees. Coded `AppError`s keep their code and safe message; errors
 * GraphQL itself raised (validation, bad variables) keep theirs; anything else (a bug, a driver
 * error) is logged and replaced by INTERNAL_SERVER_ERROR with a generic message, so no stack
 * trace, SQL text or personal data leaves the server. Messages are scrubbed of ID numbers.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { ...original.details, code: original.code },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { message: scrubIdNumbers(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  logger.error({ err: { name: (original as Error)?.name, message: scrubIdNumbers(String((original as Error)?.message)) }, path: formatted.path }, 'unexpected error');
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
