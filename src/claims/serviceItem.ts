import type { Claim } from './claimNames';
import { departmentModules } from '../departments/registry';

/**
 * Service items (办事事项) that take claims instead of documents: each declares the claims it needs,
 * and a request for any other claim under it is refused (minimum necessity). The code is what the
 * access record keeps for a SERVICE_APPLICATION (in its case-number column, like a case number).
 * The office that handles an item declares it (`serviceItems` in src/departments/<name>/claims.ts);
 * this file reads them from the registry.
 */
export interface ServiceItem {
  /** Its code, e.g. ELDERLY_PREFERENTIAL_CARD. */
  name: string;
  /** For people and the resident's history: "the elderly preferential card". */
  label: string;
  /** The office that handles it (the declaring module). */
  office: string;
  claims: readonly Claim[];
  /** What it needed before (the documents replaced), for reviewers. */
  replaces: string;
}

export const SERVICE_ITEMS: readonly ServiceItem[] = departmentModules().flatMap((m) => (m.serviceItems ?? []).map((i) => ({ ...i, office: m.name })));

const BY_CODE = new Map(SERVICE_ITEMS.map((i) => [i.name, i]));
if (BY_CODE.size !== SERVICE_ITEMS.length) throw new Error('a service item code is declared twice');

/** The service item with this code (name), or undefined (the code is client text until found here). */
export function serviceItemNamed(code: string): ServiceItem | undefined {
  return BY_CODE.get(code);
}
