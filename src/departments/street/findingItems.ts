import { needItem } from './tickets/needItems';

/**
 * The need item a finding's ticket is filed under: `RECORD_CHECK_<OWNER>`, one per department that
 * owns a rule (the need-item catalogue routes it to that department; a test checks every rule
 * owner has one). Throws for an owner without one: a rule declared for a department the catalogue
 * cannot route to is a defect.
 */
export function checkFindingItem(owner: string): string {
  const code = `RECORD_CHECK_${owner.toUpperCase()}`;
  const item = needItem(code);
  if (!item || item.department !== owner) throw new Error(`no need item ${code} routed to ${owner} for its check findings`);
  return code;
}
