import { useContext } from 'react';
import needItems from '../../generated/needItems.json';
import { I18n, Lang } from '../../i18n';

/**
 * The street worker's pages' own words (visits, coverage, search filters), zh-CN first, English
 * second, kept apart from the shared dictionary so these pages ship only in their own chunk. Short,
 * plain sentences: the form is filled in at a door, on a phone, with one hand.
 */
const zh = {
  streetNav: '街道工作',
  navSearch: '查户',
  navCoverage: '走访台账',
  recordVisit: '记录走访',
  recordVisitFor: '为此户记录走访',
  visitNeedsHomeVisit: '记录走访须以“入户走访”为用途。',
  outcome: '走访结果',
  membersMet: '见到的成员',
  membersMetHint: '结果为“见到本人”时至少选一人。',
  observations: '现场情况',
  occupants: '实际居住人数',
  livesAloneConfirmed: '独居情况',
  unchecked: '未核实',
  livesAloneYes: '确认独居',
  livesAloneNo: '并非独居',
  addressMismatch: '人户不符（住的人与登记不同）',
  note: '居民意见（备注）',
  noteHint: '不要写身份证号、手机号或银行卡号。最多 500 字。',
  needs: '居民诉求（将生成工单）',
  visitedAt: '走访时间',
  save: '保存走访',
  saving: '正在保存…',
  saved: '走访已保存。',
  cancel: '取消',
  visits: '走访记录',
  noVisits: '还没有走访记录。',
  metCount: '见到 {n} 人',
  coverage: '走访台账',
  month: '月份',
  group: '对象',
  rule: '要求',
  due: '应访',
  visited: '已访',
  overdue: '未达标',
  percent: '覆盖率',
  suppressed: '人数少于 10，仅显示应访人数',
  wholeArea: '所选网格合计',
  show: '显示',
  notVisitedSinceDays: '超过几天未见面',
  days: '天',
  lastOutcome: '最近一次走访结果',
  errorCode: '代码',
};

const en: typeof zh = {
  streetNav: 'Street work',
  navSearch: 'Households',
  navCoverage: 'Visit coverage',
  recordVisit: 'Record a visit',
  recordVisitFor: 'Record a visit to this household',
  visitNeedsHomeVisit: 'Visits are recorded under the purpose “home visit”.',
  outcome: 'Outcome',
  membersMet: 'Members met',
  membersMetHint: 'For “met”, pick at least one person.',
  observations: 'What you saw',
  occupants: 'People living there',
  livesAloneConfirmed: 'Living alone',
  unchecked: 'Not checked',
  livesAloneYes: 'Confirmed alone',
  livesAloneNo: 'Not alone',
  addressMismatch: 'The people found differ from the register',
  note: "Resident's views (note)",
  noteHint: 'No ID, phone or bank card numbers. At most 500 characters.',
  needs: 'Needs raised (each becomes a ticket)',
  visitedAt: 'Visited at',
  save: 'Save the visit',
  saving: 'Saving…',
  saved: 'The visit is saved.',
  cancel: 'Cancel',
  visits: 'Visits',
  noVisits: 'No visits recorded yet.',
  metCount: '{n} met',
  coverage: 'Visit coverage',
  month: 'Month',
  group: 'Group',
  rule: 'Rule',
  due: 'Due',
  visited: 'Visited',
  overdue: 'Overdue',
  percent: 'Coverage',
  suppressed: 'Fewer than 10 people: only the number due is shown',
  wholeArea: 'All the grids shown',
  show: 'Show',
  notVisitedSinceDays: 'Not met for at least (days)',
  days: 'days',
  lastOutcome: 'Outcome of the latest visit',
  errorCode: 'code',
};

/** Names of this module's vocabularies: outcomes, coverage groups and rules, need categories. */
const TERMS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    MET: '见到本人', NOT_HOME: '无人在家', REFUSED: '拒绝入户', NOT_LIVING_HERE: '不在此居住', MOVED_OUT: '已搬离',
    ELDERLY_LIVING_ALONE: '独居老人', DISABLED: '残疾人', CHILD_IN_DIFFICULTY: '困境儿童', SPECIAL_GROUPS: '特殊群体合计', OTHERS: '其他居民', ALL: '全部',
    TWICE_A_MONTH: '每月两次', ONCE_A_QUARTER: '每季度一次', MIXED: '按对象',
    POLICY_ENQUIRY: '政策咨询', EVERYDAY_SERVICE: '生活服务', DISPUTE_MEDIATION: '矛盾调解', EMERGENCY_HELP: '紧急求助',
  },
  en: {
    MET: 'Met', NOT_HOME: 'Nobody home', REFUSED: 'Refused entry', NOT_LIVING_HERE: 'Does not live here', MOVED_OUT: 'Moved out',
    ELDERLY_LIVING_ALONE: 'Elderly living alone', DISABLED: 'Disabled', CHILD_IN_DIFFICULTY: 'Children in difficulty', SPECIAL_GROUPS: 'All special groups', OTHERS: 'Other residents', ALL: 'Everyone',
    TWICE_A_MONTH: 'twice a month', ONCE_A_QUARTER: 'once a quarter', MIXED: 'by group',
    POLICY_ENQUIRY: 'Policy questions', EVERYDAY_SERVICE: 'Everyday services', DISPUTE_MEDIATION: 'Disputes', EMERGENCY_HELP: 'Emergencies',
  },
};

/**
 * Refusals in plain words, by error code: what went wrong and what to do. The code is shown next to
 * it (small) so support can find it in docs/errors.md; an unknown code falls back to the hub's message.
 */
const ERRORS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    NOTE_CONTAINS_IDENTIFIER: '备注里像是有身份证号、手机号或银行卡号。为保护居民隐私，这些号码不能写进备注，请删掉后再保存。',
    NOTE_TOO_LONG: '备注太长了，最多 500 字。',
    MEMBERS_MET_INCONSISTENT: '“见到本人”时请勾选见到的成员；其他结果不要勾选成员。',
    MEMBER_NOT_IN_HOUSEHOLD: '勾选的人不是这户的登记成员。',
    UNKNOWN_NEED: '诉求不在目录中，请重新选择。',
    INVALID_OBSERVATION: '实际居住人数应在 0 到 99 之间。',
    VISIT_IN_FUTURE: '走访时间不能晚于现在。',
    VISIT_TOO_OLD: '走访时间太早了，只能补录最近几天的走访。',
    HOUSEHOLD_NOT_FOUND: '这户不在您的网格内。',
    PURPOSE_NOT_APPLICABLE: '记录走访须以“入户走访”为用途，请在页面顶部更改用途。',
    IDEMPOTENCY_KEY_REUSED: '这份表单已保存过另一条走访，请返回后重新填写。',
    AUDIT_UNAVAILABLE: '访问日志暂时无法记录，走访没有保存。请稍后再试。',
    VISIT_NOT_RECORDED: '走访没有保存成功，请再点一次“保存走访”。',
    NETWORK_ERROR: '网络连接失败，走访没有保存。请在有信号时再点一次“保存走访”，不会重复记录。',
    FILTER_NOT_PERMITTED: '当前用途下不能按走访情况筛选。',
    INVALID_MONTH: '月份格式不对。',
    AREA_NOT_FOUND: '这个网格不在您的范围内。',
  },
  en: {
    NOTE_CONTAINS_IDENTIFIER: 'The note seems to hold an ID, phone or bank card number. To protect the resident these may not be written in notes: remove it and save again.',
    NOTE_TOO_LONG: 'The note is too long: at most 500 characters.',
    MEMBERS_MET_INCONSISTENT: 'For “met”, tick who you met; for any other outcome, tick nobody.',
    MEMBER_NOT_IN_HOUSEHOLD: 'Someone ticked is not a registered member of this household.',
    UNKNOWN_NEED: 'A need is not in the catalogue: pick again.',
    INVALID_OBSERVATION: 'People living there must be between 0 and 99.',
    VISIT_IN_FUTURE: 'The visit time cannot be later than now.',
    VISIT_TOO_OLD: 'That is too long ago: only visits of the last few days can be entered.',
    HOUSEHOLD_NOT_FOUND: 'This household is not in your grids.',
    PURPOSE_NOT_APPLICABLE: 'Visits are recorded under the purpose “home visit”: change it at the top of the page.',
    IDEMPOTENCY_KEY_REUSED: 'This form already saved another visit: go back and start again.',
    AUDIT_UNAVAILABLE: 'The access log cannot record right now, so nothing was saved. Try again shortly.',
    VISIT_NOT_RECORDED: 'The visit was not saved: press “Save the visit” again.',
    NETWORK_ERROR: 'No connection: nothing was saved. Press “Save the visit” again when you have signal; it will not be recorded twice.',
    FILTER_NOT_PERMITTED: 'Under this purpose you cannot filter by visits.',
    INVALID_MONTH: 'The month is not valid.',
    AREA_NOT_FOUND: 'This grid is not among yours.',
  },
};

export interface NeedItemText {
  code: string;
  category: string;
  zh: string;
  en: string;
}

/** The need-item catalogue, generated from src/departments/street/tickets/needItems.ts (`npm run console:needs`). */
export const NEED_CATEGORIES: readonly string[] = needItems.categories;
export const NEED_ITEMS: readonly NeedItemText[] = needItems.items;

export type StreetKey = keyof typeof zh;
const DICTIONARIES: Record<Lang, typeof zh> = { 'zh-CN': zh, en };

/** Like `useT()`, for the street pages: `s('metCount', { n })`, `term('MET')`, `plain('NOTE_TOO_LONG')`, `need(item)`. */
export function useStreetT() {
  const { lang } = useContext(I18n);
  const dict = DICTIONARIES[lang];
  return {
    lang,
    s: (key: StreetKey, vars: Record<string, string | number> = {}) => dict[key].replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? '')),
    term: (code: string | null | undefined) => (code ? (TERMS[lang][code] ?? code) : ''),
    plain: (code: string | undefined): string | undefined => (code ? ERRORS[lang][code] : undefined),
    need: (code: string) => {
      const item = NEED_ITEMS.find((i) => i.code === code);
      return item ? (lang === 'en' ? item.en : item.zh) : code;
    },
  };
}
