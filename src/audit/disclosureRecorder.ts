import type { Decision } from '../policy/declaration';
import type { DisclosureGroup } from './accessRecord';

/** Resident-data objects know whose data they are: a person's or a household's opaque hub id. */
export interface Owned {
  readonly ownerId: string;
}

/**
 * Collects, during one request, which declared fields were resolved for which person or
 * household and with which decision. The policy layer calls `record` once per resolved value;
 * it is a map insert, cheap enough for every value of a 500-person list.
 */
export class DisclosureRecorder {
  private readonly fields = new Map<string, Map<string, Decision>>();
  private readonly persons = new Set<string>();
  private readonly households = new Set<string>();
  /** Ids asked for by the caller that resolved to nothing (missing, or out of the caller's scope). */
  misses = 0;

  record(owner: Owned | null | undefined, key: string, decision: Decision): void {
    const id = owner?.ownerId;
    if (!id) return;
    let fields = this.fields.get(id);
    if (!fields) {
      fields = new Map();
      this.fields.set(id, fields);
    }
    fields.set(key, decision);
    if (key.startsWith('Person.')) this.persons.add(id);
    else if (key.startsWith('Household.')) this.households.add(id);
  }

  get residents(): string[] {
    return [...this.persons].sort();
  }

  get householdIds(): string[] {
    return [...this.households].sort();
  }

  /**
   * Subjects that saw exactly the same fields with the same decisions share one group. Subjects
   * and field keys in UTF-16 code-unit order (the default sort; ids and keys are ASCII, and a
   * locale-aware sort cost ~1% of the hub's CPU on a search page).
   */
  groups(): DisclosureGroup[] {
    const bySignature = new Map<string, DisclosureGroup>();
    for (const id of [...this.fields.keys()].sort()) {
      const fields = this.fields.get(id)!;
      const group: DisclosureGroup = { subjects: [], ALLOW: [], MASK: [], DENY: [] };
      for (const key of [...fields.keys()].sort()) group[fields.get(key)!].push(key);
      const signature = `${group.ALLOW.join()}|${group.MASK.join()}|${group.DENY.join()}`;
      const existing = bySignature.get(signature);
      if (existing) existing.subjects.push(id);
      else bySignature.set(signature, { ...group, subjects: [id] });
    }
    return [...bySignature.values()];
  }

  /** The distinct decisions made, for filtering the log by decision. */
  decisions(): Decision[] {
    const seen = new Set<Decision>();
    for (const fields of this.fields.values()) for (const d of fields.values()) seen.add(d);
    return (['ALLOW', 'MASK', 'DENY'] as const).filter((d) => seen.has(d));
  }
}
