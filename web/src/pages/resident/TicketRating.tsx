import { FormEvent, useState } from 'react';
import { useDeskT } from '../desk/deskI18n';
import { Ticket, TICKET_FIELDS } from '../desk/tickets';

const RATE = `mutation RateTicket($input: RateTicketInput!) { rateTicket(input: $input) { ${TICKET_FIELDS} } }`;

/** Rating a confirmed request: five large choices (1–5) and an optional short comment (at most 200 characters). */
export function TicketRating({ ticket, act }: { ticket: Ticket; act(query: string, field: string, input: Record<string, unknown>): Promise<boolean> }) {
  const { d } = useDeskT();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (rating === null) return;
    void act(RATE, 'rateTicket', { id: ticket.id, expectedVersion: ticket.version, rating, comment: comment.trim() || null });
  }
  return (
    <form className="rating" onSubmit={submit}>
      <fieldset>
        <legend>{d('rating')}</legend>
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="chip">
              <input type="radio" name={`rating-${ticket.id}`} value={n} checked={rating === n} onChange={() => setRating(n)} />
              {d('stars', { n })}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {d('comment')}
        <input name="ratingComment" maxLength={200} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={rating === null}>
        {d('submitRating')}
      </button>
    </form>
  );
}
