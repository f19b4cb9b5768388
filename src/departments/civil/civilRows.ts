/** Rows of the civil affairs (民政) database. Amounts are decimal strings as PostgreSQL returns numeric. */

export interface MaritalStatusRow {
  id_number: string;
  status: 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';
  registered_on: string | null;
  spouse_id_number: string | null;
}

export interface AssistanceRow {
  id_number: string;
  kind: 'MINIMUM_LIVING' | 'EXTREME_POVERTY' | 'OLD_AGE_ALLOWANCE' | 'DISABILITY_SUBSIDY';
  monthly_amount: string;
  started_on: string;
  ended_on: string | null;
  status: 'ACTIVE' | 'STOPPED';
}

export interface DisabilityRow {
  id_number: string;
  certificate_no: string;
  category: string;
  grade: number;
  issued_on: string;
}

export interface ElderlyCareRow {
  id_number: string;
  lives_alone: boolean;
  care_level: number;
  assessed_on: string;
}

export interface ChildInDifficultyRow {
  id_number: string;
  category: 'ORPHAN' | 'DE_FACTO_UNSUPPORTED' | 'LEFT_BEHIND';
  guardian_id_number: string | null;
  registered_on: string;
}
