import { departmentNamed } from '../departments/registry';
import { CLAIM_CATALOG } from './claim';
import { serviceItemNamed } from './serviceItem';

const LABEL_BY_KEY = new Map(Object.values(CLAIM_CATALOG).map((d) => [`ClaimAnswers.${d.field}`, d.label]));

/** How a resident reads the office that verified: the department module's title up to its gloss ("civil affairs"). */
function officeOf(department: string | null, role: string): string {
  const title = department ? departmentNamed(department)?.title : undefined;
  if (title) return title.split(' (')[0];
  return role === 'STREET_STAFF' ? 'the street office' : 'an office';
}

/**
 * The sentence a resident's history shows for a verification (issue 18), e.g. "civil affairs
 * verified for the elderly preferential card (老年人优待卡): aged 60 or over, alive", from the
 * record's department, role, service item (the case-number column of a SERVICE_APPLICATION) and
 * the claims disclosed (`ClaimAnswers.*`). Null for a record that verified nothing. The claims
 * asked, never a value behind them.
 */
export function claimSummary(department: string | null, role: string, serviceItem: string | null, fields: readonly string[]): string | null {
  const claims = fields.map((f) => LABEL_BY_KEY.get(f)).filter((l): l is string => l !== undefined);
  if (claims.length === 0) return null;
  const item = serviceItem ? serviceItemNamed(serviceItem) : undefined;
  return `${officeOf(department, role)} verified${item ? ` for ${item.label}` : ''}: ${claims.join(', ')}`;
}
