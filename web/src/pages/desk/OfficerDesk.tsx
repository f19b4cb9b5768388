import { useState } from 'react';
import type { PageProps } from '../../App';
import { OfficerLookup } from '../OfficerLookup';
import { ClaimsCheck } from './ClaimsCheck';
import { Discrepancies } from './Discrepancies';
import { useDeskT } from './deskI18n';
import { TicketDetail } from './TicketDetail';
import { TicketQueue } from './TicketQueue';
import type { Ticket } from './tickets';

/**
 * A department officer's desk, by the purpose they declared: TICKET_HANDLING opens their
 * department's ticket queue and a ticket; SERVICE_APPLICATION the claims check; any other purpose
 * the look-up by ID number and their department's discrepancies (two tabs).
 */
export function OfficerDesk(props: PageProps) {
  const { session, viewer } = props;
  if (session.purpose === 'TICKET_HANDLING') return <TicketDesk {...props} />;
  if (session.purpose === 'SERVICE_APPLICATION') return <ClaimsCheck session={session} />;
  return <LookupDesk {...props} key={`${session.purpose}-${viewer.subject}`} />;
}

function TicketDesk({ session, viewer }: PageProps) {
  const [open, setOpen] = useState<Ticket | null>(null);
  const [queueKey, setQueueKey] = useState(0);
  // The queue hands over the ticket it listed (its version is what a move sends back).
  if (open) return <TicketDetail session={session} role={viewer.role} initial={open} onBack={() => { setOpen(null); setQueueKey((k) => k + 1); }} />;
  return <TicketQueue key={queueKey} session={session} onOpen={setOpen} />;
}

function LookupDesk(props: PageProps) {
  const { d } = useDeskT();
  const [tab, setTab] = useState<'lookup' | 'findings'>('lookup');
  return (
    <>
      <div className="tabs" role="group">
        <button type="button" aria-pressed={tab === 'lookup'} onClick={() => setTab('lookup')}>
          {d('lookupTab')}
        </button>
        <button type="button" aria-pressed={tab === 'findings'} onClick={() => setTab('findings')}>
          {d('discrepancies')}
        </button>
      </div>
      {tab === 'lookup' ? <OfficerLookup {...props} /> : <Discrepancies session={props.session} department={props.viewer.department} role={props.viewer.role} />}
    </>
  );
}
