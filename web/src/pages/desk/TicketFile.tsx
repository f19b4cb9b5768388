import { useState } from 'react';
import { graphql, Result, Session } from '../../api';
import { useT } from '../../i18n';
import { FileCtx, Row, Val } from '../../Value';
import { Failures } from '../Failures';
import { PERSON_FIELDS, PersonCard, PersonData } from '../PersonCard';
import { useDeskT } from './deskI18n';

const TICKET_HOUSEHOLD = `query TicketHouseholdFile($id: ID!) {
  household(id: $id) { id size address { text } members { ${PERSON_FIELDS} } }
}`;

interface HouseholdData {
  household: { id: string; size: number | null; address: { text: string | null } | null; members: Array<PersonData | null> | null } | null;
}

/**
 * The household's file read for one ticket: under TICKET_HANDLING with `x-ticket-id` on the request,
 * so the hub reaches only that ticket's household and the access record keeps the ticket. Read only
 * when the officer asks (a button), never on opening the ticket.
 */
export function TicketFile({ session, role, ticketId, householdId }: { session: Session; role: string; ticketId: string; householdId: string }) {
  const { t } = useT();
  const { d } = useDeskT();
  const [result, setResult] = useState<Result<HouseholdData> | null>(null);
  async function read() {
    setResult(await graphql<HouseholdData>({ ...session, ticketId }, TICKET_HOUSEHOLD, { id: householdId }));
  }
  const h = result?.data?.household;
  return (
    <section aria-labelledby="ticket-file-title" className="card">
      <h2 id="ticket-file-title">{d('fileForTicket')}</h2>
      <p className="muted small">{d('boundTo', { id: ticketId })}</p>
      {!result && (
        <button type="button" onClick={() => void read()}>
          {d('readFile')}
        </button>
      )}
      {result && <Failures errors={result.failures} />}
      {h && (
        <FileCtx.Provider value={{ role, purpose: session.purpose, denied: result!.denied }}>
          <dl>
            <Row label={t('address')}><Val path="household.address.text" field="Address.text" value={h.address?.text} /></Row>
            <Row label={t('size')}><Val path="household.size" field="Household.size" value={h.size} /></Row>
          </dl>
          <h3>{t('members')}</h3>
          {(h.members ?? []).map((m, i) => (m ? <PersonCard key={m.id} person={m} path={`household.members.${i}`} /> : null))}
        </FileCtx.Provider>
      )}
    </section>
  );
}
