import { looksLikeIdentifier } from '../identity/identifierShapes';

/** Longest operation name the access log keeps. */
export const MAX_OPERATION_NAME = 64;

/**
 * Why an operation name may not be written to the access log, or null when it may. An operation
 * name is client text that would be kept for ever, so one shaped like an ID, phone or card number
 * (`q110101194909222648`, `get_138_1234_5678`) is refused rather than stored or rewritten.
 */
export function operationNameProblem(name: string | null | undefined): 'TOO_LONG' | 'IDENTIFIER' | null {
  if (!name) return null;
  if (name.length > MAX_OPERATION_NAME) return 'TOO_LONG';
  return looksLikeIdentifier(name) ? 'IDENTIFIER' : null;
}
