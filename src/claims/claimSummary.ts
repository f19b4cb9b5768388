import { departmentNamed } from '../departments/registry';
import { CLAIM_CATALOG } from './claim';
import { serviceItemNamed } from './serviceItem';

const DEFINITION_BY_KEY = new Map(Object.values(CLAIM_CATALOG).map((d) => [`ClaimAnswers.${d.field}`, d]));

/** How a resident reads the office that verified: the department module's title up to its gloss ("civil affairs"). */
function officeOf(department: string | null, role: string): string {
  const title = department ? departmentNamed(department)?.title : undefined;
  if (title) return title.split(' (')[0];
  return role === 'STREET_STAFF' ? 'the street office' : 'an office';
}

/** A claim a verification answered, as the resident's history lists it. */
export interface VerifiedClaim {
  claim: string;
  label: string;
  /** The yes/no answer given, or null when it was not kept (records written before answers were kept). */
  answer: boolean | null;
}

/**
 * The claims of a verification record's disclosed fields (`ClaimAnswers.*`), in the record's
 * order, with the answers given when `answers` (the resident-only store: claim → answer) has them.
 */
export function verifiedClaims(fields: readonly string[], answers: Readonly<Record<string, boolean>> | null): VerifiedClaim[] {
  return fields.flatMap((f) => {
    const d = DEFINITION_BY_KEY.get(f);
    if (!d) return [];
    const answer = answers?.[d.claim];
    return [{ claim: d.claim, label: d.label, answer: typeof answer === 'boolean' ? answer : null }];
  });
}

/**
 * The sentence a resident's history shows for a verification (issue 18), e.g. "civil affairs
 * verified for the elderly preferential card (老年人优待卡): aged 60 or over: yes, alive: yes", from
 * the record's department, role, service item (the case-number column of a SERVICE_APPLICATION),
 * the claims disclosed (`ClaimAnswers.*`) and, for the resident alone, the answers kept beside the
 * record (`answers`; without them, the claims only). Null for a record that verified nothing. The
 * claims and their yes/no, never a value behind them.
 */
export function claimSummary(department: string | null, role: string, serviceItem: string | null, fields: readonly string[], answers: Readonly<Record<string, boolean>> | null = null): string | null {
  const claims = verifiedClaims(fields, answers);
  if (claims.length === 0) return null;
  const item = serviceItem ? serviceItemNamed(serviceItem) : undefined;
  const said = claims.map((c) => (c.answer === null ? c.label : `${c.label}: ${c.answer ? 'yes' : 'no'}`));
  return `${officeOf(department, role)} verified${item ? ` for ${item.label}` : ''}: ${said.join(', ')}`;
}
