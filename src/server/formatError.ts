import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, ErrorCode } from '../errors';
import { redactIdentifiers } from '../identity/identifierShapes';
import { logger } from '../logger';

/**
 * Shapes every error a client sees. Coded `AppError`s keep their code and safe message; errors
 * GraphQL itself raised (validation, bad variables) keep theirs; anything else (a bug, a driver
 * error) is logged and replaced by INTERNAL_SERVER_ERROR with a generic message, so no stack
 * trace, SQL text or personal data leaves the server. Messages graphql-js wrote (they may quote a
 * literal the client sent) are scrubbed of anything shaped like an ID, phone or card number, and
 * of Han text (a quoted name).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // A refusal raised while checking the operation arrives as a GraphQLError wrapping the AppError.
  const original = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError ? unwrapped.originalError : unwrapped;
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
    return { message: redactIdentifiers(formatted.message, { han: true }), locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  logger.error({ err: { name: (original as Error)?.name, message: redactIdentifiers(String((original as Error)?.message)) }, path: formatted.path }, 'unexpected error');
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode } };
}
