import { createHash, randomUUID } from 'node:crypto';
import type { CheckRunTickets, CheckRunTicketsInput } from '../module';
import { insertTicketsBatch } from './findingTicketRows';
import { TICKET_CREATED_FIELDS } from './tickets/newTickets';
import { loadWorkingCalendar } from './tickets/ticketCalendar';
import { afterTicketCommitted, TicketEvent } from './tickets/ticketEvents';
import { insertTransition, updateTicketAtVersion, TicketRow } from './tickets/ticketRows';
import { canTransition } from './tickets/ticketStates';
import { placesOfPersons } from './subjectPlaces';
import { checkFindingItem } from './findingItems';
import { CHECKS_PRINCIPAL, commitSystemWrite } from '../../checks/systemWrite';

/**
 * Findings become tickets (issue 18): after each check run (src/checks/run.ts calls the street
 * module's `afterCheckRun` through the registry), `syncFindingTickets`
 *
 * - files one ticket per open finding about a person with a registered household here, in the
 *   owner department's queue (the need item `checkFindingItem(owner)` routes it), about that
 *   household and person — ids only: the summary names the finding id, never the rule, a value or
 *   a name (the owner reads the case in `discrepancies`, where its level is checked). The finding
 *   id is the idempotency key of the system principal, so a re-run, or a run that stopped after the
 *   ticket committed, never files a second one; the finding keeps the ticket id.
 * - resolves the ticket of a finding resolved at the source (the run no longer found it), with the
 *   reason, when the ticket is still open and may move to RESOLVED (a TRANSFERRED ticket waits
 *   until accepted; one already resolved by the department is left as it is).
 *
 * Every batch of ticket writes is one street transaction committed only after its WRITTEN record
 * (households, persons and fields, no values) is in the access log chain (./systemWrite.ts).
 * Findings with no household (the owner's own record, or a person not registered here) get no
 * ticket: they are worked from `discrepancies` only.
 */
type FindingTicketsOptions = CheckRunTicketsInput;

/** The system principal's idempotency key for a finding's ticket. */
export const findingTicketKey = (findingId: string): string => `finding:${findingId}`;

const ticketsPerWrite = (o: FindingTicketsOptions): number => o.batch ?? 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Unticketed { id: string; owner: string; subject_id: string }

/** Files the missing tickets of open findings; returns how many were filed and how many have no household. */
async function fileTickets(o: FindingTicketsOptions): Promise<{ filed: number; withoutHousehold: number }> {
  const { dbs } = o;
  const findings: Unticketed[] = (await dbs.hub.raw(
    'SELECT id::text AS id, owner, subject_id::text AS subject_id FROM check_findings WHERE resolved_at IS NULL AND ticket_id IS NULL AND subject_id IS NOT NULL ORDER BY id')).rows;
  if (findings.length === 0) return { filed: 0, withoutHousehold: 0 };
  const places = await placesOfPersons(dbs, [...new Set(findings.map((f) => f.subject_id))]);
  const placed = findings.filter((f) => places.has(f.subject_id));
  const calendar = await loadWorkingCalendar(dbs.street);
  let filed = 0;
  for (const chunk of chunks(placed, ticketsPerWrite(o))) {
    const now = o.now ?? new Date();
    const requestId = randomUUID();
    const startedAt = performance.now();
    const creator = { subject: CHECKS_PRINCIPAL.subject, role: CHECKS_PRINCIPAL.role, department: null, requestId };
    const trx = await dbs.street.transaction();
    const linked: Array<{ findingId: string; ticketId: string }> = [];
    const created: Array<{ householdId: string; personId: string; event: TicketEvent }> = [];
    try {
      const specs = chunk.map((f) => {
        const place = places.get(f.subject_id)!;
        const key = findingTicketKey(f.id);
        return {
          householdId: place.householdId, personId: f.subject_id, gridId: place.gridId, communityCode: place.communityCode,
          item: checkFindingItem(f.owner), source: 'FINDING' as const, visitId: null, summary: `cross-department check finding ${f.id}`,
          solvedOnSpot: false, idempotencyKey: key, payloadHash: createHash('sha256').update(key).digest('hex'),
        };
      });
      const batch = await insertTicketsBatch(trx, creator, specs, now, calendar);
      const idOfKey = new Map([...batch.existing, ...batch.created.map((c) => [c.row.idempotency_key!, c.row.id] as const)]);
      for (const f of chunk) linked.push({ findingId: f.id, ticketId: idOfKey.get(findingTicketKey(f.id))! });
      for (const c of batch.created) created.push({ householdId: c.row.household_id, personId: c.row.person_id!, event: c.event });
      if (created.length) {
        await commitSystemWrite(trx, o.append, {
          requestId, department: 'street', purpose: 'TICKET_HANDLING', fields: TICKET_CREATED_FIELDS, startedAt,
          households: created.map((c) => c.householdId), residents: created.map((c) => c.personId),
        });
      } else {
        await trx.rollback();
      }
    } finally {
      if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
    }
    for (const c of created) afterTicketCommitted(c.event);
    filed += created.length;
    await dbs.hub.raw(`UPDATE check_findings f SET ticket_id = l.ticket_id FROM unnest(?::bigint[], ?::uuid[]) AS l(finding_id, ticket_id) WHERE f.id = l.finding_id`,
      [linked.map((l) => l.findingId), linked.map((l) => l.ticketId)]);
  }
  return { filed, withoutHousehold: findings.length - placed.length };
}

/** Statuses from which a resolved finding's ticket is resolved by the run. */
const RESOLVABLE = (status: TicketRow['status']): boolean => canTransition(status, 'RESOLVED');
/** Statuses in which the ticket no longer waits for the run (done, or already resolved by the department). */
const SETTLED: ReadonlySet<string> = new Set(['RESOLVED', 'CONFIRMED', 'RATED']);

/** Resolves the open tickets of findings resolved at the source; returns how many it resolved. */
async function closeTickets(o: FindingTicketsOptions): Promise<number> {
  const { dbs } = o;
  const due: Array<{ id: string; ticket_id: string }> = (await dbs.hub.raw(
    'SELECT id::text AS id, ticket_id::text AS ticket_id FROM check_findings WHERE resolved_at IS NOT NULL AND ticket_id IS NOT NULL AND NOT ticket_closed ORDER BY id')).rows;
  let closed = 0;
  for (const chunk of chunks(due, ticketsPerWrite(o))) {
    const tickets = new Map<string, TicketRow>(
      (await dbs.street.raw('SELECT * FROM tickets WHERE id = ANY(?::uuid[])', [chunk.map((d) => d.ticket_id)])).rows.map((t: TicketRow) => [t.id, t]));
    const now = o.now ?? new Date();
    const requestId = randomUUID();
    const startedAt = performance.now();
    const trx = await dbs.street.transaction();
    const settled: string[] = [];
    const moved: TicketRow[] = [];
    try {
      for (const d of chunk) {
        const ticket = tickets.get(d.ticket_id);
        if (!ticket || SETTLED.has(ticket.status)) { settled.push(d.id); continue; }
        if (!RESOLVABLE(ticket.status)) continue;
        const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { status: 'RESOLVED', firstAt: 'resolved_at' }, now);
        if (!updated) continue; // moved meanwhile: the next run looks again
        await insertTransition(trx, {
          ticket_id: ticket.id, from_status: ticket.status, to_status: 'RESOLVED', at: now, actor_subject: CHECKS_PRINCIPAL.subject, actor_role: CHECKS_PRINCIPAL.role,
          actor_department: null, from_department: ticket.department, to_department: ticket.department,
          reason: `resolved at the source: check run ${o.runId} no longer finds the case`, request_id: requestId,
        });
        moved.push(updated);
        settled.push(d.id);
      }
      if (moved.length) {
        await commitSystemWrite(trx, o.append, {
          requestId, department: 'street', purpose: 'TICKET_HANDLING', fields: ['Ticket.status', 'Ticket.version', 'TicketTransition.reason'], startedAt,
          households: moved.map((t) => t.household_id), residents: moved.flatMap((t) => (t.person_id ? [t.person_id] : [])),
        });
      } else {
        await trx.rollback();
      }
    } finally {
      if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
    }
    for (const t of moved) afterTicketCommitted({ ticketId: t.id, kind: 'TRANSITIONED', department: t.department, item: t.item, priority: t.priority, status: t.status, at: now, version: t.version });
    closed += moved.length;
    if (settled.length) await dbs.hub.raw('UPDATE check_findings SET ticket_closed = true WHERE id = ANY(?::bigint[])', [settled]);
  }
  return closed;
}

/** Files and closes the tickets of findings (see the module comment). Throws when a write or its record fails; the next run completes it. */
export async function syncFindingTickets(o: FindingTicketsOptions): Promise<CheckRunTickets> {
  const { filed, withoutHousehold } = await fileTickets(o);
  const closed = await closeTickets(o);
  return { filed, closed, withoutHousehold };
}
