import { departmentModules } from '../departments/registry';
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
 * The hub's own `SearchFilter` input fields that match residents by declared fields' values, with
 * every field whose value the match depends on.
 */
const HUB_SEARCH_FILTER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'SearchFilter.gridIds': ['Address.grid'],
  'SearchFilter.communityCodes': ['Address.community'],
  'SearchFilter.address': ['Address.text'],
  'SearchFilter.name': ['Person.name'],
  'SearchFilter.minAge': ['Person.age'],
  'SearchFilter.maxAge': ['Person.age'],
  'SearchFilter.livesAwayFromRegisteredAddress': ['Person.livesAwayFromRegisteredAddress'],
};

/**
 * Every input field of `SearchFilter` that matches residents by declared fields' values, keyed by
 * its schema coordinate, with every field whose value the match depends on: the hub's own, then
 * those the department modules add (`searchFilters`, e.g. the street office's visit filters). A
 * filter is accepted only where each of its fields is ALLOWed, and each is recorded as disclosed
 * for every result. Tags (`SearchFilter.tags`) match by each tag's own field (`PersonTags.<tag>`,
 * see tags/tagCatalog.ts). test/onePolicyPath.test.ts and test/searchPolicy.test.ts check every
 * other input field is here and every field named here is declared.
 */
export const SEARCH_FILTER_FIELDS: Readonly<Record<string, readonly string[]>> = Object.assign(
  {},
  HUB_SEARCH_FILTER_FIELDS,
  ...departmentModules().map((m) => m.searchFilters ?? {}),
);

/** A search filter argument by its name in `SearchFilter`. */
export type SearchFilterArgument = string;

/** The declared fields a search filter argument matches by (all must be ALLOWed to use it); throws for an argument no one declared (a programming error). */
export function filterFields(argument: SearchFilterArgument): readonly string[] {
  const fields = SEARCH_FILTER_FIELDS[`SearchFilter.${argument}`];
  if (fields === undefined) throw new Error(`SearchFilter.${argument} matches by no declared field (add it to SEARCH_FILTER_FIELDS or the module's searchFilters)`);
  return fields;
}
