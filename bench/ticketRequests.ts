/**
 * The requests of bench/tickets.ts: a department's queue page, a ticket transition (RECEIVED →
 * ACCEPTED under TICKET_HANDLING) and the household file read it is compared with, as the served
 * schema spells them (test/tickets.test.ts holds the same operations against a real hub), and the
 * fresh tickets the transitions accept.
 */
import type { Knex } from 'knex';
import type { LoadRequest } from './load';

/** A page of a department's queue: what a department app's list shows. */
export const QUEUE_PAGE = `query Queue($first: Int, $after: String, $overdue: Boolean) {
  ticketQueue(first: $first, after: $after, overdue: $overdue) { totalCount overdueCount repeatCount
    edges { cursor node { id item category priority status department householdId receivedAt startDueAt closeDueAt overdue repeatOf reopenCount version } }
    pageInfo { hasNextPage endCursor } } }`;

/** One department transition: accept a RECEIVED ticket at the version read. */
export const TRANSITION = 'mutation Accept($input: TransitionTicketInput!) { transitionTicket(input: $input) { id status version } }';

/** The household file read a transition is compared with (street staff, HOME_VISIT). */
export const HOUSEHOLD_READ = 'query HouseholdFile($id: ID!) { household(id: $id) { id address { text } members { id name age } } }';

const post = (query: string, variables: Record<string, unknown>): LoadRequest => ({ method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables }) });

/** One accept per ticket, each at version 1 (each ticket can be accepted once: never send one twice). */
export function transitionRequests(tickets: Array<{ id: string }>): LoadRequest[] {
  return tickets.map((t) => post(TRANSITION, { input: { id: t.id, to: 'ACCEPTED', expectedVersion: 1, reason: '已签收' } }));
}

/** One household file read per household id. */
export function householdReads(ids: string[]): LoadRequest[] {
  return ids.map((id) => post(HOUSEHOLD_READ, { id }));
}

/**
 * `n` new RECEIVED civil tickets for the transitions to accept (the seed's own RECEIVED ones are too
 * few for a timed run): copies of seeded civil tickets (as many rounds of them as it takes), received
 * now, each with its receipt transition, written directly by the bench's owner connection.
 */
export async function freshTickets(street: Knex, n: number): Promise<Array<{ id: string }>> {
  const rows = (await street.raw(`
    WITH fresh AS (
      INSERT INTO tickets (id, household_id, person_id, grid_id, community_code, item, category, priority, department, first_department, source, status, version,
        received_at, start_due_at, transfer_due_at, close_due_at, created_by_subject, created_by_role, request_id)
      SELECT gen_random_uuid(), household_id, person_id, grid_id, community_code, item, category, priority, 'civil', 'civil', 'RESIDENT', 'RECEIVED', 1,
        now(), now() + interval '1 day', now() + interval '3 days', now() + interval '15 days', 'bench', 'RESIDENT', 'bench'
      FROM (SELECT * FROM tickets WHERE department = 'civil') t CROSS JOIN generate_series(1, 100) LIMIT ?
      RETURNING id, received_at)
    INSERT INTO ticket_transitions (ticket_id, seq, from_status, to_status, at, actor_subject, actor_role, request_id)
    SELECT id, 1, NULL, 'RECEIVED', received_at, 'bench', 'RESIDENT', 'bench' FROM fresh RETURNING ticket_id AS id`, [n])).rows as Array<{ id: string }>;
  await street.raw('ANALYZE tickets');
  return rows;
}
