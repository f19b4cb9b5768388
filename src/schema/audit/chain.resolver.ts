import { Ctx, Query, Resolver } from 'type-graphql';
import type { ChainVerification } from '../../audit/chainVerification';
import type { Context } from '../context';
import { AccessLogChain, AccessLogVerification } from './chain.type';

function toVerification(v: ChainVerification): AccessLogVerification {
  return { ...v, lastSeq: String(v.lastSeq), brokenSeq: v.brokenSeq === null ? null : String(v.brokenSeq) };
}

/**
 * The access log's integrity for auditors (root rules in schema/buildSchema.ts: AUDITOR only):
 * the chain's state, and a verification run on demand. Neither reads resident data.
 */
@Resolver()
export class AccessLogChainResolver {
  @Query(() => AccessLogChain, { nullable: false, description: "The access log chain's head, last signed checkpoint and last verification. Auditors only." })
  async accessLogChain(@Ctx() ctx: Context): Promise<AccessLogChain> {
    const state = await ctx.loaders.auditChain.state();
    return {
      headSeq: String(state.headSeq),
      headHash: state.headHash,
      lastCheckpoint: state.lastCheckpoint ? { ...state.lastCheckpoint, seq: String(state.lastCheckpoint.seq) } : null,
      lastVerification: state.lastVerification ? toVerification(state.lastVerification) : null,
    };
  }

  @Query(() => AccessLogVerification, {
    nullable: false,
    description: 'Verifies the access log now, exactly as `npm run audit:verify` does (every record, the head, every signed and witnessed checkpoint, in one read-only snapshot), and keeps the outcome as the last verification. Auditors only.',
  })
  async verifyAccessLog(@Ctx() ctx: Context): Promise<AccessLogVerification> {
    return toVerification(await ctx.loaders.auditChain.verify(ctx.access.principal.subject));
  }
}
