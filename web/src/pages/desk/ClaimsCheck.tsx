import { FormEvent, useState } from 'react';
import { graphql, Result, Session } from '../../api';
import { Failures } from '../Failures';
import { CLAIMS, SERVICE_ITEMS } from './catalogues';
import { useDeskT } from './deskI18n';

interface Verification {
  residentId: string | null;
  serviceItem: string;
  keyId: string;
  statement: string | null;
  answers: Record<string, boolean | null> | null;
}

/** The operation for the claims asked: only their answer fields are selected (nothing else is asked). */
function verifyQuery(claims: string[]): string {
  const fields = CLAIMS.filter((c) => claims.includes(c.code)).map((c) => c.field).join(' ');
  return `query ClaimsCheck($serviceItem: String!, $claims: [Claim!]!, $idNumber: String, $residentId: ID) {
  verify(serviceItem: $serviceItem, claims: $claims, idNumber: $idNumber, residentId: $residentId) { residentId serviceItem keyId statement answers { ${fields} } }
}`;
}

/**
 * The claims check (免提交), under SERVICE_APPLICATION: a service item, the claims it declares (all
 * ticked; the officer may ask fewer, never others), the resident's ID number or hub id; the hub's
 * yes/no answers and its signed statement (a compact JWS), shown and downloadable for the case file.
 */
export function ClaimsCheck({ session }: { session: Session }) {
  const { t, d, term } = useDeskT();
  const [item, setItem] = useState(SERVICE_ITEMS[0].code);
  const [claims, setClaims] = useState<string[]>([...SERVICE_ITEMS[0].claims]);
  const [idNumber, setIdNumber] = useState('');
  const [residentId, setResidentId] = useState('');
  const [result, setResult] = useState<Result<{ verify: Verification | null }> | null>(null);
  const [asked, setAsked] = useState<string[]>([]);

  function pickItem(code: string) {
    setItem(code);
    setClaims([...(SERVICE_ITEMS.find((s) => s.code === code)?.claims ?? [])]);
  }
  function toggle(code: string, on: boolean) {
    setClaims((prev) => (on ? [...prev, code] : prev.filter((c) => c !== code)));
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!claims.length) return;
    setAsked(claims);
    const vars = { serviceItem: item, claims, idNumber: idNumber.trim() || null, residentId: residentId.trim() || null };
    setResult(await graphql<{ verify: Verification | null }>(session, verifyQuery(claims), vars));
  }

  const v = result?.data?.verify;
  const offered = SERVICE_ITEMS.find((s) => s.code === item)?.claims ?? [];
  return (
    <section aria-labelledby="claims-title">
      <h1 id="claims-title">{d('claims')}</h1>
      <p className="muted small">{d('claimsNote')}</p>
      <form className="card" onSubmit={submit}>
        <label>
          {d('serviceItem')}
          <select name="serviceItem" value={item} onChange={(e) => pickItem(e.target.value)}>
            {SERVICE_ITEMS.map((s) => (
              <option key={s.code} value={s.code}>
                {term(s.code)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{d('claimsAsked')}</legend>
          {offered.map((c) => (
            <label key={c} className="choice">
              <input type="checkbox" name="claim" value={c} checked={claims.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />
              {term(c)}
            </label>
          ))}
        </fieldset>
        <label>
          {d('idOrResident')}
          <input name="idNumber" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {d('residentIdOpt')}
          <input name="residentId" value={residentId} onChange={(e) => setResidentId(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="primary" disabled={!claims.length}>
          {d('check')}
        </button>
      </form>
      {result && <Failures errors={result.failures} />}
      {v && (
        <article className="card" aria-labelledby="answers-title">
          <h2 id="answers-title">{d('answers')}</h2>
          <dl className="claim-answers">
            {CLAIMS.filter((c) => asked.includes(c.code)).map((c) => {
              const a = v.answers?.[c.field];
              return (
                <div className="row" key={c.code} data-claim={c.code}>
                  <dt>{term(c.code)}</dt>
                  <dd>
                    <strong className={a ? 'yes' : 'no'}>{a === true ? d('yesAnswer') : a === false ? d('noAnswer') : d('notAsked')}</strong>
                  </dd>
                </div>
              );
            })}
            <div className="row">
              <dt>{d('residentHubId')}</dt>
              <dd>{v.residentId}</dd>
            </div>
            <div className="row">
              <dt>{d('keyId')}</dt>
              <dd className="small">{v.keyId}</dd>
            </div>
          </dl>
          {v.statement && (
            <>
              <h3>{d('statement')}</h3>
              <pre className="statement small" data-testid="statement" tabIndex={0} aria-label={d('statement')}>{v.statement}</pre>
              <a className="button" href={`data:application/jose;charset=utf-8,${encodeURIComponent(v.statement)}`} download={`statement-${v.serviceItem}-${v.residentId ?? 'resident'}.jws`}>
                {d('download')}
              </a>
              <p className="muted small">{d('statementNote')}</p>
            </>
          )}
        </article>
      )}
      {!v && result && !result.failures.length && <p role="status">{t('noSuchPerson')}</p>}
    </section>
  );
}
