import type { Databases } from '../../db/databases';
import { tagRule } from '../../tags/tagRules';
import { Tag } from '../../tags/tag';
import { TAG_CATALOG } from '../../tags/tagCatalog';
import type { PageRequest } from './criteria';
import type { SpineHouseholdCandidate as HouseholdCandidate, SpinePersonCandidate as PersonCandidate } from '../../departments/identity';
import { groupByKey, guarded } from '../keyedLoader';
import { confirmTags, tagDepartments, tagsAnsweredBy } from './tagChecks';
import type { TagLoaders } from './tagLoaders';

/** Tags another department must confirm (those declared with a `check`; the rest, FLOATING_POPULATION, the spine decides alone in SQL). */
export function federatedTags(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => TAG_CATALOG[t].check !== undefined);
}

/** Matching candidates, and a way to hand the departments' answers about the returned page to the request's tag loaders. */
export interface Carrying<C> {
  matching: C[];
  /**
   * Primes the request's tag loader of each department that was asked about every tag it answers
   * (health, for NEEDS_HEALTH_FOLLOW_UP) with its answer for `idNumbers`, so the page's own tag
   * fields do not ask it again. Only ID numbers the department was asked about are primed; call it
   * with the page's persons only (a search may check thousands of candidates to show twenty).
   */
  primeFor(idNumbers: readonly string[]): void;
}

interface Confirmation {
  confirmed: Map<string, Set<Tag>>;
  primeFor(idNumbers: readonly string[]): void;
}

/**
 * The department parts of `tags` for `idNumbers`: one `= ANY($1)` round trip to each department
 * that answers one of the tags, in parallel (none when no ID number is left). Returns each
 * person's confirmed tags, and `primeFor` (see `Carrying`).
 */
async function confirmAcrossDepartments(dbs: Databases, tags: readonly Tag[], idNumbers: string[], tagLoaders?: TagLoaders): Promise<Confirmation> {
  const primers: Array<(ids: readonly string[]) => void> = [];
  const answers = await Promise.all(
    tagDepartments().map(async (d) => {
      const asked = tagsAnsweredBy(d.name, tags);
      if (asked.length === 0) return [];
      const rows = await guarded(d.label, () => confirmTags(dbs[d.name], asked, idNumbers));
      const loader = tagLoaders?.[d.name];
      if (loader && d.tags.every((t) => asked.includes(t))) {
        primers.push((ids) => {
          const wanted = new Set(ids);
          const byId = groupByKey(rows.filter((r) => wanted.has(r.id_number)), (r) => r.id_number);
          for (const id of idNumbers) if (wanted.has(id)) loader.prime(id, byId.get(id) ?? []);
        });
      }
      return rows;
    }),
  );
  const confirmed = new Map<string, Set<Tag>>();
  for (const row of answers.flat()) {
    const set = confirmed.get(row.id_number) ?? new Set<Tag>();
    set.add(row.tag);
    confirmed.set(row.id_number, set);
  }
  return { confirmed, primeFor: (ids) => primers.forEach((p) => p(ids)) };
}

/** The persons among the identity spine's candidates (in search-key order) who carry every tag. */
export async function personsCarrying(dbs: Databases, candidates: PersonCandidate[], tags: readonly Tag[], today: string, tagLoaders?: TagLoaders): Promise<Carrying<PersonCandidate>> {
  const { confirmed, primeFor } = await confirmAcrossDepartments(dbs, tags, candidates.map((p) => p.id_number), tagLoaders);
  const rules = tags.map((t) => tagRule(t, today));
  return { matching: candidates.filter((p) => rules.every((r) => r.carries(p.birth_date, p.household_no, confirmed.get(p.id_number)))), primeFor };
}

/**
 * The households among the identity spine's candidates (in search-key order) where each tag is
 * carried by some registered member. Only members whose identity part (age) leaves a tag open are sent to the
 * departments.
 */
export async function householdsCarrying(dbs: Databases, candidates: HouseholdCandidate[], tags: readonly Tag[], today: string, tagLoaders?: TagLoaders): Promise<Carrying<HouseholdCandidate>> {
  const rules = tags.map((t) => tagRule(t, today));
  const open: string[] = [];
  for (const { members } of candidates) {
    for (const m of members) {
      if (rules.some((r) => r.identityPart(m.birth_date, m.household_no))) open.push(m.id_number);
    }
  }
  const { confirmed, primeFor } = await confirmAcrossDepartments(dbs, tags, open, tagLoaders);
  const matching = candidates.filter(({ members }) => rules.every((r) => members.some((m) => r.carries(m.birth_date, m.household_no, confirmed.get(m.id_number)))));
  return { matching, primeFor };
}

/** The page of `matching` (in search-key order) after the cursor's key, and whether more follow. */
export function pageOf<K>(matching: K[], page: PageRequest, keyOf: (m: K) => string): { slice: K[]; hasNextPage: boolean } {
  const start = page.after === null ? 0 : matching.findIndex((m) => Number(keyOf(m)) > page.after!);
  if (start < 0) return { slice: [], hasNextPage: false };
  return { slice: matching.slice(start, start + page.first), hasNextPage: start + page.first < matching.length };
}
