import { visitScopeOf } from '../../sources/visitScope';
import { BadInputError } from '../../errors';
import type { Access } from '../../policy/access';
import { ageDayFor } from '../../policy/ageDay';
import { filterFields, mayMatchBy, SearchFilterArgument } from '../../policy/matchingArguments';
import type { SearchCriteria } from '../../sources/search/criteria';
import { Tag } from '../../tags/tag';
import { TAG_CATALOG } from '../../tags/tagCatalog';
import { parseAddressText } from './addressQuery';
import { parseNameQuery } from './nameQuery';
import type { SearchFilter } from './searchFilter.input';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_AREA_IDS = 50;
const MAX_TEXT = 100;
const MAX_AGE = 150;
const GRID_ID = /^\d{12}-G\d{2}$/;
const COMMUNITY_CODE = /^\d{12}$/;

/**
 * The declared fields a filter discloses about every result it returns (a search for LOW_INCOME
 * tells the caller each result is low-income, whatever fields they select), for the access log.
 * Person searches disclose per person; household searches disclose the household's own facts and,
 * for member conditions, that some member matches (`Household.members`).
 */
export function disclosedByFilter(filter: SearchFilter | null | undefined, kind: 'person' | 'household'): string[] {
  const f = filter ?? {};
  const keys = new Set<string>();
  if (f.gridIds?.length) filterFields('gridIds').forEach((k) => keys.add(k));
  if (f.communityCodes?.length) filterFields('communityCodes').forEach((k) => keys.add(k));
  if (f.address) filterFields('address').forEach((k) => keys.add(k));
  const tagType = kind === 'person' ? 'PersonTags' : 'HouseholdTags';
  for (const tag of f.tags ?? []) keys.add(`${tagType}.${TAG_CATALOG[tag].field}`);
  const memberConditions: string[] = [];
  if (f.name) memberConditions.push(...filterFields('name'));
  if (f.minAge != null || f.maxAge != null) memberConditions.push(...filterFields('minAge'));
  if (f.livesAwayFromRegisteredAddress != null) memberConditions.push(...filterFields('livesAwayFromRegisteredAddress'));
  if (f.notVisitedSinceDays != null) filterFields('notVisitedSinceDays').forEach((k) => keys.add(k));
  if (f.visitOutcome != null) filterFields('visitOutcome').forEach((k) => keys.add(k));
  if (kind === 'person') memberConditions.forEach((k) => keys.add(k));
  else if (memberConditions.length) keys.add('Household.members');
  return [...keys].sort();
}

/** Longest look-back of `notVisitedSinceDays` (ten years). */
const MAX_DAYS = 3650;

function invalid(argument: string, message: string): BadInputError {
  return new BadInputError('INVALID_FILTER', message, { argument: `filter.${argument}` });
}

/** FILTER_NOT_PERMITTED unless the caller may match by the filter's field (policy/matchingArguments.ts). */
function requireMatchable(access: Access, filter: SearchFilterArgument, named: string = filter): void {
  if (!filterFields(filter).every((field) => mayMatchBy(access, field))) {
    throw new BadInputError('FILTER_NOT_PERMITTED', `Your role may not search by ${named} for the declared purpose.`, { argument: `filter.${named}` });
  }
}

/** Page size: 1 to MAX_PAGE_SIZE, else a coded error (never a silent cap). */
export function checkPageSize(first: number): number {
  if (first > MAX_PAGE_SIZE) {
    throw new BadInputError('PAGE_SIZE_TOO_LARGE', `At most ${MAX_PAGE_SIZE} results per page.`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  if (first < 1) throw new BadInputError('INVALID_PAGE_SIZE', 'first must be at least 1.', { argument: 'first' });
  return first;
}

/**
 * Whether the caller may see (and so filter by) a tag: the request's decision for the tag's field
 * (`PersonTags.<tag>` carries the tag's declaration). Tags have no partial form, so only ALLOW shows.
 */
export function tagAllowed(access: Access, tag: Tag): boolean {
  return mayMatchBy(access, `PersonTags.${TAG_CATALOG[tag].field}`);
}

function checkText(argument: string, value: string, min: number): string {
  const text = value.trim();
  if (Array.from(text).length < min) throw invalid(argument, `${argument} needs at least ${min} characters.`);
  if (Array.from(text).length > MAX_TEXT) throw invalid(argument, `${argument} is longer than ${MAX_TEXT} characters.`);
  return text;
}

function checkIds(argument: string, ids: readonly string[], pattern: RegExp, what: string): string[] {
  if (ids.length > MAX_AREA_IDS) throw invalid(argument, `At most ${MAX_AREA_IDS} ${what}s.`);
  for (const id of ids) if (!pattern.test(id)) throw invalid(argument, `Not a valid ${what}.`);
  return [...new Set(ids)];
}

/**
 * Validates a search filter against the caller's policy and normalises it for the sources. Every
 * problem is a coded error naming the argument: INVALID_FILTER (malformed), FILTER_NOT_PERMITTED,
 * TAG_NOT_PERMITTED, TAG_NOT_APPLICABLE (floating population in a household search).
 */
export function toCriteria(filter: SearchFilter | null | undefined, kind: 'person' | 'household', access: Access): SearchCriteria {
  const f = filter ?? {};
  const gridIds = checkIds('gridIds', f.gridIds ?? [], GRID_ID, 'grid id');
  const communityCodes = checkIds('communityCodes', f.communityCodes ?? [], COMMUNITY_CODE, 'community code');
  if (gridIds.length) requireMatchable(access, 'gridIds');
  if (communityCodes.length) requireMatchable(access, 'communityCodes');
  let address: ReturnType<typeof parseAddressText> | null = null;
  if (f.address !== null && f.address !== undefined) {
    requireMatchable(access, 'address');
    address = parseAddressText(checkText('address', f.address, 2));
  }
  const area = gridIds.length || communityCodes.length || address
    ? { gridIds, communityCodes, buildingText: address?.buildingText ?? null, roomPrefix: address?.roomPrefix ?? null }
    : null;

  let name = null;
  if (f.name !== null && f.name !== undefined) {
    requireMatchable(access, 'name');
    name = parseNameQuery(checkText('name', f.name, 1));
  }
  const minAge = f.minAge ?? null;
  const maxAge = f.maxAge ?? null;
  for (const [argument, age] of [['minAge', minAge], ['maxAge', maxAge]] as const) {
    if (age !== null && (age < 0 || age > MAX_AGE)) throw invalid(argument, `Ages run from 0 to ${MAX_AGE}.`);
  }
  if (minAge !== null && maxAge !== null && minAge > maxAge) throw invalid('minAge', 'minAge is above maxAge.');
  if (minAge !== null || maxAge !== null) requireMatchable(access, 'minAge', 'age');
  const livesAway = f.livesAwayFromRegisteredAddress ?? null;
  if (livesAway !== null) requireMatchable(access, 'livesAwayFromRegisteredAddress');

  const tags = [...new Set(f.tags ?? [])];
  for (const tag of tags) {
    if (!tagAllowed(access, tag)) {
      throw new BadInputError('TAG_NOT_PERMITTED', `Your role may not see the tag ${tag} for the declared purpose.`, { argument: 'filter.tags', tag });
    }
    if (kind === 'household' && !TAG_CATALOG[tag].household) {
      throw new BadInputError('TAG_NOT_APPLICABLE', `Registered household members never carry ${tag}; search persons for it.`, { argument: 'filter.tags', tag });
    }
  }
  const notMetSinceDays = f.notVisitedSinceDays ?? null;
  if (notMetSinceDays !== null && (!Number.isInteger(notMetSinceDays) || notMetSinceDays < 1 || notMetSinceDays > MAX_DAYS)) {
    throw invalid('notVisitedSinceDays', `notVisitedSinceDays runs from 1 to ${MAX_DAYS}.`);
  }
  if (notMetSinceDays !== null) requireMatchable(access, 'notVisitedSinceDays');
  const lastOutcome = f.visitOutcome ?? null;
  if (lastOutcome !== null) requireMatchable(access, 'visitOutcome');
  const visits = notMetSinceDays !== null || lastOutcome !== null ? { notMetSinceDays, lastOutcome, scope: visitScopeOf(access.rowScope) } : null;
  return { area, name, minAge, maxAge, ageDay: ageDayFor(access), livesAwayFromRegisteredAddress: livesAway, tags, visits };
}
