import type { Databases } from '../../db/databases';
import { carriesTag, policePartHolds } from '../../tags/carriesTag';
import { Tag } from '../../tags/tag';
import type { PageRequest } from './criteria';
import type { HouseholdCandidate, HouseholdHitRow, PersonCandidate } from './policeSearch';
import { guarded } from '../keyedLoader';
import { confirmTags, tagsAnsweredBy } from './tagChecks';

const NO_TAGS: ReadonlySet<Tag> = new Set();

/** Tags another department must confirm (all but FLOATING_POPULATION, which police decide alone in SQL). */
export function federatedTags(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => t !== Tag.FLOATING_POPULATION);
}

/**
 * The department parts of `tags` for `idNumbers`: one `= ANY($1)` round trip to each department
 * that answers one of the tags, in parallel (none when no ID number is left). Returns each
 * person's confirmed tags.
 */
async function confirmAcrossDepartments(dbs: Databases, tags: readonly Tag[], idNumbers: string[]): Promise<Map<string, Set<Tag>>> {
  const answers = await Promise.all(
    (['civil', 'health'] as const).map((d) => {
      const asked = tagsAnsweredBy(d, tags);
      return asked.length ? guarded(d === 'civil' ? 'civil affairs' : 'health', () => confirmTags(dbs[d], asked, idNumbers)) : [];
    }),
  );
  const confirmed = new Map<string, Set<Tag>>();
  for (const row of answers.flat()) {
    const set = confirmed.get(row.id_number) ?? new Set<Tag>();
    set.add(row.tag);
    confirmed.set(row.id_number, set);
  }
  return confirmed;
}

/** The persons among police candidates (in search-key order) who carry every tag. */
export async function personsCarrying(dbs: Databases, candidates: PersonCandidate[], tags: readonly Tag[], today: string): Promise<PersonCandidate[]> {
  const confirmed = await confirmAcrossDepartments(dbs, tags, candidates.map((p) => p.id_number));
  return candidates.filter((p) => {
    const facts = { birthDate: p.birth_date, householdNo: p.household_no, confirmed: confirmed.get(p.id_number) ?? NO_TAGS };
    return tags.every((t) => carriesTag(t, facts, today));
  });
}

/**
 * The households among police candidates (in search-key order) where each tag is carried by some
 * registered member. Only members whose police part (age) leaves a tag open are sent to the
 * departments.
 */
export async function householdsCarrying(dbs: Databases, candidates: HouseholdCandidate[], tags: readonly Tag[], today: string): Promise<HouseholdHitRow[]> {
  const open: string[] = [];
  for (const { members } of candidates) {
    for (const m of members) {
      if (tags.some((t) => policePartHolds(t, { birthDate: m.birth_date, householdNo: m.household_no }, today))) open.push(m.id_number);
    }
  }
  const confirmed = await confirmAcrossDepartments(dbs, tags, open);
  return candidates
    .filter(({ members }) =>
      tags.every((t) =>
        members.some((m) => carriesTag(t, { birthDate: m.birth_date, householdNo: m.household_no, confirmed: confirmed.get(m.id_number) ?? NO_TAGS }, today)),
      ),
    )
    .map((c) => c.row);
}

/** The page of `matching` (in search-key order) after the cursor's key, and whether more follow. */
export function pageOf<K extends { search_key: string }>(matching: K[], page: PageRequest): { slice: K[]; hasNextPage: boolean } {
  const start = page.after === null ? 0 : matching.findIndex((m) => Number(m.search_key) > page.after!);
  if (start < 0) return { slice: [], hasNextPage: false };
  return { slice: matching.slice(start, start + page.first), hasNextPage: start + page.first < matching.length };
}
