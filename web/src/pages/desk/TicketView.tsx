import { useDeskT } from './deskI18n';
import type { Ticket } from './tickets';

/** A ticket's facts as rows: what, how urgent, which department, the clock, and the request in the resident's words. */
export function TicketFacts({ ticket }: { ticket: Ticket }) {
  const { d, term, when } = useDeskT();
  const rows: Array<[string, string]> = [
    [d('item'), term(ticket.item)],
    [d('status'), term(ticket.status)],
    [d('priority'), term(ticket.priority)],
    [d('handledBy'), term(ticket.department)],
    [d('received'), when(ticket.receivedAt)],
    [d('startDue'), when(ticket.startDueAt)],
    [d('closeDue'), when(ticket.closeDueAt)],
    [d('acceptedAt'), when(ticket.acceptedAt)],
    [d('resolvedAt'), when(ticket.resolvedAt)],
    [d('confirmedAt'), when(ticket.confirmedAt)],
  ];
  return (
    <dl className="card ticket-facts">
      {rows.map(([label, value]) => (
        <div className="row" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {ticket.summary && (
        <div className="row">
          <dt>{d('summaryText')}</dt>
          <dd>{ticket.summary}</dd>
        </div>
      )}
      {ticket.rating !== null && (
        <div className="row">
          <dt>{d('rate')}</dt>
          <dd>
            {d('yourRating', { n: ticket.rating })}
            {ticket.ratingComment ? ` · ${ticket.ratingComment}` : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Every change, oldest first: when, to what, by which department and role (never who), and why. */
export function TicketHistory({ ticket }: { ticket: Ticket }) {
  const { d, term, when } = useDeskT();
  return (
    <>
      <h2>{d('history')}</h2>
      <ol className="history">
        {(ticket.transitions ?? []).map((s, i) => (
          <li key={i}>
            <strong>{term(s.to)}</strong> · {when(s.at)} · {s.actorDepartment ? term(s.actorDepartment) : term(s.actorRole)}
            {s.reason ? ` · ${s.reason}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
