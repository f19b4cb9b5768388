import { FormEvent, useEffect, useState } from 'react';
import { graphql, Result, Session } from '../../api';
import { Failures } from '../Failures';
import { useDeskT } from './deskI18n';
import { Ticket, TICKET_FIELDS, TicketPage } from './tickets';

const QUEUE = `query TicketQueue($status: TicketStatus, $overdue: Boolean, $after: String) {
  ticketQueue(status: $status, overdue: $overdue, first: 20, after: $after) {
    totalCount overdueCount repeatCount pageInfo { hasNextPage endCursor } edges { node { ${TICKET_FIELDS} } }
  }
}`;

const STATUSES = ['RECEIVED', 'ACCEPTED', 'TRANSFERRED', 'REOPENED', 'RESOLVED', 'CONFIRMED', 'RATED'];

/**
 * A department's ticket queue under TICKET_HANDLING (no ticket header: the queue is the tickets
 * section only), newest first, 20 a page with "load more" (cursor), filtered by status or overdue.
 * Overdue tickets carry a red "overdue" badge and the counts are the hub's, over the whole filter.
 */
export function TicketQueue({ session, onOpen }: { session: Session; onOpen(ticket: Ticket): void }) {
  const { t, d, term, when } = useDeskT();
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [result, setResult] = useState<Result<{ ticketQueue: TicketPage | null }> | null>(null);
  const [rows, setRows] = useState<Ticket[]>([]);

  async function load(after: string | null) {
    const res = await graphql<{ ticketQueue: TicketPage | null }>(session, QUEUE, { status: status || null, overdue: overdue || null, after });
    setResult(res);
    const page = res.data?.ticketQueue?.edges.map((e) => e.node) ?? [];
    setRows((prev) => (after ? [...prev, ...page] : page));
  }
  useEffect(() => {
    void load(null);
  }, [session]);

  function submit(e: FormEvent) {
    e.preventDefault();
    void load(null);
  }

  const queue = result?.data?.ticketQueue;
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{d('queue')}</h1>
      <p className="muted small">{d('queueNote')}</p>
      <form className="card filters" onSubmit={submit}>
        <label>
          {d('status')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{d('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {term(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="choice">
          <input type="checkbox" name="overdue" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
          {d('overdueOnly')}
        </label>
        <button type="submit" className="primary">{t('search')}</button>
      </form>
      {result && <Failures errors={result.failures} />}
      {queue && (
        <p role="status" data-testid="queue-count">
          {d('totalTickets', { n: queue.totalCount, o: queue.overdueCount, r: queue.repeatCount })}
        </p>
      )}
      {queue && rows.length === 0 && <p>{d('noTickets')}</p>}
      <ul className="results">
        {rows.map((r) => (
          <li key={r.id}>
            <button type="button" className={`card result${r.overdue ? ' overdue' : ''}`} data-ticket={r.id} onClick={() => onOpen(r)}>
              <span className="address">
                {term(r.item)} <span className="status-chip">{term(r.status)}</span>
                {r.overdue && <span className="overdue-badge">{d('overdue')}</span>}
              </span>
              <span className="small">
                {term(r.priority)} · {d('received')} {when(r.receivedAt)} · {d('closeDue')} {when(r.closeDueAt)}
              </span>
              {r.summary && <span className="small muted">{r.summary}</span>}
            </button>
          </li>
        ))}
      </ul>
      {queue?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void load(queue.pageInfo.endCursor)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
