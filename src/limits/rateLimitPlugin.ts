import type { ApolloServerPlugin } from '@apollo/server';
import { logger } from '../logger';
import { rateLimited } from '../metrics';
import type { Context } from '../schema/context';
import { limitError } from './limitError';
import type { PrincipalBudgets } from './principalBudgets';

/**
 * Apollo plugin: every operation that touches resident data costs its principal one request of the
 * rate budget, and is refused with HTTP 429, `Retry-After` and RATE_LIMITED once the window's
 * budget is spent; a principal whose lookups came back empty (missing or out of scope) too often in
 * the miss window is refused with MISS_BUDGET_EXCEEDED until it passes. Either refusal is written
 * to the access log as REFUSED with that code as its refusal (the auditor's MISS_BUDGET_EXCEEDED
 * anomaly reads those records) and counted in `onefile_rate_limited_total{limit="requests"|"misses"}`.
 * A request that looks residents up by a full identifier reserves one miss per look-up before it runs
 * (refused when they do not fit), so aliases or concurrent requests cannot probe past the budget; each
 * request's actual misses settle the reservation before its response leaves; a resident-data request refused by a
 * query limit at validation costs one request of the budget too.
 *
 * Must be listed after the purpose check, which marks a request as touching resident data in the
 * synchronous part of its `didResolveOperation` (Apollo starts all plugins' hooks together).
 */
export function rateLimitPlugin(budgets: PrincipalBudgets): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let counted = false;
      let reserved = 0;
      return {
        async didResolveOperation({ contextValue }) {
          if (!contextValue.audit.touchesResidentData) return;
          counted = true;
          const principal = contextValue.access.principal.subject;
          const misses = await budgets.missesLeft(principal);
          // Look-ups by identifier reserve their possible misses now (the oracle the budget stops).
          const reservation = misses.allowed ? await budgets.reserveMisses(principal, contextValue.audit.identifierLookups) : misses;
          if (reservation.allowed) reserved = contextValue.audit.identifierLookups;
          if (!reservation.allowed) {
            contextValue.audit.refusal ??= 'MISS_BUDGET_EXCEEDED';
            rateLimited.inc({ limit: 'misses' });
            throw limitError('MISS_BUDGET_EXCEEDED', 'Too many lookups found nothing; further lookups are refused for a while.', 429, reservation.retryAfterSeconds);
          }
          const rate = await budgets.takeRequest(principal);
          if (!rate.allowed) {
            contextValue.audit.refusal ??= 'RATE_LIMITED';
            rateLimited.inc({ limit: 'requests' });
            throw limitError('RATE_LIMITED', 'Too many requests; try again later.', 429, rate.retryAfterSeconds);
          }
        },
        async willSendResponse({ contextValue }) {
          if (!contextValue.audit?.touchesResidentData) return;
          // A flood refused at validation never reached didResolveOperation: it costs its request all the same.
          if (!counted) await budgets.takeRequest(contextValue.access.principal.subject).catch(() => undefined);
          await budgets.settleMisses(contextValue.access.principal.subject, reserved, contextValue.audit.recorder.misses).catch((err) =>
            logger.warn({ code: (err as { code?: string }).code }, 'misses not counted: rate-limit store failed'));
        },
      };
    },
  };
}
