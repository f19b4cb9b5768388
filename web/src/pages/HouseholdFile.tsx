import { useEffect, useState } from 'react';
import { graphql, Result } from '../api';
import type { PageProps } from '../App';
import { useT } from '../i18n';
import { FileCtx, Row, Val } from '../Value';
import { Failures } from './Failures';
import { PERSON_FIELDS, PersonCard, PersonData } from './PersonCard';
import { HouseholdVisits } from './street/HouseholdVisits';
import { StreetNav } from './street/StreetNav';

const HOUSEHOLD = `query HouseholdFile($id: ID!) {
  household(id: $id) { id householdNumber size address { text } grid { name } members { ${PERSON_FIELDS} } }
}`;

interface HouseholdData {
  household: { id: string; householdNumber: string | null; size: number | null; address: { text: string | null } | null; grid: { name: string | null } | null; members: Array<PersonData | null> | null } | null;
}

/** One household, one file: address, grid, members, each field labelled allowed, masked or denied. */
export function HouseholdFile({ session, viewer, go, id }: PageProps & { id: string }) {
  const { t } = useT();
  const [result, setResult] = useState<Result<HouseholdData> | null>(null);
  useEffect(() => {
    void graphql<HouseholdData>(session, HOUSEHOLD, { id }).then(setResult);
  }, [session, id]);
  const h = result?.data?.household;
  return (
    <section aria-labelledby="household-title" className={viewer.role === 'STREET_STAFF' ? 'street-page' : undefined}>
      {viewer.role === 'STREET_STAFF' && <StreetNav current="household" go={go} />}
      <button type="button" onClick={() => go({ name: 'home' })}>
        ← {t('back')}
      </button>
      <h1 id="household-title">{t('household')}</h1>
      {!result && <p>{t('loading')}</p>}
      {result && <Failures errors={result.failures} />}
      {h && (
        <FileCtx.Provider value={{ role: viewer.role, purpose: session.purpose, denied: result!.denied }}>
          <dl className="card">
            <Row label={t('address')}><Val path="household.address.text" field="Address.text" value={h.address?.text} /></Row>
            <Row label={t('grid')}><Val path="household.grid.name" field="Household.grid" value={h.grid?.name} /></Row>
            <Row label={t('householdNumber')}><Val path="household.householdNumber" field="Household.householdNumber" value={h.householdNumber} /></Row>
            <Row label={t('size')}><Val path="household.size" field="Household.size" value={h.size} /></Row>
          </dl>
          <h2>{t('members')}</h2>
          {(h.members ?? []).map((m, i) => (m ? <PersonCard key={m.id} person={m} path={`household.members.${i}`} /> : null))}
          {viewer.role === 'STREET_STAFF' && <HouseholdVisits session={session} householdId={h.id} members={(h.members ?? []).flatMap((m) => (m ? [{ id: m.id, name: m.name }] : []))} />}
        </FileCtx.Provider>
      )}
    </section>
  );
}
