/** Rows of the hub's own database, as the hub source returns them. */

export interface PersonIndexRow {
  id: string;
  id_number: string;
}

export interface HouseholdIndexRow {
  id: string;
  household_no: string;
}

/** A building of the standard address library with its grid, community and street. */
export interface BuildingRow {
  code: string;
  address: string;
  grid_id: string;
  grid_name: string;
  community_code: string;
  community_name: string;
  street_code: string;
  street_name: string;
  district_code: string;
  district_name: string;
}

export interface GridRow {
  id: string;
  name: string;
  community_code: string;
}

export interface CommunityRow {
  code: string;
  name: string;
  street_code: string;
  street_name: string;
  district_code: string;
  district_name: string;
}
