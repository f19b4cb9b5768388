import type { Access } from './access';

/**
 * The one rule for arguments that find residents by a value: matching by a field's value confirms
 * that value of everyone matched, so a caller may match by a field only where the request's
 * decision for reading that field is ALLOW (a masked name must not be confirmable by searching
 * for it; a masked ID number not by looking it up). The look-up gate (identifier arguments, before
 * execution) and the search filter (on the search field) both ask this, over the same decisions
 * reads are served by.
 */
export function mayMatchBy(access: Access, field: string): boolean {
  return access.decisions.get(field) === 'ALLOW';
}

/**
 * Every input field of `SearchFilter` that matches residents by a declared field's value, keyed by
 * its schema coordinate. Tags (`SearchFilter.tags`) match by each tag's own field (`PersonTags.<tag>`,
 * see tags/tagCatalog.ts). test/searchPolicy.test.ts checks every other input field is here and
 * every field named here is declared.
 */
export const SEARCH_FILTER_FIELDS = {
  'SearchFilter.gridIds': 'Address.grid',
  'SearchFilter.communityCodes': 'Address.community',
  'SearchFilter.address': 'Address.text',
  'SearchFilter.name': 'Person.name',
  'SearchFilter.minAge': 'Person.age',
  'SearchFilter.maxAge': 'Person.age',
  'SearchFilter.livesAwayFromRegisteredAddress': 'Person.livesAwayFromRegisteredAddress',
  // The street office's visits (src/departments/street): when a member was last met, and how the
  // latest visit ended.
  'SearchFilter.notVisitedSinceDays': 'Visit.visitedAt',
  'SearchFilter.visitOutcome': 'Visit.outcome',
} as const;

type FilterCoordinate = keyof typeof SEARCH_FILTER_FIELDS;
/** A search filter argument by its name in `SearchFilter`. */
export type SearchFilterArgument = { [C in FilterCoordinate]: C extends `SearchFilter.${infer A}` ? A : never }[FilterCoordinate];

/** The declared field a search filter argument matches by. */
export function filterField(argument: SearchFilterArgument): string {
  return SEARCH_FILTER_FIELDS[`SearchFilter.${argument}`];
}
