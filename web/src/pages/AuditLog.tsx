import { FormEvent, useEffect, useState } from 'react';
import { graphql, Result } from '../api';
import type { PageProps } from '../App';
import { useT } from '../i18n';
import { AuditChain } from './AuditChain';
import { Failures } from './Failures';

const LOG = `query AccessLog($filter: AccessLogFilterInput, $after: String) {
  accessLog(filter: $filter, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { seq occurredAt subject role department purpose caseNumber outcome refusal operationName residents disclosures { allowed masked denied } } }
  }
}`;
const SUMMARY = `query Summary($groupBy: AccessSummaryGrouping!) { accessLogSummary(groupBy: $groupBy) { key records refused residents withDenials } }`;
const ANOMALIES = `query Anomalies { accessAnomalies { kind subject role description records { seq } } }`;

interface Entry {
  seq: string;
  occurredAt: string;
  subject: string;
  role: string;
  department: string | null;
  purpose: string | null;
  caseNumber: string | null;
  outcome: string;
  refusal: string | null;
  operationName: string | null;
  residents: string[];
  disclosures: Array<{ allowed: string[]; masked: string[]; denied: string[] }>;
}
interface LogData {
  accessLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Entry }> };
}
interface SummaryData {
  accessLogSummary: Array<{ key: string; records: number; refused: number; residents: number; withDenials: number }>;
}
interface AnomalyData {
  accessAnomalies: Array<{ kind: string; subject: string; role: string; description: string; records: Array<{ seq: string }> }>;
}

const FILTERS = ['role', 'purpose', 'outcome', 'decision', 'department', 'subject', 'residentId', 'operationName'] as const;
const CHOICES: Partial<Record<(typeof FILTERS)[number], string[]>> = {
  role: ['POLICE_OFFICER', 'CIVIL_AFFAIRS_OFFICER', 'HEALTH_WORKER', 'STREET_STAFF', 'RESIDENT', 'AUDITOR', 'ADMIN'],
  purpose: ['SUBSIDY_REVIEW', 'HOME_VISIT', 'HEALTH_FOLLOW_UP', 'CASE_INVESTIGATION', 'EMERGENCY', 'SELF_SERVICE', 'ID_VERIFICATION'],
  outcome: ['DISCLOSED', 'PARTIAL', 'NOTHING_FOUND', 'REFUSED', 'ERROR'],
  decision: ['ALLOW', 'MASK', 'DENY'],
  department: ['police', 'civil', 'health'],
};

/** A summary row's principal key, `subject (ROLE)`, as the log's subject and role filters. */
function principalOf(key: string): [string, string | undefined] {
  const m = /^(.*) \(([A-Z_]+)\)$/.exec(key);
  return m ? [m[1], m[2]] : [key, undefined];
}

/** Auditors: the access log with every filter and cursor paging (newest first), and the anomalies. */
export function AuditLog({ session }: PageProps) {
  const { t, term, lang } = useT();
  const [tab, setTab] = useState<'log' | 'summary' | 'anomalies' | 'chain'>('log');
  const [groupBy, setGroupBy] = useState<'PRINCIPAL' | 'PURPOSE' | 'DAY'>('PRINCIPAL');
  const [summary, setSummary] = useState<Result<SummaryData> | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [log, setLog] = useState<Result<LogData> | null>(null);
  const [anomalies, setAnomalies] = useState<Result<AnomalyData> | null>(null);

  function filter(current: Record<string, string>) {
    const f: Record<string, string> = {};
    for (const key of FILTERS) if (current[key]?.trim()) f[key] = current[key].trim();
    if (from) f.from = new Date(from).toISOString();
    if (to) f.to = new Date(to).toISOString();
    return f;
  }
  async function load(after: string | null, current = values) {
    setLog(await graphql<LogData>(session, LOG, { filter: filter(current), after }));
  }
  useEffect(() => {
    void load(null);
  }, []);
  useEffect(() => {
    if (tab === 'anomalies' && !anomalies) void graphql<AnomalyData>(session, ANOMALIES).then(setAnomalies);
  }, [tab, anomalies, session]);

  useEffect(() => {
    if (tab === 'summary') void graphql<SummaryData>(session, SUMMARY, { groupBy }).then(setSummary);
  }, [tab, groupBy, session]);

  function apply(e?: FormEvent) {
    e?.preventDefault();
    setCursors([null]);
    void load(null);
  }
  /** The per-principal view: the log filtered to one subject (and role, when known). */
  function byPrincipal(subject: string, role?: string) {
    const current = { ...values, subject, role: role ?? values.role ?? '' };
    setValues(current);
    setTab('log');
    setCursors([null]);
    void load(null, current);
  }
  function next() {
    const end = log?.data?.accessLog.pageInfo.endCursor ?? null;
    setCursors([...cursors, end]);
    void load(end);
  }
  function previous() {
    const back = cursors.slice(0, -1);
    setCursors(back);
    void load(back[back.length - 1] ?? null);
  }

  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
  const page = log?.data?.accessLog;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{tab === 'log' ? t('accessLog') : tab === 'summary' ? t('summary') : tab === 'chain' ? t('chain') : t('anomalies')}</h1>
      <div className="tabs" role="group">
        <button type="button" aria-pressed={tab === 'log'} onClick={() => setTab('log')}>{t('accessLog')}</button>
        <button type="button" aria-pressed={tab === 'summary'} onClick={() => setTab('summary')}>{t('summary')}</button>
        <button type="button" aria-pressed={tab === 'anomalies'} onClick={() => setTab('anomalies')}>{t('anomalies')}</button>
        <button type="button" aria-pressed={tab === 'chain'} onClick={() => setTab('chain')}>{t('chain')}</button>
      </div>
      <p className="muted small">{t('chainState')}</p>
      {tab === 'log' ? (
        <>
          <form className="card filters wide" onSubmit={apply} aria-label={t('filters')}>
            {FILTERS.map((key) => (
              <label key={key}>
                {t(key === 'residentId' ? 'residentId' : key === 'operationName' ? 'operationName' : key)}
                {CHOICES[key] ? (
                  <select name={key} value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })}>
                    <option value="">{t('any')}</option>
                    {CHOICES[key]!.map((c) => (
                      <option key={c} value={c}>{term(c)}</option>
                    ))}
                  </select>
                ) : (
                  <input name={key} value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} autoComplete="off" />
                )}
              </label>
            ))}
            <label>
              {t('from')}
              <input type="datetime-local" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              {t('to')}
              <input type="datetime-local" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
            <button type="submit" className="primary">{t('apply')}</button>
          </form>
          {log && <Failures errors={log.failures} />}
          {page && (
            <>
              <p aria-live="polite" data-testid="log-total">{t('total', { n: page.totalCount })}</p>
              <div className="table-wrap" tabIndex={0} role="region" aria-label={t('accessLog')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('when')}</th>
                      <th scope="col">{t('subject')}</th>
                      <th scope="col">{t('role')}</th>
                      <th scope="col">{t('purpose')}</th>
                      <th scope="col">{t('outcome')}</th>
                      <th scope="col">{t('fields')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.edges.map(({ node: r }) => (
                      <tr key={r.seq} data-seq={r.seq}>
                        <td>{r.seq}</td>
                        <td>{when.format(new Date(r.occurredAt))}</td>
                        <td>
                          <button type="button" className="link-cell" title={t('byPrincipal')} onClick={() => byPrincipal(r.subject)}>{r.subject}</button>
                        </td>
                        <td>{term(r.role)}</td>
                        <td>{r.purpose ? term(r.purpose) : '—'}{r.caseNumber ? ` · ${r.caseNumber}` : ''}</td>
                        <td>{term(r.outcome)}{r.refusal ? ` (${r.refusal})` : ''}</td>
                        <td className="small">
                          {r.disclosures.map((d, i) => (
                            <span key={i}>
                              {term('ALLOW')} {d.allowed.length} · {term('MASK')} {d.masked.length} · {term('DENY')} {d.denied.length}
                            </span>
                          ))}
                          {r.residents.length ? ` · ${t('residentsCount', { n: r.residents.length })}` : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="pager">
                <button type="button" disabled={cursors.length < 2} onClick={previous}>{t('previous')}</button>
                <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={next}>{t('next')}</button>
              </div>
            </>
          )}
        </>
      ) : tab === 'summary' ? (
        <>
          <label className="inline">
            {t('groupBy')}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
              <option value="PRINCIPAL">{t('subject')}</option>
              <option value="PURPOSE">{t('purpose')}</option>
              <option value="DAY">{t('day')}</option>
            </select>
          </label>
          {summary && <Failures errors={summary.failures} />}
          {summary?.data && (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('summary')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{groupBy === 'PRINCIPAL' ? t('subject') : groupBy === 'PURPOSE' ? t('purpose') : t('day')}</th>
                    <th scope="col">{t('records')}</th>
                    <th scope="col">{term('REFUSED')}</th>
                    <th scope="col">{t('residentsHeader')}</th>
                    <th scope="col">{t('withDenials')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.data.accessLogSummary.map((row) => (
                    <tr key={row.key}>
                      <td>
                        {groupBy === 'PRINCIPAL' ? (
                          <button type="button" className="link-cell" onClick={() => byPrincipal(...principalOf(row.key))}>{row.key}</button>
                        ) : groupBy === 'PURPOSE' ? term(row.key) : row.key}
                      </td>
                      <td>{row.records}</td>
                      <td>{row.refused}</td>
                      <td>{row.residents}</td>
                      <td>{row.withDenials}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : tab === 'chain' ? (
        <AuditChain session={session} />
      ) : (
        <>
          {anomalies && <Failures errors={anomalies.failures} />}
          {!anomalies && <p>{t('loading')}</p>}
          {anomalies?.data && anomalies.data.accessAnomalies.length === 0 && <p>{t('noAnomalies')}</p>}
          <ul className="anomalies">
            {anomalies?.data?.accessAnomalies.map((a, i) => (
              <li key={i} className="card" data-kind={a.kind}>
                <strong>{term(a.kind)}</strong> · {a.subject} ({term(a.role)})
                <p>{a.description}</p>
                <p className="muted small">{a.records.length} {t('records')}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
