/**
 * The requests of bench/tickets.ts that use the ticket write path and queue (built on branch
 * `tickets`): found in the served schema by name, their arguments filled by name, so the bench runs
 * them once they exist and says plainly why not while they do not.
 */
import type { Knex } from 'knex';

export interface ArgType {
  kind: string;
  name: string | null;
  ofType?: ArgType | null;
}

export interface RootField {
  name: string;
  args: Array<{ name: string; type: ArgType }>;
}

export interface ServedRoots {
  queries: RootField[];
  mutations: RootField[];
  /** Input object types' fields, by type name. */
  inputs: Map<string, Array<{ name: string; type: ArgType }>>;
}

const required = (t: ArgType) => t.kind === 'NON_NULL';
const named = (t: ArgType | null | undefined): string | null => (t ? t.name ?? named(t.ofType) : null);

/** A value for an argument or input field, by its name; undefined when the name says nothing. */
function valueFor(name: string, ticket: { id: string; version: number }): unknown {
  if (/^(ticket)?id$/i.test(name)) return ticket.id;
  if (/^(to|status|toStatus|transition)$/i.test(name)) return 'ACCEPTED';
  if (/version/i.test(name)) return ticket.version;
  if (/reason|note|comment/i.test(name)) return '已签收';
  if (/idempotency/i.test(name)) return `bench-${ticket.id}`;
  return undefined;
}

function fill(fields: Array<{ name: string; type: ArgType }>, ticket: { id: string; version: number }, roots: ServedRoots): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const inner = named(f.type);
    const nested = inner ? roots.inputs.get(inner) : undefined;
    const value = nested ? fill(nested, ticket, roots) : valueFor(f.name, ticket);
    if (typeof value === 'string' && nested) return value;
    if (value === undefined) {
      if (required(f.type)) return `its required argument \`${f.name}\` is not one bench/ticketRequests.ts knows how to fill`;
      continue;
    }
    out[f.name] = value;
  }
  return out;
}

/** A page of a department's queue through GraphQL, or null when the schema has no queue query. */
export function queueRequest(roots: ServedRoots): { field: string; query: string; variables: Record<string, unknown> } | null {
  const field = roots.queries.find((f) => /queue/i.test(f.name));
  if (!field || field.args.some((a) => required(a.type) && a.name !== 'first')) return null;
  const first = field.args.some((a) => a.name === 'first') ? '(first: 50)' : '';
  return { field: field.name, query: `query Queue { ${field.name}${first} { __typename } }`, variables: {} };
}

/** One transition request (RECEIVED → ACCEPTED) per ticket, or why there can be none yet. */
export function transitionRequests(roots: ServedRoots, tickets: Array<{ id: string; version: number }>): Array<{ method: 'POST'; path: string; body: string }> | string {
  const field = roots.mutations.find((f) => /transition/i.test(f.name));
  if (!field) return 'the schema has no ticket transition mutation yet (branch `tickets`)';
  if (!tickets.length) return 'no RECEIVED ticket to accept';
  const probe = fill(field.args, tickets[0], roots);
  if (typeof probe === 'string') return `${field.name}: ${probe}`;
  const declared = field.args.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `mutation Transition(${declared}) { ${field.name}(${passed}) { __typename } }`;
  return tickets.map((t) => ({ method: 'POST' as const, path: '/graphql', body: JSON.stringify({ query, variables: fill(field.args, t, roots) }) }));
}

function typeText(t: ArgType): string {
  if (t.kind === 'NON_NULL') return `${typeText(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${typeText(t.ofType!)}]`;
  return t.name!;
}

/**
 * `n` new RECEIVED civil tickets for the transitions to accept (the seed's own RECEIVED ones are too
 * few for a timed run): copies of seeded civil tickets, received now, each with its receipt transition.
 */
export async function freshTickets(street: Knex, n: number): Promise<Array<{ id: string; version: number }>> {
  const rows = (await street.raw(`
    WITH fresh AS (
      INSERT INTO tickets (id, household_id, person_id, grid_id, community_code, item, category, priority, department, first_department, source, status, version,
        received_at, start_due_at, transfer_due_at, close_due_at, created_by_subject, created_by_role, request_id)
      SELECT gen_random_uuid(), household_id, person_id, grid_id, community_code, item, category, priority, 'civil', 'civil', 'RESIDENT', 'RECEIVED', 1,
        now(), now() + interval '1 day', now() + interval '3 days', now() + interval '15 days', 'bench', 'RESIDENT', 'bench'
      FROM tickets WHERE department = 'civil' LIMIT ?
      RETURNING id, received_at)
    INSERT INTO ticket_transitions (ticket_id, seq, from_status, to_status, at, actor_subject, actor_role, request_id)
    SELECT id, 1, NULL, 'RECEIVED', received_at, 'bench', 'RESIDENT', 'bench' FROM fresh RETURNING ticket_id AS id`, [n])).rows as Array<{ id: string }>;
  return rows.map((r) => ({ id: r.id, version: 1 }));
}

type Post = (headers: Record<string, string>, query: string) => Promise<{ body: { data?: Record<string, unknown> } }>;

const TYPE = 'type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';

/** Root fields and input types with their arguments, from introspection (empty when introspection is refused). */
export async function introspect(post: Post, headers: Record<string, string>): Promise<ServedRoots> {
  const Q = `{ __schema { queryType { fields { name args { name ${TYPE} } } } mutationType { fields { name args { name ${TYPE} } } }
    types { kind name inputFields { name ${TYPE} } } } }`;
  try {
    const s = (await post(headers, Q)).body.data!.__schema as { queryType: { fields: RootField[] }; mutationType: { fields: RootField[] } | null; types: Array<{ kind: string; name: string; inputFields: RootField['args'] | null }> };
    return { queries: s.queryType.fields, mutations: s.mutationType?.fields ?? [], inputs: new Map(s.types.filter((t) => t.kind === 'INPUT_OBJECT').map((t) => [t.name, t.inputFields ?? []])) };
  } catch (err) {
    console.log(`introspection refused (${String(err).slice(0, 120)}): the queue and transition parts are skipped`);
    return { queries: [], mutations: [], inputs: new Map() };
  }
}
