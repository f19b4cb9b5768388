/**
 * The catalogue of need items (issue 17), declared once like the policy table: every need a resident
 * raises — on a visit (`recordVisit(needs)`), through `submitNeed`, or sent by a department app —
 * is one of these items. The item fixes the category, the default priority and the department that
 * must act; routing follows this table, and changing a department's duty is one row.
 * `docs/tickets.md` is generated from it (staleness-tested).
 *
 * Departments are named by their module name (src/departments/registry.ts); a test checks each one
 * is registered. Items, not free text: a need can be routed and counted and carries nothing of the
 * resident.
 */
export const NEED_CATEGORIES = ['POLICY_ENQUIRY', 'EVERYDAY_SERVICE', 'DISPUTE_MEDIATION', 'EMERGENCY_HELP'] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

/** Priorities, fastest first: see ticketClocks.ts for what each one's clocks are. */
export const PRIORITIES = ['IMMEDIATE', 'WITHIN_24_HOURS', 'WITHIN_3_WORKING_DAYS'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface NeedItem {
  readonly code: string;
  readonly category: NeedCategory;
  readonly title: string;
  readonly priority: Priority;
  /** The department (module name) that must act on it. */
  readonly department: string;
  /** Why that department (for reviewers; printed in docs/tickets.md). */
  readonly reason: string;
}

const item = (code: string, category: NeedCategory, title: string, priority: Priority, department: string, reason: string): NeedItem => ({ code, category, title, priority, department, reason });

export const NEED_ITEMS: readonly NeedItem[] = [
  item('SUBSIDY_ENQUIRY', 'POLICY_ENQUIRY', '补贴政策咨询 subsidy and allowance enquiry', 'WITHIN_3_WORKING_DAYS', 'civil', 'civil affairs runs assistance, allowances and subsidies'),
  item('MEDICAL_INSURANCE_ENQUIRY', 'POLICY_ENQUIRY', '医保政策咨询 medical insurance enquiry', 'WITHIN_3_WORKING_DAYS', 'health', 'health answers for medical insurance at street level'),
  item('HOUSEHOLD_REGISTRATION', 'POLICY_ENQUIRY', '户籍办理咨询 household registration', 'WITHIN_3_WORKING_DAYS', 'police', 'police own 户籍 registration'),
  item('EMPLOYMENT', 'POLICY_ENQUIRY', '就业指导 job guidance', 'WITHIN_3_WORKING_DAYS', 'street', "the street's labour and social security station (劳动保障站)"),
  item('LEGAL_AID', 'POLICY_ENQUIRY', '法律援助咨询 legal aid', 'WITHIN_3_WORKING_DAYS', 'street', "the street's justice office (司法所) arranges legal aid"),
  item('MEAL_ASSISTANCE', 'EVERYDAY_SERVICE', '老年助餐 meal assistance for the elderly', 'WITHIN_3_WORKING_DAYS', 'civil', 'civil affairs runs elderly care services'),
  item('CARE_SERVICE', 'EVERYDAY_SERVICE', '居家养老照护 home care for the elderly', 'WITHIN_24_HOURS', 'civil', 'civil affairs runs elderly care services'),
  item('FINANCIAL_ASSISTANCE', 'EVERYDAY_SERVICE', '临时救助 temporary assistance', 'WITHIN_24_HOURS', 'civil', 'civil affairs grants temporary assistance'),
  item('ACCESSIBILITY', 'EVERYDAY_SERVICE', '无障碍改造 accessibility adaptation', 'WITHIN_3_WORKING_DAYS', 'civil', 'disability services sit with civil affairs here'),
  item('HOUSING_REPAIR', 'EVERYDAY_SERVICE', '房屋维修 housing repair', 'WITHIN_3_WORKING_DAYS', 'street', 'the street office coordinates repairs with property services'),
  item('MEDICAL_ASSISTANCE', 'EVERYDAY_SERVICE', '就医协助 help getting medical care', 'WITHIN_24_HOURS', 'health', 'community health service centre'),
  item('FAMILY_DOCTOR_SIGNUP', 'EVERYDAY_SERVICE', '家庭医生签约 family doctor contract', 'WITHIN_3_WORKING_DAYS', 'health', 'health signs family-doctor contracts'),
  item('CHRONIC_CARE_FOLLOW_UP', 'EVERYDAY_SERVICE', '慢病随访 chronic condition follow-up', 'WITHIN_3_WORKING_DAYS', 'health', 'health follows chronic conditions'),
  item('RECORD_CHECK_CIVIL', 'EVERYDAY_SERVICE', '数据核查 record check: civil affairs', 'WITHIN_3_WORKING_DAYS', 'civil', 'a civil affairs record disagrees with another department\'s (filed by the cross-department checks, or asked for by the resident)'),
  item('RECORD_CHECK_HEALTH', 'EVERYDAY_SERVICE', '数据核查 record check: health', 'WITHIN_3_WORKING_DAYS', 'health', 'a health record disagrees with another department\'s (filed by the cross-department checks, or asked for by the resident)'),
  item('RECORD_CHECK_POLICE', 'EVERYDAY_SERVICE', '数据核查 record check: police', 'WITHIN_3_WORKING_DAYS', 'police', 'a police record disagrees with another department\'s (filed by the cross-department checks, or asked for by the resident)'),
  item('OTHER', 'EVERYDAY_SERVICE', '其他 other', 'WITHIN_3_WORKING_DAYS', 'street', 'the street office triages what fits no item'),
  item('NEIGHBOUR_DISPUTE', 'DISPUTE_MEDIATION', '邻里纠纷 neighbour dispute', 'WITHIN_24_HOURS', 'street', "the street's people's mediation committee"),
  item('FAMILY_DISPUTE', 'DISPUTE_MEDIATION', '家庭纠纷 family dispute', 'WITHIN_24_HOURS', 'street', "the street's people's mediation committee"),
  item('PROPERTY_DISPUTE', 'DISPUTE_MEDIATION', '物业纠纷 property management dispute', 'WITHIN_3_WORKING_DAYS', 'street', 'the street office supervises property services'),
  item('DISPUTE_MEDIATION', 'DISPUTE_MEDIATION', '其他纠纷调解 other dispute', 'WITHIN_3_WORKING_DAYS', 'street', "the street's people's mediation committee"),
  item('ELDERLY_ALONE_EMERGENCY', 'EMERGENCY_HELP', '独居老人紧急情况 elderly person alone in trouble', 'IMMEDIATE', 'civil', 'civil affairs keeps the care list of elderly living alone'),
  item('MEDICAL_EMERGENCY', 'EMERGENCY_HELP', '突发疾病 sudden illness', 'IMMEDIATE', 'health', 'health dispatches emergency care'),
  item('SAFETY_HAZARD', 'EMERGENCY_HELP', '安全隐患 safety hazard', 'IMMEDIATE', 'police', 'police respond to public-safety hazards'),
  item('DOMESTIC_VIOLENCE', 'EMERGENCY_HELP', '家庭暴力 domestic violence', 'IMMEDIATE', 'police', 'police respond to domestic violence'),
];

const BY_CODE = new Map(NEED_ITEMS.map((i) => [i.code, i]));
if (BY_CODE.size !== NEED_ITEMS.length) throw new Error('NEED_ITEMS lists an item code twice');

/** The item with this code, or undefined. */
export function needItem(code: string): NeedItem | undefined {
  return BY_CODE.get(code);
}

/** The item codes, in catalogue order. */
export const NEED_ITEM_CODES: readonly string[] = NEED_ITEMS.map((i) => i.code);
