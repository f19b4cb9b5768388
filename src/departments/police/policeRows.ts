/** Rows of the police (公安) database. Dates are ISO `YYYY-MM-DD` strings. */

export interface PolicePersonRow {
  id_number: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  ethnicity: string;
  phone: string | null;
  household_no: string | null;
  relation_to_head: string | null;
  native_place: string | null;
  watch_flag: string | null;
}

export interface PoliceHouseholdRow {
  household_no: string;
  building_code: string;
  room: string;
  kind: 'FAMILY' | 'COLLECTIVE';
  registered_on: string;
}

export interface ResidenceRegistrationRow {
  id_number: string;
  building_code: string;
  room: string;
  permit_no: string | null;
  registered_on: string;
  expires_on: string | null;
  status: 'ACTIVE' | 'EXPIRED' | 'CANCELLED';
}
