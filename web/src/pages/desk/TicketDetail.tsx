import { useState } from 'react';
import { graphql, GraphQLErrorItem, Session } from '../../api';
import { Failures } from '../Failures';
import { DEPARTMENT_MOVES, TICKET_DEPARTMENTS } from './catalogues';
import { useDeskT } from './deskI18n';
import { TicketFile } from './TicketFile';
import { isConflict, Ticket, TICKET_FIELDS } from './tickets';
import { TicketFacts, TicketHistory } from './TicketView';

const MOVE = `mutation MoveTicket($input: TransitionTicketInput!) { transitionTicket(input: $input) { ${TICKET_FIELDS} } }`;
const RELOAD = `query TicketReload($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`;

/**
 * Reads the ticket again, by id (`ticket(id)`, in the queue's reach). Null when it is no longer the
 * department's (e.g. transferred away): the hub answers TICKET_NOT_FOUND, like a missing ticket.
 */
async function reloadTicket(session: Session, id: string): Promise<Ticket | null> {
  const res = await graphql<{ ticket: Ticket | null }>(session, RELOAD, { id });
  return res.data?.ticket ?? null;
}

/**
 * One ticket: its facts and history, the moves the department may make from its status (accept,
 * transfer, resolve) sent with the version read, and the household's file read for it. A move
 * someone else beat is told in plain words (TICKET_VERSION_CONFLICT, or ILLEGAL_TRANSITION when the
 * ticket has moved on since it was read), with the ticket's state now.
 */
export function TicketDetail({ session, role, initial, onBack }: { session: Session; role: string; initial: Ticket; onBack(): void }) {
  const { t, d, term } = useDeskT();
  const [ticket, setTicket] = useState<Ticket>(initial);
  const [reason, setReason] = useState('');
  const [toDepartment, setToDepartment] = useState(TICKET_DEPARTMENTS.find((x) => x !== initial.department) ?? '');
  const [failures, setFailures] = useState<GraphQLErrorItem[]>([]);
  const [conflict, setConflict] = useState<Ticket | null | undefined>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function move(to: string) {
    setBusy(true);
    setSaved(null);
    setConflict(undefined);
    const input: Record<string, unknown> = { id: ticket.id, to, expectedVersion: ticket.version, reason: reason.trim() || null };
    if (to === 'TRANSFERRED') input.toDepartment = toDepartment;
    const res = await graphql<{ transitionTicket: Ticket | null }>(session, MOVE, { input });
    const stale = res.errors.some((e) => e.extensions?.code === 'ILLEGAL_TRANSITION');
    const latest = isConflict(res.errors) || stale ? await reloadTicket(session, ticket.id) : undefined;
    // A stale page's move may also be refused as illegal (the ticket moved on): told the same way.
    if (isConflict(res.errors) || (stale && latest?.version !== ticket.version)) {
      setFailures([]);
      setConflict(latest ?? null);
    } else if (res.data?.transitionTicket) {
      setFailures([]);
      setTicket(res.data.transitionTicket);
      setReason('');
      setSaved(res.data.transitionTicket.status);
    } else {
      setFailures(res.failures);
    }
    setBusy(false);
  }

  function takeLatest() {
    if (conflict) setTicket(conflict);
    setConflict(undefined);
  }

  const moves = DEPARTMENT_MOVES[ticket.status ?? ''] ?? [];
  const label = (to: string) => (to === 'ACCEPTED' ? d('accept') : to === 'RESOLVED' ? d('resolve') : d('transfer'));
  return (
    <section aria-labelledby="ticket-title">
      <button type="button" onClick={onBack}>
        ← {d('backToQueue')}
      </button>
      <h1 id="ticket-title">
        {d('ticket')}: {term(ticket.item)}
        {ticket.overdue && <span className="overdue-badge">{d('overdue')}</span>}
      </h1>
      <p className="muted small" data-testid="ticket-version">
        {ticket.id} · {d('versionLabel')} {ticket.version}
      </p>
      <TicketFacts ticket={ticket} />
      {moves.length > 0 && (
        <form className="card" onSubmit={(e) => e.preventDefault()}>
          <label>
            {d('reason')}
            <input name="reason" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </label>
          {moves.includes('TRANSFERRED') && (
            <label>
              {d('transferTo')}
              <select name="toDepartment" value={toDepartment} onChange={(e) => setToDepartment(e.target.value)}>
                {TICKET_DEPARTMENTS.filter((x) => x !== ticket.department).map((x) => (
                  <option key={x} value={x}>
                    {term(x)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="actions">
            {moves.map((to) => (
              <button key={to} type="button" className={to === 'TRANSFERRED' ? '' : 'primary'} disabled={busy} onClick={() => void move(to)}>
                {label(to)}
              </button>
            ))}
          </div>
        </form>
      )}
      {saved && (
        <p role="status" className="ok" data-testid="ticket-saved">
          {d('done', { status: term(saved) })}
        </p>
      )}
      {conflict !== undefined && (
        <div role="alert" className="error" data-testid="ticket-conflict">
          <p>{d('conflict', { status: term(conflict?.status ?? null) || t('none'), v: conflict?.version ?? '?' })}</p>
          <button type="button" onClick={takeLatest}>
            {d('reload')}
          </button>
        </div>
      )}
      <Failures errors={failures} />
      <TicketHistory ticket={ticket} />
      {ticket.householdId && <TicketFile session={session} role={role} ticketId={ticket.id} householdId={ticket.householdId} />}
    </section>
  );
}
