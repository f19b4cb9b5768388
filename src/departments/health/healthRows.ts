/** Rows of the health (卫健) database. */

export interface FamilyDoctorRow {
  id_number: string;
  doctor_name: string;
  clinic: string;
  signed_on: string;
  expires_on: string;
}

export interface ChronicConditionRow {
  id_number: string;
  icd10: string;
  name: string;
  diagnosed_on: string;
  managed: boolean;
}

export interface VaccinationRow {
  id_number: string;
  vaccine: string;
  dose: number;
  given_on: string;
}

export interface BirthRow {
  certificate_no: string;
  child_id_number: string | null;
  mother_id_number: string;
  father_id_number: string | null;
  born_on: string;
  hospital: string;
  weight_grams: number;
}

export interface DeathRow {
  id_number: string;
  certificate_no: string;
  died_on: string;
  cause_icd10: string;
  cause: string;
}
