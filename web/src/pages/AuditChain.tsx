import { useEffect, useState } from 'react';
import { graphql, Result, Session } from '../api';
import { useT } from '../i18n';
import { Failures } from './Failures';

interface Verification {
  ranAt: string;
  subject: string;
  status: 'INTACT' | 'BROKEN' | 'CANNOT_RUN';
  records: number;
  lastSeq: string;
  checkpoints: number;
  witnessed: number;
  brokenSeq: string | null;
  message: string;
}

interface ChainData {
  accessLogChain: {
    headSeq: string;
    lastCheckpoint: { seq: string; signedAt: string; keyId: string } | null;
    lastVerification: Verification | null;
  };
}

const VERIFICATION_FIELDS = 'ranAt subject status records lastSeq checkpoints witnessed brokenSeq message';
const CHAIN = `query AccessLogChain { accessLogChain { headSeq lastCheckpoint { seq signedAt keyId } lastVerification { ${VERIFICATION_FIELDS} } } }`;
const VERIFY = `query VerifyAccessLog { verifyAccessLog { ${VERIFICATION_FIELDS} } }`;

/**
 * Auditors: the access log's chain — its head, last signed checkpoint and last verification — and
 * a button that verifies it now (what `npm run audit:verify` checks, run by the hub).
 */
export function AuditChain({ session }: { session: Session }) {
  const { t, term } = useT();
  const [chain, setChain] = useState<Result<ChainData> | null>(null);
  const [running, setRunning] = useState(false);
  const [failures, setFailures] = useState<Result<unknown>['failures']>([]);

  useEffect(() => {
    void graphql<ChainData>(session, CHAIN).then(setChain);
  }, [session]);

  async function verify() {
    setRunning(true);
    const result = await graphql<{ verifyAccessLog: Verification }>(session, VERIFY);
    setFailures(result.failures);
    setChain(await graphql<ChainData>(session, CHAIN));
    setRunning(false);
  }

  const state = chain?.data?.accessLogChain;
  const last = state?.lastVerification;
  const when = (iso: string) => new Date(iso).toLocaleString();
  return (
    <>
      {chain && <Failures errors={chain.failures} />}
      <Failures errors={failures} />
      {!chain && <p>{t('loading')}</p>}
      {state && (
        <dl className="card chain" data-testid="chain-state">
          <div className="row">
            <dt>{t('chainHead')}</dt>
            <dd>{state.headSeq}</dd>
          </div>
          <div className="row">
            <dt>{t('lastCheckpoint')}</dt>
            <dd>{state.lastCheckpoint ? `#${state.lastCheckpoint.seq} · ${when(state.lastCheckpoint.signedAt)} · ${t('keyId')} ${state.lastCheckpoint.keyId}` : t('none')}</dd>
          </div>
          <div className="row">
            <dt>{t('lastVerification')}</dt>
            <dd data-testid="last-verification" data-status={last?.status ?? 'NONE'}>
              {last ? (
                <>
                  <strong className={last.status === 'INTACT' ? 'ok' : 'error'}>{term(last.status)}</strong> · {when(last.ranAt)} · {last.subject}
                  <br />
                  {t('recordsChecked')}: {last.records} · {t('checkpointsChecked')}: {last.checkpoints} + {last.witnessed}
                  {last.brokenSeq && ` · ${t('brokenAt')} #${last.brokenSeq}`}
                  <pre className="small">{last.message}</pre>
                </>
              ) : (
                t('none')
              )}
            </dd>
          </div>
        </dl>
      )}
      <button type="button" className="primary" onClick={() => void verify()} disabled={running} aria-busy={running}>
        {running ? t('verifying') : t('verifyNow')}
      </button>
      <p className="muted small">{t('verifyHint')}</p>
    </>
  );
}
