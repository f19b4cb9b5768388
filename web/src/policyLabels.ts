import policy from './generated/policy.json';

/**
 * Labels for values the hub sent masked or denied, from the generated copy of the hub's own policy
 * (src/policy/consolePolicy.ts). A masked value looks like any other string, so whether a field was
 * masked for this role and purpose is read from the table; denial comes from the response itself.
 */
const FIELDS = policy.fields as unknown as Record<string, [string, number]>;
const MASKED = policy.masked as Record<string, string[]>;

export function declaration(field: string): { owner: string; level: number } | null {
  const d = FIELDS[field];
  return d ? { owner: d[0], level: d[1] } : null;
}

export function isMasked(role: string, purpose: string | null, field: string): boolean {
  return purpose !== null && (MASKED[`${role}/${purpose}`] ?? []).includes(field);
}
