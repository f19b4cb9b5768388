import type { RecordSubject } from '../audit/disclosureRecorder';
import type { RequestAudit } from '../audit/requestAudit';
import type { Decision } from './declaration';

/**
 * The one module that writes the request's disclosure record (audit/disclosureRecorder.ts), which
 * the access record is built from. Its writers: the field policy (applyPolicy.ts: each declared
 * value resolved, failed or passed through as a section), the search (what a filter disclosed
 * about every result it matched) and the look-ups by id (ids that found nothing, for the miss
 * budget). test/onePolicyPath.test.ts checks that nothing else writes the recorder.
 */

/**
 * The policy's decision for one declared field of one person or household (`subject`), or of an
 * aggregate about no single resident (`null`: not attributed; see policy/subjects.ts).
 */
export function recordDecision(audit: RequestAudit, subject: RecordSubject | null, key: string, decision: Decision): void {
  audit.recorder.record(subject, key, decision);
}

/** The field's source failed, or the request ran out of time: nothing of it was returned. */
export function recordFailure(audit: RequestAudit, subject: RecordSubject | null, key: string, department: string): void {
  audit.recorder.fail(subject, key, department);
}

/** A section (an object field resolved without a source call) was passed through. */
export function recordSection(audit: RequestAudit, subject: RecordSubject | null, key: string, department: string): void {
  audit.recorder.container(subject, key, department);
}

/**
 * A search filter tells the caller each result matched it, whatever fields they select: the
 * filter's fields are disclosed (ALLOW: a filter is accepted only where its field is ALLOWed, see
 * matchingArguments.ts) for every result.
 */
export function recordFilterMatches(audit: RequestAudit, results: readonly RecordSubject[], keys: readonly string[]): void {
  for (const result of results) for (const key of keys) audit.recorder.record(result, key, 'ALLOW');
}

/** Counts ids the caller asked for that came back empty (missing, or out of scope); returns the results. */
export function recordMisses<T>(audit: RequestAudit, results: T[]): T[] {
  for (const r of results) if (r === null) audit.recorder.misses += 1;
  return results;
}

/**
 * A verification (issue 18) tells the caller each claim's yes/no, in its answer and in its signed
 * statement, whatever fields they select: every claim asked (ALLOWed, or the call was refused
 * before anything was read) is disclosed about the resident.
 */
export function recordClaimAnswers(audit: RequestAudit, subject: RecordSubject, keys: readonly string[]): void {
  for (const key of keys) audit.recorder.record(subject, key, 'ALLOW');
}
