import { useEffect, useState } from 'react';
import { graphql, Result } from '../api';
import type { PageProps } from '../App';
import { useT } from '../i18n';
import { FileCtx } from '../Value';
import { Failures } from './Failures';
import { PERSON_FIELDS, PersonCard, PersonData } from './PersonCard';

const MY_FILE = `query MyFile($id: ID!, $after: String) {
  person(id: $id) { ${PERSON_FIELDS} }
  myAccessLog(first: 20, after: $after) { pageInfo { hasNextPage endCursor } edges { node { occurredAt department role purpose fields { field decision } } } }
}`;

interface Read {
  occurredAt: string;
  department: string | null;
  role: string;
  purpose: string | null;
  fields: Array<{ field: string; decision: string }>;
}
interface MyFileData {
  person: PersonData | null;
  myAccessLog: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Read }> };
}

/** A resident's own file and who has read it (department, role, purpose, fields, time) in plain words. */
export function MyFile({ session, viewer }: PageProps) {
  const { t, term, lang } = useT();
  const [result, setResult] = useState<Result<MyFileData> | null>(null);
  useEffect(() => {
    void graphql<MyFileData>(session, MY_FILE, { id: viewer.subject }).then(setResult);
  }, [session, viewer.subject]);
  const reads = result?.data?.myAccessLog?.edges.map((e) => e.node) ?? [];
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  return (
    <section className="resident" aria-labelledby="myfile-title">
      <h1 id="myfile-title">{t('myFile')}</h1>
      {!result && <p>{t('loading')}</p>}
      {result && <Failures errors={result.failures} />}
      {result?.data?.person && (
        <FileCtx.Provider value={{ role: viewer.role, purpose: session.purpose, denied: result.denied }}>
          <PersonCard person={result.data.person} path="person" />
        </FileCtx.Provider>
      )}
      <h2>{t('whoRead')}</h2>
      <p className="muted">{t('whoReadNote')}</p>
      {result && reads.length === 0 && <p>{t('noReads')}</p>}
      <ol className="reads">
        {reads.map((r, i) => (
          <li key={i} className="card">
            <p>
              <strong>{when.format(new Date(r.occurredAt))}</strong> · {term(r.department) || term(r.role)} · {term(r.role)}
            </p>
            <p>
              {t('purpose')}: {term(r.purpose)}
            </p>
            <details>
              <summary>
                {t('fields')} ({r.fields.length})
              </summary>
              <ul className="small">
                {r.fields.map((f) => (
                  <li key={f.field}>
                    {f.field} — {term(f.decision)}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
