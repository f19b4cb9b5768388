import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { isPurpose } from '../auth/vocabulary';
import { errorBody, REFUSAL_CODES } from '../errors';
import { logger } from '../logger';
import type { Context } from '../schema/context';
import { AccessRecord, Outcome, RecordedDecision } from './accessRecord';
import type { AuditStore } from './auditStore';
import { cachedDocumentFingerprint } from './documentFingerprint';
import { requestFacts, writeRecordOf } from './writeRecord';

/** What the request's recorder holds at the end: who was disclosed, and the distinct decisions. */
interface Recorded {
  residents: string[];
  households: string[];
  decisions: RecordedDecision[];
}

/**
 * How the request ended, and the refusal code when it was refused: refused before execution
 * (the purpose check and look-up gate note the code), or by a resolver's own check of its
 * arguments (a search filter the caller may not use) when nothing was disclosed. ABANDONED when
 * the client left before the response was sent (nothing reached it, whatever was resolved);
 * PARTIAL when a field was denied or its source failed; ERROR when every field asked for failed
 * (nothing was found because nothing could be read).
 */
function outcomeOf(rc: GraphQLRequestContextWillSendResponse<Context>, recorded: Recorded): { outcome: Outcome; refusal?: string } {
  const { access, audit, lifetime } = rc.contextValue;
  if (lifetime?.abandoned) return { outcome: 'ABANDONED' };
  if (audit.refusal) return { outcome: 'REFUSED', refusal: audit.refusal };
  if (access.purpose === null) return { outcome: 'REFUSED' };
  const body = rc.response.body.kind === 'single' ? rc.response.body.singleResult : undefined;
  const errors = body?.errors ?? [];
  const { decisions } = recorded;
  const nothingDisclosed = recorded.residents.length === 0 && recorded.households.length === 0;
  const refusal = errors.map((e) => e.extensions?.code).find((c): c is string => typeof c === 'string' && REFUSAL_CODES.has(c));
  if (refusal && nothingDisclosed) return { outcome: 'REFUSED', refusal };
  if (!body?.data && errors.length) return { outcome: 'ERROR' };
  if (nothingDisclosed) return { outcome: decisions.includes('FAILED') ? 'ERROR' : 'NOTHING_FOUND' };
  return { outcome: decisions.includes('DENY') || decisions.includes('FAILED') ? 'PARTIAL' : 'DISCLOSED' };
}

/**
 * Builds the access record of a finished request from its context. No variables, no values: the
 * document only as its keyed, literal-free fingerprint; the operation name only when it is not
 * shaped like an identifier (such requests are refused anyway).
 */
export function accessRecordOf(rc: GraphQLRequestContextWillSendResponse<Context>, fingerprint: (source: string | undefined, document: DocumentNode) => string): AccessRecord {
  const { recorder } = rc.contextValue.audit;
  // Each computed once (sorted, filtered copies of the recorder's sets): the outcome reads them too.
  const recorded: Recorded = { residents: recorder.residents, households: recorder.householdIds, decisions: recorder.decisions() };
  const { outcome, refusal } = outcomeOf(rc, recorded);
  return {
    ...requestFacts(rc, fingerprint),
    outcome,
    ...(refusal ? { refusal } : {}),
    residents: recorded.residents,
    households: recorded.households,
    misses: recorder.misses,
    disclosures: recorder.groups(),
    decisions: recorded.decisions,
  };
}

/**
 * Writes one access record for every request that selected resident data, in `willSendResponse`,
 * i.e. before the response leaves. Fail closed: if the record cannot be written, the response is
 * replaced by an AUDIT_UNAVAILABLE error with HTTP 503 and no resident data (as X-Road stops
 * serving when it cannot log). A request that wrote (issue 16) appended its own record through
 * `audit.appendWrite` before its write committed: that record is the request's, none is added here.
 */
export function auditPlugin(store: AuditStore, documentKey: Buffer): ApolloServerPlugin<Context> {
  const fingerprint = cachedDocumentFingerprint(documentKey);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const audit = rc.contextValue.audit;
          if (!audit) return;
          audit.appendWrite = async (write) => {
            const seq = await store.append(writeRecordOf(rc, fingerprint, write));
            audit.writeRecorded = true;
            return seq;
          };
        },
        async willSendResponse(rc) {
          if (!rc.contextValue.audit?.touchesResidentData || rc.contextValue.audit.writeRecorded) return;
          try {
            const record = accessRecordOf(rc, fingerprint);
            // A verification's answers are kept for the resident when they were disclosed (not for a refused or abandoned call).
            const disclosed = record.outcome === 'DISCLOSED' || record.outcome === 'PARTIAL';
            await store.append(record, disclosed ? rc.contextValue.audit.claimAnswers : undefined);
          } catch (err) {
            logger.error({ requestId: rc.contextValue.requestId, code: (err as { code?: string }).code }, 'access record not written: response withheld');
            rc.response.http.status = 503;
            rc.response.body = {
              kind: 'single',
              singleResult: {
                errors: errorBody('AUDIT_UNAVAILABLE', 'The access log cannot be written, so no resident data is returned.').errors,
              },
            };
          }
        },
      };
    },
  };
}
