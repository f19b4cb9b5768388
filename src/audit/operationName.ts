import { looksLikeIdentifier } from '../identity/identifierShapes';

/** Longest operation name the access log keeps. */
export const MAX_OPERATION_NAME = 64;

/** How many accepted names are remembered before the memory is cleared and refilled. */
export const ACCEPTED_NAMES_KEPT = 500;

/**
 * Operation names already found acceptable (not identifier-shaped, not too long): every request is
 * checked twice (the purpose check and its access record) and clients send the same few names, so the
 * shape scan (~0.7% of the hub's CPU when repeated) runs once per name. Only accepted names are kept —
 * a refused name is client text shaped like an ID or phone number and is never held in memory — and
 * at most ACCEPTED_NAMES_KEPT of them, cleared when full (ever new names cost the scan, not memory).
 */
const acceptedNames = new Set<string>();

/** Whether `name` is remembered as accepted (for tests: a refused name never is). */
export function isRememberedAsAccepted(name: string): boolean {
  return acceptedNames.has(name);
}

/**
 * Why an operation name may not be written to the access log, or null when it may. An operation
 * name is client text that would be kept for ever, so one shaped like an ID, phone or card number
 * (`q110101194909222648`, `get_138_1234_5678`) is refused rather than stored or rewritten.
 */
export function operationNameProblem(name: string | null | undefined): 'TOO_LONG' | 'IDENTIFIER' | null {
  if (!name) return null;
  if (name.length > MAX_OPERATION_NAME) return 'TOO_LONG';
  if (acceptedNames.has(name)) return null;
  if (looksLikeIdentifier(name)) return 'IDENTIFIER';
  if (acceptedNames.size >= ACCEPTED_NAMES_KEPT) acceptedNames.clear();
  acceptedNames.add(name);
  return null;
}
