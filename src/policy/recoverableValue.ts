import type { Role } from '../auth/vocabulary';
import type { Decision } from './declaration';
import type { ValueFormatName } from './valueFormats';

/** What the disclosure check (./disclosureCheck.ts) reports, and the error that stops a start with such findings. */
export interface DisclosureFinding {
  role: Role;
  /** The purpose, or every purpose of the role joined with `+` when the finding needs several requests. */
  purpose: string;
  field: string;
  format: ValueFormatName;
  decision: Decision;
  candidates: number;
  threshold: number;
  /** The readable fields the count was narrowed by. */
  from: string[];
}

/** The policy would let a masked or denied value be recovered: it must not be served. */
export class RecoverableValueError extends Error {
  override name = 'RecoverableValueError';
  constructor(readonly findings: DisclosureFinding[]) {
    super(
      `The policy lets masked or denied values be recovered from what the same role and purpose may read:\n${findings
        .map((f) => `  ${f.role} / ${f.purpose}: ${f.field} (${f.decision}) narrows to ${f.candidates} candidates (< ${f.threshold}) from ${f.from.join(', ') || 'its own mask'}`)
        .join('\n')}`,
    );
  }
}
