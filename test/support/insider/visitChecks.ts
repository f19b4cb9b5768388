/**
 * What the insider checks about the street office's visits, beyond the candidate counts (visits
 * carry no identifier digits, dates of birth or ages in the demo seed, so they narrow no count):
 * a note must not carry a resident's identifier, and a member met must not name a resident the
 * caller cannot open — a visit must not confirm the presence of someone out of the caller's reach.
 */
import type { GraphQLResponse } from '../http';
import type { Collection } from './absorb';
import type { Truth } from './attack';

type Query = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

/** ID numbers (with a separator or not) and mobile numbers written in a note, as the truth knows them. */
export function identifiersInNotes(c: Collection, truth: Truth): string[] {
  const known = new Set<string>();
  for (const p of truth.persons.values()) {
    known.add(p.idNumber);
    if (p.phone) known.add(p.phone);
  }
  const found: string[] = [];
  for (const [id, v] of c.visits) {
    const digits = (v.note ?? '').replace(/[\s-]/g, '');
    for (const m of digits.matchAll(/\d{17}[\dXx]|1\d{10}/g)) if (known.has(m[0].toUpperCase())) found.push(`visit ${id}`);
  }
  return found;
}

/** Ids named by Visit.membersMet that the caller never read as a person on any path. */
export function membersNotRead(c: Collection): string[] {
  const named = new Set<string>();
  for (const v of c.visits.values()) for (const m of v.membersMet) named.add(m);
  return [...named].filter((id) => !c.persons.has(id)).sort();
}

/**
 * Of these ids, those the caller cannot open with persons(ids): residents out of its reach that a
 * visit nevertheless named. At most `limit` are asked (each miss counts against the miss budget).
 */
export async function unreachable(query: Query, ids: readonly string[], limit = 20): Promise<string[]> {
  const asked = ids.slice(0, limit);
  if (!asked.length) return [];
  const res = await query('query($ids: [ID!]!) { persons(ids: $ids) { id } }', { ids: asked });
  const found = new Set(((res.data?.persons ?? []) as Array<{ id: string } | null>).flatMap((p) => (p ? [p.id] : [])));
  return asked.filter((id) => !found.has(id));
}
