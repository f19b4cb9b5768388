import { useEffect, useState } from 'react';
import { graphql, GraphQLErrorItem, Session } from '../../api';
import { Failures } from '../Failures';
import { useDeskT } from '../desk/deskI18n';
import { RESIDENT_MOVES } from '../desk/catalogues';
import { isConflict, PROGRESS, Ticket, TICKET_FIELDS, TicketPage } from '../desk/tickets';
import { TicketRating } from './TicketRating';

const MINE = `query MyTickets { myTickets(first: 20) { totalCount overdueCount repeatCount pageInfo { hasNextPage endCursor } edges { node { ${TICKET_FIELDS} } } } }`;
const CONFIRM = `mutation ConfirmTicket($input: ResidentTicketInput!) { confirmTicket(input: $input) { ${TICKET_FIELDS} } }`;
const REOPEN = `mutation ReopenTicket($input: ResidentTicketInput!) { reopenTicket(input: $input) { ${TICKET_FIELDS} } }`;

/**
 * A resident's requests about their household (SELF_SERVICE), newest first: what, which department
 * handles it (never who), a progress line with dates, and — once resolved — confirm or reopen, then
 * a 1–5 rating with a short comment. A change someone else made first reloads the list and says so.
 */
export function MyTickets({ session }: { session: Session }) {
  const { d } = useDeskT();
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [failures, setFailures] = useState<GraphQLErrorItem[]>([]);
  const [note, setNote] = useState<string | null>(null);

  async function load() {
    const res = await graphql<{ myTickets: TicketPage | null }>(session, MINE);
    setTickets(res.data?.myTickets?.edges.map((e) => e.node) ?? []);
    setFailures(res.failures);
  }
  useEffect(() => {
    void load();
  }, [session]);

  /** Sends one of the resident's moves; on success the ticket is replaced by the hub's answer. */
  async function act(query: string, field: string, input: Record<string, unknown>): Promise<boolean> {
    const res = await graphql<Record<string, Ticket | null>>(session, query, { input });
    const updated = res.data?.[field];
    if (updated) {
      setTickets((prev) => (prev ?? []).map((x) => (x.id === updated.id ? updated : x)));
      setFailures([]);
      setNote(null);
      return true;
    }
    if (isConflict(res.errors)) {
      setNote(d('changedMeanwhile'));
      await load();
      return false;
    }
    setFailures(res.failures);
    return false;
  }

  return (
    <section aria-labelledby="mytickets-title" className="resident">
      <h2 id="mytickets-title">{d('myTickets')}</h2>
      <p className="muted">{d('myTicketsNote')}</p>
      <Failures errors={failures} />
      {note && (
        <p role="alert" className="error">
          {note}
        </p>
      )}
      {tickets && tickets.length === 0 && <p>{d('noMyTickets')}</p>}
      <ol className="my-tickets">
        {(tickets ?? []).map((x) => (
          <MyTicket key={x.id} ticket={x} act={act} />
        ))}
      </ol>
    </section>
  );
}

function MyTicket({ ticket, act }: { ticket: Ticket; act(query: string, field: string, input: Record<string, unknown>): Promise<boolean> }) {
  const { d, term, when } = useDeskT();
  const [why, setWhy] = useState('');
  const moves = RESIDENT_MOVES[ticket.status ?? ''] ?? [];
  const reached = new Set((ticket.transitions ?? []).map((s) => s.to));
  const dates: Record<string, string | null> = { RECEIVED: ticket.receivedAt, ACCEPTED: ticket.acceptedAt, RESOLVED: ticket.resolvedAt, CONFIRMED: ticket.confirmedAt };
  return (
    <li className="card" data-ticket={ticket.id} data-status={ticket.status ?? ''}>
      <h3>
        {term(ticket.item)} · <span className="status-chip">{term(ticket.status)}</span>
      </h3>
      <p>
        {d('handledBy')}: {term(ticket.department)}
        {ticket.closeDueAt && !ticket.resolvedAt ? ` · ${d('dueBy', { d: when(ticket.closeDueAt) })}` : ''}
      </p>
      {ticket.summary && <p className="muted">{ticket.summary}</p>}
      <ol className="progress" aria-label={d('progress')}>
        {PROGRESS.map((s) => (
          <li key={s} className={reached.has(s) || s === 'RECEIVED' ? 'done' : ''} aria-current={ticket.status === s ? 'step' : undefined}>
            {term(s)}
            {dates[s] ? <span className="small"> {when(dates[s])}</span> : null}
          </li>
        ))}
      </ol>
      {moves.includes('CONFIRMED') && (
        <button type="button" className="primary" onClick={() => void act(CONFIRM, 'confirmTicket', { id: ticket.id, expectedVersion: ticket.version })}>
          {d('confirm')}
        </button>
      )}
      {moves.includes('REOPENED') && (
        <details>
          <summary>{d('reopen')}</summary>
          <label>
            {d('reopenWhy')}
            <input name="reopenReason" maxLength={200} value={why} onChange={(e) => setWhy(e.target.value)} />
          </label>
          <button type="button" onClick={() => void act(REOPEN, 'reopenTicket', { id: ticket.id, expectedVersion: ticket.version, reason: why.trim() || null })}>
            {d('reopen')}
          </button>
        </details>
      )}
      {moves.includes('RATED') && <TicketRating ticket={ticket} act={act} />}
      {ticket.rating !== null && (
        <p data-testid="my-rating">
          {d('yourRating', { n: ticket.rating })}
          {ticket.ratingComment ? ` · ${ticket.ratingComment}` : ''}
        </p>
      )}
    </li>
  );
}
