import type { Databases } from '../../db/databases';
import { tagRule } from '../../tags/tagRules';
import { Tag, TAGS } from '../../tags/tag';
import type { PageRequest } from './criteria';
import type { HouseholdCandidate, HouseholdHitRow, PersonCandidate } from './policeSearch';
import { groupByKey, guarded } from '../keyedLoader';
import { confirmTags, TagRow, tagsAnsweredBy } from './tagChecks';
import type { TagLoaders } from './tagLoaders';

const DEPARTMENTS = ['civil', 'health'] as const;
/** Every tag each department answers: what its per-request tag loader asks it for. */
const ANSWERED_BY = { civil: tagsAnsweredBy('civil', TAGS), health: tagsAnsweredBy('health', TAGS) };

/**
 * Hands a department's answer for every tag it answers to the request's tag loader, so the page's
 * own tag fields do not ask the same department about the same persons again.
 */
function prime(loader: TagLoaders['civil'], idNumbers: readonly string[], rows: readonly TagRow[]): void {
  const byId = groupByKey(rows, (r) => r.id_number);
  for (const id of idNumbers) loader.prime(id, byId.get(id) ?? []);
}

/** Tags another department must confirm (all but FLOATING_POPULATION, which police decide alone in SQL). */
export function federatedTags(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => t !== Tag.FLOATING_POPULATION);
}

/**
 * The department parts of `tags` for `idNumbers`: one `= ANY($1)` round trip to each department
 * that answers one of the tags, in parallel (none when no ID number is left). Returns each
 * person's confirmed tags. When a department was asked about every tag it answers (health:
 * NEEDS_HEALTH_FOLLOW_UP), its answer is exactly what the request's tag loader would fetch for
 * these persons, so it primes `tagLoaders` with it.
 */
async function confirmAcrossDepartments(dbs: Databases, tags: readonly Tag[], idNumbers: string[], tagLoaders?: TagLoaders): Promise<Map<string, Set<Tag>>> {
  const answers = await Promise.all(
    DEPARTMENTS.map(async (d) => {
      const asked = tagsAnsweredBy(d, tags);
      if (asked.length === 0) return [];
      const rows = await guarded(d === 'civil' ? 'civil affairs' : 'health', () => confirmTags(dbs[d], asked, idNumbers));
      if (tagLoaders && ANSWERED_BY[d].every((t) => asked.includes(t))) prime(tagLoaders[d], idNumbers, rows);
      return rows;
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
export async function personsCarrying(dbs: Databases, candidates: PersonCandidate[], tags: readonly Tag[], today: string, tagLoaders?: TagLoaders): Promise<PersonCandidate[]> {
  const confirmed = await confirmAcrossDepartments(dbs, tags, candidates.map((p) => p.id_number), tagLoaders);
  const rules = tags.map((t) => tagRule(t, today));
  return candidates.filter((p) => rules.every((r) => r.carries(p.birth_date, p.household_no, confirmed.get(p.id_number))));
}

/**
 * The households among police candidates (in search-key order) where each tag is carried by some
 * registered member. Only members whose police part (age) leaves a tag open are sent to the
 * departments.
 */
export async function householdsCarrying(dbs: Databases, candidates: HouseholdCandidate[], tags: readonly Tag[], today: string, tagLoaders?: TagLoaders): Promise<HouseholdHitRow[]> {
  const rules = tags.map((t) => tagRule(t, today));
  const open: string[] = [];
  for (const { members } of candidates) {
    for (const m of members) {
      if (rules.some((r) => r.policePart(m.birth_date, m.household_no))) open.push(m.id_number);
    }
  }
  const confirmed = await confirmAcrossDepartments(dbs, tags, open, tagLoaders);
  return candidates
    .filter(({ members }) => rules.every((r) => members.some((m) => r.carries(m.birth_date, m.household_no, confirmed.get(m.id_number)))))
    .map((c) => c.row);
}

/** The page of `matching` (in search-key order) after the cursor's key, and whether more follow. */
export function pageOf<K extends { search_key: string }>(matching: K[], page: PageRequest): { slice: K[]; hasNextPage: boolean } {
  const start = page.after === null ? 0 : matching.findIndex((m) => Number(m.search_key) > page.after!);
  if (start < 0) return { slice: [], hasNextPage: false };
  return { slice: matching.slice(start, start + page.first), hasNextPage: start + page.first < matching.length };
}
