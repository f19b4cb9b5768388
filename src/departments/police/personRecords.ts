import { recordMisses } from '../../policy/disclosureLog';
import type { PolicePersonRow } from './policeRows';
import type { Context } from '../../schema/context';
import { Person } from './person.type';

/**
 * Turns police identity rows into `Person` objects with their hub ids (one batched index lookup
 * for the whole list; unseen ID numbers of these police rows are registered in the index, the only
 * place an ID number gets a hub id). Rows whose index entry
 * cannot be made are dropped rather than exposed without an opaque id.
 */
export async function personsFromRows(ctx: Context, rows: readonly PolicePersonRow[]): Promise<Person[]> {
  const index = await ctx.loaders.hub.personIndexOfPoliceRow.loadMany(rows.map((r) => r.id_number));
  const persons: Person[] = [];
  rows.forEach((row, i) => {
    const entry = index[i];
    if (entry instanceof Error) throw entry;
    if (entry) persons.push(new Person(entry.id, row));
  });
  return persons;
}

/** The person with this ID number, or null if police have no such person. */
export async function personByIdNumber(ctx: Context, idNumber: string): Promise<Person | null> {
  const row = await ctx.loaders.police.personByIdNumber.load(idNumber);
  if (!row) return null;
  const [person] = await personsFromRows(ctx, [row]);
  return person ?? null;
}

/** Counts, for the access log, ids the caller asked for that came back empty (missing or out of scope). */
export function countMisses<T>(ctx: Context, results: T[]): T[] {
  return recordMisses(ctx.audit, results);
}

/** The person with this hub id, or null if the index or police do not know them. */
export async function personByHubId(ctx: Context, hubId: string): Promise<Person | null> {
  const entry = await ctx.loaders.hub.personIndexByHubId.load(hubId);
  if (!entry) return null;
  const row = await ctx.loaders.police.personByIdNumber.load(entry.id_number);
  return row ? new Person(entry.id, row) : null;
}
