/**
 * The hub's catalogues as the console names them: need items (工单事项), service items (办事事项) and
 * their claims, and the cross-department check rules. Codes are the hub's; the names are for people.
 * `test/consoleCatalogues.test.ts` fails when a code here and the hub's catalogue disagree
 * (src/departments/street/tickets/needItems.ts and ticketStates.ts, src/claims/serviceItem.ts,
 * src/checks/rules.ts). No imports: the root test compiles this file without the DOM.
 */

/** Need items: code -> [zh-CN, en] (the hub's title is "中文 english"). */
export const NEED_ITEM_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  SUBSIDY_ENQUIRY: ['补贴政策咨询', 'subsidy and allowance enquiry'],
  MEDICAL_INSURANCE_ENQUIRY: ['医保政策咨询', 'medical insurance enquiry'],
  HOUSEHOLD_REGISTRATION: ['户籍办理咨询', 'household registration'],
  EMPLOYMENT: ['就业指导', 'job guidance'],
  LEGAL_AID: ['法律援助咨询', 'legal aid'],
  MEAL_ASSISTANCE: ['老年助餐', 'meal assistance for the elderly'],
  CARE_SERVICE: ['居家养老照护', 'home care for the elderly'],
  FINANCIAL_ASSISTANCE: ['临时救助', 'temporary assistance'],
  ACCESSIBILITY: ['无障碍改造', 'accessibility adaptation'],
  HOUSING_REPAIR: ['房屋维修', 'housing repair'],
  MEDICAL_ASSISTANCE: ['就医协助', 'help getting medical care'],
  FAMILY_DOCTOR_SIGNUP: ['家庭医生签约', 'family doctor contract'],
  CHRONIC_CARE_FOLLOW_UP: ['慢病随访', 'chronic condition follow-up'],
  RECORD_CHECK_CIVIL: ['数据核查', 'record check: civil affairs'],
  RECORD_CHECK_HEALTH: ['数据核查', 'record check: health'],
  RECORD_CHECK_POLICE: ['数据核查', 'record check: police'],
  OTHER: ['其他', 'other'],
  NEIGHBOUR_DISPUTE: ['邻里纠纷', 'neighbour dispute'],
  FAMILY_DISPUTE: ['家庭纠纷', 'family dispute'],
  PROPERTY_DISPUTE: ['物业纠纷', 'property management dispute'],
  DISPUTE_MEDIATION: ['其他纠纷调解', 'other dispute'],
  ELDERLY_ALONE_EMERGENCY: ['独居老人紧急情况', 'elderly person alone in trouble'],
  MEDICAL_EMERGENCY: ['突发疾病', 'sudden illness'],
  SAFETY_HAZARD: ['安全隐患', 'safety hazard'],
  DOMESTIC_VIOLENCE: ['家庭暴力', 'domestic violence'],
};

/** Claims (the GraphQL enum) and the field of `ClaimAnswers` that answers each. */
export const CLAIMS: ReadonlyArray<{ code: string; field: string; name: readonly [string, string] }> = [
  { code: 'AGED_60_OR_OVER', field: 'agedSixtyOrOver', name: ['年满60周岁', 'aged 60 or over'] },
  { code: 'ALIVE', field: 'alive', name: ['健在（无死亡登记）', 'alive (no death registered)'] },
  { code: 'REGISTERED_IN_DISTRICT', field: 'registeredInDistrict', name: ['本区户籍', 'registered (户籍) in this district'] },
  { code: 'RESIDENCE_PERMIT_ACTIVE_6_MONTHS', field: 'residencePermitActiveSixMonths', name: ['居住证有效满6个月', 'residence permit active for 6 months'] },
  { code: 'DISABILITY_CERTIFIED', field: 'disabilityCertified', name: ['持有残疾人证', 'disability certified'] },
  { code: 'LOW_INCOME_ASSISTANCE_ACTIVE', field: 'lowIncomeAssistanceActive', name: ['正在享受低保/特困', 'low-income assistance active'] },
];

/** Service items and the claims each declares (asking any other is refused: minimum necessity). */
export const SERVICE_ITEMS: ReadonlyArray<{ code: string; name: readonly [string, string]; claims: readonly string[] }> = [
  { code: 'ELDERLY_PREFERENTIAL_CARD', name: ['老年人优待卡', 'elderly preferential card'], claims: ['AGED_60_OR_OVER', 'ALIVE', 'REGISTERED_IN_DISTRICT', 'RESIDENCE_PERMIT_ACTIVE_6_MONTHS'] },
  { code: 'RESIDENCE_PERMIT_RENEWAL', name: ['居住证续签', 'residence permit renewal'], claims: ['RESIDENCE_PERMIT_ACTIVE_6_MONTHS', 'REGISTERED_IN_DISTRICT', 'ALIVE'] },
  { code: 'LOW_INCOME_APPLICATION', name: ['低保申请', 'low-income assistance application'], claims: ['REGISTERED_IN_DISTRICT', 'ALIVE', 'DISABILITY_CERTIFIED', 'LOW_INCOME_ASSISTANCE_ACTIVE'] },
];

/** Check rules: id -> [zh-CN, en] (what disagrees, docs/checks.md). */
export const CHECK_RULE_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  DEATH_WITH_ACTIVE_ASSISTANCE: ['已登记死亡仍在发放救助', 'death registered, assistance still paid'],
  LIVES_ALONE_CONFLICT: ['独居登记与户籍人口不符', 'lives alone, yet others registered in the household'],
  MARITAL_CONFLICT: ['婚姻状况两部门不一致', 'marital status differs between departments'],
  BIRTH_DATE_MISMATCH: ['出生日期两部门不一致', 'birth date differs between departments'],
  ASSISTANCE_UNKNOWN_TO_POLICE: ['救助对象在公安无登记', 'assistance paid to someone police do not know'],
  BIRTH_NOT_REGISTERED: ['出生医学证明无户籍登记', 'birth certificate with no police registration'],
  AGED_80_WITHOUT_OLD_AGE_ALLOWANCE: ['80岁以上未领高龄津贴', 'aged 80+, no old-age allowance'],
  SEVERE_DISABILITY_WITHOUT_SUBSIDY: ['一、二级残疾未领护理补贴', 'grade 1–2 disability, no care subsidy'],
  CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR: ['低保慢病对象未签家庭医生', 'low-income with a chronic condition, no family doctor'],
};

/** The department that must act on each rule's findings (only its officers may read them). */
export const CHECK_RULE_OWNERS: Readonly<Record<string, string>> = {
  DEATH_WITH_ACTIVE_ASSISTANCE: 'civil',
  LIVES_ALONE_CONFLICT: 'civil',
  MARITAL_CONFLICT: 'civil',
  BIRTH_DATE_MISMATCH: 'health',
  ASSISTANCE_UNKNOWN_TO_POLICE: 'civil',
  BIRTH_NOT_REGISTERED: 'police',
  AGED_80_WITHOUT_OLD_AGE_ALLOWANCE: 'civil',
  SEVERE_DISABILITY_WITHOUT_SUBSIDY: 'civil',
  CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR: 'health',
};

/** Departments a ticket can be transferred to (registered department modules that handle tickets). */
export const TICKET_DEPARTMENTS = ['street', 'civil', 'health', 'police'] as const;

/**
 * The moves a handling department may make from each status (the hub's state machine, department
 * targets only; `test/consoleCatalogues.test.ts` keeps it equal to src/departments/street/tickets).
 * The console offers only these buttons; the hub decides.
 */
export const DEPARTMENT_MOVES: Readonly<Record<string, readonly string[]>> = {
  RECEIVED: ['ACCEPTED', 'TRANSFERRED', 'RESOLVED'],
  ACCEPTED: ['TRANSFERRED', 'RESOLVED'],
  TRANSFERRED: ['ACCEPTED'],
  RESOLVED: [],
  CONFIRMED: [],
  RATED: [],
  REOPENED: ['ACCEPTED', 'TRANSFERRED', 'RESOLVED'],
};

/** The resident's moves from each status (confirm, reopen, rate). */
export const RESIDENT_MOVES: Readonly<Record<string, readonly string[]>> = {
  RESOLVED: ['CONFIRMED', 'REOPENED'],
  CONFIRMED: ['RATED', 'REOPENED'],
};
