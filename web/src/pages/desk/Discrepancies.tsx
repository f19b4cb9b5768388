import { FormEvent, useState } from 'react';
import { graphql, Result, Session } from '../../api';
import { Failures } from '../Failures';
import { FindingPerson } from './FindingPerson';
import { CHECK_RULE_OWNERS } from './catalogues';
import { useDeskT } from './deskI18n';

const FINDINGS = `query Discrepancies($rule: String, $after: String) {
  discrepancies(rule: $rule, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id rule personId ownerRecord firstSeenAt lastSeenAt } }
  }
}`;

interface Finding {
  id: string;
  rule: string | null;
  personId: string | null;
  ownerRecord: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}
interface FindingPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean | null; endCursor: string | null };
  edges: Array<{ node: Finding }>;
}

/**
 * The open findings of the cross-department checks the officer's department must act on, oldest
 * first, 20 a page, optionally one rule. Read only when asked (each read is logged per person); a
 * purpose that does not open them is answered with its code (FINDINGS_NOT_PERMITTED), shown as such.
 * A finding's person opens their file below, read under the same purpose.
 */
export function Discrepancies({ session, department, role }: { session: Session; department: string | null; role: string }) {
  const { t, d, term, when } = useDeskT();
  const [rule, setRule] = useState('');
  const [result, setResult] = useState<Result<{ discrepancies: FindingPage | null }> | null>(null);
  const [rows, setRows] = useState<Finding[]>([]);
  const [person, setPerson] = useState<string | null>(null);

  async function load(after: string | null) {
    const res = await graphql<{ discrepancies: FindingPage | null }>(session, FINDINGS, { rule: rule || null, after });
    setResult(res);
    const page = res.data?.discrepancies?.edges.map((e) => e.node) ?? [];
    setRows((prev) => (after ? [...prev, ...page] : page));
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    void load(null);
  }
  const page = result?.data?.discrepancies;
  return (
    <section aria-labelledby="findings-title">
      <h1 id="findings-title">{d('discrepancies')}</h1>
      <p className="muted small">{d('discrepanciesNote')}</p>
      <form className="card filters" onSubmit={submit}>
        <label>
          {d('rule')}
          <select name="rule" value={rule} onChange={(e) => setRule(e.target.value)}>
            <option value="">{d('allRules')}</option>
            {Object.keys(CHECK_RULE_OWNERS).filter((r) => CHECK_RULE_OWNERS[r] === department).map((r) => (
              <option key={r} value={r}>
                {term(r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">{t('search')}</button>
      </form>
      {result && <Failures errors={result.failures} />}
      {page && (
        <p role="status" data-testid="findings-count">
          {d('findingsCount', { n: page.totalCount })}
        </p>
      )}
      {page && rows.length === 0 && <p>{d('noFindings')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{d('rule')}</th>
                <th scope="col">{d('person')}</th>
                <th scope="col">{d('firstSeen')}</th>
                <th scope="col">{d('lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => (
                <tr key={f.id} data-rule={f.rule ?? ''}>
                  <td>
                    {term(f.rule)} <span className="muted small">({f.rule})</span>
                  </td>
                  <td>
                    {f.personId ? (
                      <button type="button" className="link-cell" onClick={() => setPerson(f.personId)}>
                        {f.personId}
                      </button>
                    ) : f.ownerRecord ? (
                      `${d('ownerRecord')}: ${f.ownerRecord}`
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{when(f.firstSeenAt)}</td>
                  <td>{when(f.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {person && <FindingPerson key={person} session={session} role={role} id={person} />}
      {page?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void load(page.pageInfo.endCursor)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
