import { useT } from '../i18n';
import { Row, Val, useDenied, PolicyNote } from '../Value';

/** The person fields every file shows; the same selection for every role — the hub decides what comes back. */
export const PERSON_FIELDS = `id name sex age relationToHead idNumber phone livesAwayFromRegisteredAddress
  civilAffairs { elderlyCare { livesAlone careLevel } disability { grade } }
  health { familyDoctor { doctorName } chronicConditions { name } }`;

export interface PersonData {
  id: string;
  name: string | null;
  sex: string | null;
  age: number | null;
  relationToHead: string | null;
  idNumber: string | null;
  phone: string | null;
  livesAwayFromRegisteredAddress: boolean | null;
  civilAffairs: { elderlyCare: { livesAlone: boolean | null; careLevel: number | null } | null; disability: { grade: number | null } | null } | null;
  health: { familyDoctor: { doctorName: string | null } | null; chronicConditions: Array<{ name: string | null }> | null } | null;
}

/** One person's file as rows; `path` is the person's place in the response (for denied fields). */
export function PersonCard({ person, path }: { person: PersonData; path: string }) {
  const { t, term } = useT();
  const p = (f: string) => `${path}.${f}`;
  const civilDenied = useDenied(p('civilAffairs'));
  const healthDenied = useDenied(p('health'));
  return (
    <article className="card person" aria-label={person.name ?? person.id}>
      <h3>
        <Val path={p('name')} field="Person.name" value={person.name} />
      </h3>
      <dl>
        <Row label={t('relation')}><Val path={p('relationToHead')} field="Person.relationToHead" value={person.relationToHead} render={(v: string) => term(v)} /></Row>
        <Row label={t('sex')}><Val path={p('sex')} field="Person.sex" value={person.sex} render={(v: string) => term(v)} /></Row>
        <Row label={t('age')}><Val path={p('age')} field="Person.age" value={person.age} /></Row>
        <Row label={t('idNumber')}><Val path={p('idNumber')} field="Person.idNumber" value={person.idNumber} /></Row>
        <Row label={t('phone')}><Val path={p('phone')} field="Person.phone" value={person.phone} /></Row>
        <Row label={t('livesAway')}><Val path={p('livesAwayFromRegisteredAddress')} field="Person.livesAwayFromRegisteredAddress" value={person.livesAwayFromRegisteredAddress} /></Row>
        {civilDenied ? (
          <Row label={term('civil')}><PolicyNote kind="deny" field="Person.civilAffairs" /></Row>
        ) : (
          <>
            <Row label={t('livesAlone')}><Val path={p('civilAffairs.elderlyCare.livesAlone')} field="ElderlyCare.livesAlone" value={person.civilAffairs?.elderlyCare?.livesAlone} /></Row>
            <Row label={t('careLevel')}><Val path={p('civilAffairs.elderlyCare.careLevel')} field="ElderlyCare.careLevel" value={person.civilAffairs?.elderlyCare?.careLevel} /></Row>
            <Row label={t('disability')}><Val path={p('civilAffairs.disability.grade')} field="Disability.grade" value={person.civilAffairs?.disability?.grade} /></Row>
          </>
        )}
        {healthDenied ? (
          <Row label={term('health')}><PolicyNote kind="deny" field="Person.health" /></Row>
        ) : (
          <>
            <Row label={t('familyDoctor')}><Val path={p('health.familyDoctor.doctorName')} field="FamilyDoctorContract.doctorName" value={person.health?.familyDoctor?.doctorName} /></Row>
            <Row label={t('chronic')}>
              <Val path={p('health.chronicConditions')} field="HealthSection.chronicConditions" value={person.health?.chronicConditions?.length ? person.health.chronicConditions : null} render={(v: Array<{ name: string | null }>) => v.map((c) => c.name).join('、')} />
            </Row>
          </>
        )}
      </dl>
    </article>
  );
}
