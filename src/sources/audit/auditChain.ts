import type { Knex } from 'knex';
import { ChainState, ChainVerification, readChainState, verifyAndRecord } from '../../audit/chainVerification';
import { AppError, SourceUnavailableError } from '../../errors';
import { logger } from '../../logger';
import { cancellableRead } from './cancellableRead';

/**
 * The access log's chain for auditors: its state, read on the audit-read pool (`readDb`), and a
 * verification run on that pool whose outcome is recorded on the serving pool (`writeDb`).
 * Database failures surface as SOURCE_UNAVAILABLE ("access log").
 */
export function createAuditChain(readDb: Knex, writeDb: Knex, signal?: AbortSignal) {
  return {
    state: (): Promise<ChainState> => cancellableRead(readDb, signal, (trx) => readChainState(trx)),
    verify: async (subject: string): Promise<ChainVerification> => {
      try {
        return await verifyAndRecord(readDb, writeDb, subject);
      } catch (err) {
        if (err instanceof AppError) throw err;
        logger.error({ source: 'access log', err: { code: (err as { code?: string }).code } }, 'access log verification failed');
        throw new SourceUnavailableError('access log', err);
      }
    },
  };
}
