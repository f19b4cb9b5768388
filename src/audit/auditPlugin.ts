import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { isPurpose } from '../auth/vocabulary';
import { logger, scrubIdNumbers } from '../logger';
import type { Context } from '../schema/context';
import { AccessRecord, documentHash, Outcome } from './accessRecord';
import type { AuditStore } from './auditStore';

function outcomeOf(rc: GraphQLRequestContextWillSendResponse<Context>): Outcome {
  const { access, audit } = rc.contextValue;
  if (access.purpose === null) return 'REFUSED';
  const body = rc.response.body.kind === 'single' ? rc.response.body.singleResult : undefined;
  const errors = body?.errors ?? [];
  const recorder = audit.recorder;
  if (!body?.data && errors.length) return 'ERROR';
  if (recorder.residents.length === 0 && recorder.householdIds.length === 0) return 'NOTHING_FOUND';
  return recorder.decisions().includes('DENY') ? 'PARTIAL' : 'DISCLOSED';
}

/** Builds the access record of a finished request from its context. No variables, no values. */
export function accessRecordOf(rc: GraphQLRequestContextWillSendResponse<Context>): AccessRecord {
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
    caseNumber: access.purpose === 'CASE_INVESTIGATION' ? access.caseNumber : null,
    operationName: rc.operationName ? scrubIdNumbers(rc.operationName) : null,
    documentHash: documentHash(rc.source ?? ''),
    outcome: outcomeOf(rc),
    durationMs: Math.round(performance.now() - audit.startedAt),
    residents: audit.recorder.residents,
    households: audit.recorder.householdIds,
    misses: audit.recorder.misses,
    disclosures: audit.recorder.groups(),
    decisions: audit.recorder.decisions(),
  };
}

/**
 * Writes one access record for every request that selected resident data, in `willSendResponse`,
 * i.e. before the response leaves. Fail closed: if the record cannot be written, the response is
 * replaced by an AUDIT_UNAVAILABLE error with HTTP 503 and no resident data (as X-Road stops
 * serving when it cannot log).
 */
export function auditPlugin(store: AuditStore): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (!rc.contextValue.audit?.touchesResidentData) return;
          try {
            await store.append(accessRecordOf(rc));
          } catch (err) {
            logger.error({ requestId: rc.contextValue.requestId, code: (err as { code?: string }).code }, 'access record not written: response withheld');
            rc.response.http.status = 503;
            rc.response.body = {
              kind: 'single',
              singleResult: {
                errors: [{ message: 'The access log cannot be written, so no resident data is returned.', extensions: { code: 'AUDIT_UNAVAILABLE' } }],
              },
            };
          }
        },
      };
    },
  };
}
