import { FormEvent, useState } from 'react';
import { graphql, Result } from '../api';
import type { PageProps } from '../App';
import { useT } from '../i18n';
import { FileCtx } from '../Value';
import { Failures } from './Failures';
import { PERSON_FIELDS, PersonCard, PersonData } from './PersonCard';

const LOOKUP = `query PersonLookup($idNumber: String!) { personByIdNumber(idNumber: $idNumber) { ${PERSON_FIELDS} } }`;

/**
 * Department officers: look a person up by ID number (where the purpose allows it) and read the file
 * as the hub answers it for their role and purpose: masked and denied fields labelled, a malformed
 * number answered with its code (INVALID_ID_NUMBER), an unknown valid one as "no such person".
 */
export function OfficerLookup({ session, viewer }: PageProps) {
  const { t } = useT();
  const [idNumber, setIdNumber] = useState('');
  const [result, setResult] = useState<Result<{ personByIdNumber: PersonData | null }> | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(await graphql(session, LOOKUP, { idNumber: idNumber.trim() }));
  }
  const person = result?.data?.personByIdNumber;
  return (
    <section aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t('lookup')}</h1>
      <form className="card filters" onSubmit={submit} role="search">
        <label>
          {t('idNumber')}
          <input name="idNumber" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" inputMode="text" />
        </label>
        <button type="submit" className="primary">{t('search')}</button>
        <p className="muted small">{t('lookupHint')}</p>
      </form>
      {result && <Failures errors={result.failures} />}
      {result && !person && !result.failures.length && <p role="status" data-testid="no-such-person">{t('noSuchPerson')}</p>}
      {person && (
        <FileCtx.Provider value={{ role: viewer.role, purpose: session.purpose, denied: result!.denied }}>
          <PersonCard person={person} path="personByIdNumber" />
        </FileCtx.Provider>
      )}
    </section>
  );
}
