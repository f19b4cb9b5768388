import { useEffect, useState } from 'react';
import { graphql, Result, Session } from '../../api';
import { FileCtx } from '../../Value';
import { Failures } from '../Failures';
import { PERSON_FIELDS, PersonCard, PersonData } from '../PersonCard';
import { useDeskT } from './deskI18n';

const FINDING_PERSON = `query FindingPerson($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`;

/** The file of a finding's person, read under the officer's purpose (masked and denied fields labelled). */
export function FindingPerson({ session, role, id }: { session: Session; role: string; id: string }) {
  const { t, d } = useDeskT();
  const [result, setResult] = useState<Result<{ person: PersonData | null }> | null>(null);
  useEffect(() => {
    void graphql<{ person: PersonData | null }>(session, FINDING_PERSON, { id }).then(setResult);
  }, [session, id]);
  const person = result?.data?.person;
  return (
    <section aria-label={d('person')}>
      {!result && <p>{t('loading')}</p>}
      {result && <Failures errors={result.failures} />}
      {result && !person && !result.failures.length && <p role="status">{t('noSuchPerson')}</p>}
      {person && (
        <FileCtx.Provider value={{ role, purpose: session.purpose, denied: result!.denied }}>
          <PersonCard person={person} path="person" />
        </FileCtx.Provider>
      )}
    </section>
  );
}
