import type { FieldDeclarations } from './declarations';
import { matrixColumns, matrixDecision } from './accessMatrix';

/**
 * What the browser console needs to label a value it received: per field its owner and level, and
 * per (role, purpose) the fields that come back MASKED (a masked value looks like any other string,
 * so the console cannot tell from the value). Denied fields need no table: they arrive as null with a
 * FIELD_DENIED error at their path. Generated from the same declarations and policy table the hub
 * enforces (`npm run console:policy`); a test fails when the committed copy is stale.
 */
export interface ConsolePolicy {
  /** "Type.field" -> [owner, level]. */
  fields: Record<string, [string, number]>;
  /** "ROLE/PURPOSE" -> the "Type.field" keys masked for that column. */
  masked: Record<string, string[]>;
}

export function renderConsolePolicy(declarations: FieldDeclarations): string {
  const keys = [...declarations.keys()].sort();
  const policy: ConsolePolicy = { fields: {}, masked: {} };
  for (const key of keys) {
    const d = declarations.get(key)!;
    policy.fields[key] = [d.owner, d.level];
  }
  for (const { role, purpose } of matrixColumns()) {
    if (!purpose) continue;
    const masked = keys.filter((key) => matrixDecision(role, purpose, declarations.get(key)!) === 'MASK');
    if (masked.length) policy.masked[`${role}/${purpose}`] = masked;
  }
  // One entry per line: small, and a policy change shows as a readable diff.
  const block = (record: Record<string, unknown>) =>
    Object.entries(record).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
  return `{\n "fields": {\n${block(policy.fields)}\n },\n "masked": {\n${block(policy.masked)}\n }\n}\n`;
}
