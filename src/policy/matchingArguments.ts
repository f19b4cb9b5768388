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
 * Every input field of `SearchFilter` that matches residents by declared fields' values, keyed by
 * its schema coordinate, with every field whose value the match depends on — a filter is accepted
 * only where each of them is ALLOWed, and each is recorded as disclosed for every result. Tags
 * (`SearchFilter.tags`) match by each tag's own field (`PersonTags.<tag>`, see tags/tagCatalog.ts).
 * test/searchPolicy.test.ts checks every other input field is here and every field named here is declared.
 */
export const SEARCH_FILTER_FIELDS = {
  'SearchFilter.gridIds': ['Address.grid'],
  'SearchFilter.communityCodes': ['Address.community'],
  'SearchFilter.address': ['Address.text'],
  'SearchFilter.name': ['Person.name'],
  'SearchFilter.minAge': ['Person.age'],
  'SearchFilter.maxAge': ['Person.age'],
  'SearchFilter.livesAwayFromRegisteredAddress': ['Person.livesAwayFromRegisteredAddress'],
  // The street office's visits (src/departments/street). "Not met since N days" tells, besides
  // the dates, who was met (persons: Visit.membersMet) and whether a visit met anyone (households:
  // Visit.outcome MET): gated on the date alone it let a role that may read only visit dates learn
  // how each visit ended (test/visitOracles.test.ts).
  'SearchFilter.notVisitedSinceDays': ['Visit.visitedAt', 'Visit.membersMet', 'Visit.outcome'],
  'SearchFilter.visitOutcome': ['Visit.outcome'],
} as const satisfies Record<string, readonly string[]>;

type FilterCoordinate = keyof typeof SEARCH_FILTER_FIELDS;
/** A search filter argument by its name in `SearchFilter`. */
export type SearchFilterArgument = { [C in FilterCoordinate]: C extends `SearchFilter.${infer A}` ? A : never }[FilterCoordinate];

/** The declared fields a search filter argument matches by (all must be ALLOWed to use it). */
export function filterFields(argument: SearchFilterArgument): readonly string[] {
  return SEARCH_FILTER_FIELDS[`SearchFilter.${argument}`];
}
