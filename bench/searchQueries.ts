import { Tag } from '../src/tags/tag';

/** (a) The street worker's result list: each household's address, size, tags and members by name and age. */
export const GRID_TAG_SEARCH = `query GridTagSearch($filter: SearchFilter) {
  searchHouseholds(filter: $filter, first: 20) {
    totalCount
    edges { cursor node { id address { text } size tags { elderlyLivingAlone disabled lowIncome needsHealthFollowUp } members { id name age tags { elderlyLivingAlone } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** (a) without members (`--list households`): the list a household file is opened from. */
export const GRID_TAG_SEARCH_HOUSEHOLDS_ONLY = `query GridTagSearch($filter: SearchFilter) {
  searchHouseholds(filter: $filter, first: 20) {
    totalCount
    edges { cursor node { id address { text } size tags { elderlyLivingAlone disabled lowIncome needsHealthFollowUp } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** (a) as the shortest list (`--list addresses`): where each household is and how many live there, nothing from the departments. */
export const GRID_TAG_SEARCH_ADDRESSES = `query GridTagSearch($filter: SearchFilter) {
  searchHouseholds(filter: $filter, first: 20) {
    totalCount
    edges { cursor node { id address { text } size } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** (a) with no page at all (`--list count`): the search and its access record, nothing listed. */
export const GRID_TAG_SEARCH_COUNT = `query GridTagSearch($filter: SearchFilter) {
  searchHouseholds(filter: $filter, first: 20) { totalCount }
}`;

/** (b) A department officer looking a name up city-wide: who, how old, where they live. */
export const NAME_SEARCH = `query NameSearch($filter: SearchFilter) {
  searchPersons(filter: $filter, first: 20) {
    totalCount
    edges { cursor node { id name sex age actualAddress { text } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The tags scenario (a) rotates through (one per request). */
export const TAGS_A: readonly Tag[] = [Tag.ELDERLY_LIVING_ALONE, Tag.DISABLED, Tag.LOW_INCOME, Tag.NEEDS_HEALTH_FOLLOW_UP];
