import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { isPurpose } from '../auth/vocabulary';
import type { Context } from '../schema/context';
import type { AccessRecord } from './accessRecord';
import { operationNameProblem } from './operationName';
import type { WriteAudit } from './requestAudit';

type Fingerprint = (source: string | undefined, document: DocumentNode) => string;

/** What a request's records share, read or write: who, why, which operation, how long so far. */
export function requestFacts(
  rc: { contextValue: Context; operationName?: string | null; source?: string; document?: DocumentNode },
  fingerprint: Fingerprint,
): Omit<AccessRecord, 'outcome' | 'residents' | 'households' | 'misses' | 'disclosures' | 'decisions'> {
  const { access, audit, requestId } = rc.contextValue;
  const { principal } = access;
  return {
    occurredAt: new Date().toISOString(),
    requestId,
    subject: principal.subject,
    role: principal.role,
    department: principal.department,
    clientApp: principal.clientApp,
    // Only values from fixed vocabularies or checked shapes: a header or operation name is client
    // text and could carry an ID number into a record that can never be removed.
    purpose: access.purpose ?? (access.declaredPurpose === null ? null : isPurpose(access.declaredPurpose) ? access.declaredPurpose : 'UNKNOWN'),
    // The reference a bound purpose names: CASE_INVESTIGATION's checked case number, SERVICE_APPLICATION's service
    // item (a catalogue code), TICKET_HANDLING's ticket (an opaque id).
    caseNumber: access.purpose === 'CASE_INVESTIGATION' ? access.caseNumber : access.purpose === 'SERVICE_APPLICATION' ? audit.serviceItem ?? null : access.purpose === 'TICKET_HANDLING' ? access.boundTicket ?? null : null,
    operationName: rc.operationName && !operationNameProblem(rc.operationName) ? rc.operationName : null,
    documentHash: fingerprint(rc.source, rc.document!),
    durationMs: Math.round(performance.now() - audit.startedAt),
  };
}

/**
 * The access record of a write (issue 16): the writer (the request's principal, the department that
 * owns the record), the purpose, the household and residents it is about, and the fields written,
 * listed under ALLOW for the subjects (the canonical text and the chain are those of any record).
 * No values: never the note, the observations or the members' names.
 */
export function writeRecordOf(rc: GraphQLRequestContextDidResolveOperation<Context>, fingerprint: Fingerprint, write: WriteAudit): AccessRecord {
  return {
    ...requestFacts(rc, fingerprint),
    department: write.department,
    outcome: write.outcome,
    residents: write.residents,
    households: write.households,
    misses: 0,
    disclosures: [{ subjects: [...write.households, ...write.residents], ALLOW: write.fields, MASK: [], DENY: [] }],
    decisions: ['ALLOW'],
  };
}
