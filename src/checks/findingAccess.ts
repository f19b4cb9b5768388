import { BadInputError } from '../errors';
import type { Access } from '../policy/access';
import { decide } from '../policy/policyTable';
import { CHECK_RULES, checkRule, CheckRule } from './rules';

/** Refused: findings are the owning department's only (FINDINGS_NOT_PERMITTED), recorded as a refusal. */
export class FindingsRefusedError extends BadInputError {
  constructor(message: string) {
    super('FINDINGS_NOT_PERMITTED', message);
  }
}

/**
 * Findings are the owner department's list over the whole city: a request whose row scope is
 * narrower — one bound to a ticket (TICKET_HANDLING), which reaches only the ticket's household —
 * does not get the list (FINDINGS_NOT_PERMITTED), or one ticket would open every
 * resident's findings, recorded as reads for that ticket. Deny by default: only `all` passes.
 */
function cityWide(access: Access): void {
  if (access.rowScope.kind !== 'all') {
    throw new FindingsRefusedError('Findings are read city-wide by the owner department\'s officers, not within a narrower reach such as a ticket\'s household: read them under another purpose.');
  }
}

/**
 * The rules whose findings the caller may read, deny by default: the caller's role works for the
 * department that owns the rule (the department that must act), and that department's policy row
 * for the role and the declared purpose ALLOWs the rule's level (the one policy table decides,
 * through `decide`). Asking for one rule narrows to it. Anything else — another department's rule,
 * a role of no department, a purpose that does not open the level, a request bound to a ticket — is FINDINGS_NOT_PERMITTED,
 * before anything is read, so not even a count leaves; an undeclared rule is UNKNOWN_CHECK_RULE.
 */
export function readableRules(access: Access, rule?: string | null): CheckRule[] {
  if (rule !== undefined && rule !== null && !checkRule(rule)) {
    throw new BadInputError('UNKNOWN_CHECK_RULE', 'No such rule in the catalogue of checks (docs/checks.md).', { argument: 'rule' });
  }
  cityWide(access);
  const { principal, purpose } = access;
  const department = principal.department;
  const readable = CHECK_RULES.filter((r) => r.owner === department && (!rule || r.id === rule) &&
    purpose !== null && decide(principal.role, purpose, { owner: r.owner, level: r.level, mask: 'NONE' }) === 'ALLOW');
  if (readable.length === 0) {
    throw new FindingsRefusedError('Findings are shown only to officers of the department that must act on them, for its own rules, under a purpose that opens them.');
  }
  return readable;
}

/** The department whose share the caller may read: its own, if it owns rules; else FINDINGS_NOT_PERMITTED. */
export function shareDepartment(access: Access): string {
  const department = access.principal.department;
  if (!department || !CHECK_RULES.some((r) => r.owner === department)) {
    throw new FindingsRefusedError('The share of residents with open findings is shown only to officers of a department that owns checks, for their own department.');
  }
  return department;
}
