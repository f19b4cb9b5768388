import type { Decision } from '../policy/declaration';
import type { DisclosureGroup, RecordedDecision } from './accessRecord';

/**
 * Resident-data objects know whose data they are — the record's subject: a person's or a
 * household's opaque hub id. (In policy "owner" is the department a field belongs to; here the
 * resident is always the subject and the department is the field's department.)
 */
export interface RecordSubject {
  readonly subjectId: string;
  /**
   * For a household's object that is about one member (a ticket filed about a person): that
   * person's hub id, named in the record beside the household — so the record is that member's in
   * the residents' view, not every member's (sources/audit/accessLogSource.ts, pageResidentLog).
   */
  readonly subjectPersonId?: string | null;
}

/**
 * The subject's id, or null for an aggregate (`null` passed: about no single resident, not
 * attributed). An object that is passed but names no subject is a defect the recorder refuses to
 * swallow: it throws rather than leave a disclosure silently out of the record (the policy layer
 * refuses such fields before they get here, policy/subjects.ts).
 */
function subjectOf(subject: RecordSubject | null): string | null {
  if (subject === null) return null;
  const id: unknown = subject.subjectId;
  if (typeof id !== 'string' || !id) throw new Error('disclosure recorder: a resident-data object without subjectId');
  return id;
}

/** The department (or `hub`) of each declared field, registered once by the policy layer. */
const fieldDepartments = new Map<string, string>();

/** Records the department of a declared field (called by applyPolicy for every declaration). */
export function registerFieldDepartment(key: string, department: string): void {
  fieldDepartments.set(key, department);
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
  /** Per subject: declared fields whose source failed (or the request's deadline passed), with their department. */
  private readonly failed = new Map<string, Map<string, string>>();
  /** Per subject: object fields resolved without a source call (sections such as Person.health), with their department. */
  private readonly containers = new Map<string, Map<string, string>>();
  /** Ids asked for by the caller that resolved to nothing (missing, or out of the caller's scope). */
  misses = 0;

  /** The field's source failed (or the request ran out of time): nothing of it was returned. */
  fail(subject: RecordSubject | null, key: string, department: string): void {
    const id = subjectOf(subject);
    if (id === null) return;
    let keys = this.failed.get(id);
    if (!keys) this.failed.set(id, (keys = new Map()));
    keys.set(key, department);
  }

  /**
   * The object field was resolved without asking a source (a section such as Person.health):
   * it discloses nothing unless something of its department under it was returned, so it
   * is reported FAILED when every field of that department for the subject failed.
   */
  container(subject: RecordSubject | null, key: string, department: string): void {
    const id = subjectOf(subject);
    if (id === null) return;
    let keys = this.containers.get(id);
    if (!keys) this.containers.set(id, (keys = new Map()));
    keys.set(key, department);
  }

  /**
   * The subject's final decision per field: FAILED for a field whose source failed, and for a
   * section whose department returned nothing for the subject but failed at least once. A subject
   * with no failed field gets its recorded map itself (read only: no copy per subject and record).
   */
  private finalFields(id: string): ReadonlyMap<string, RecordedDecision> {
    const recorded = this.fields.get(id)!;
    const failed = this.failed.get(id);
    if (!failed) return recorded;
    const fields: Map<string, RecordedDecision> = new Map(recorded);
    for (const key of failed.keys()) if (fields.has(key)) fields.set(key, 'FAILED');
    const containers = this.containers.get(id);
    if (containers) {
      const failedDepartments = new Set(failed.values());
      const answered = new Set<string>();
      for (const [key, decision] of fields) {
        const department = fieldDepartments.get(key);
        if (department && decision !== 'FAILED' && decision !== 'DENY' && !containers.has(key)) answered.add(department);
      }
      for (const [key, department] of containers) {
        if (failedDepartments.has(department) && !answered.has(department) && fields.get(key) !== 'DENY') fields.set(key, 'FAILED');
      }
    }
    return fields;
  }

  record(subject: RecordSubject | null, key: string, decision: Decision): void {
    const id = subjectOf(subject);
    if (id === null) return;
    let fields = this.fields.get(id);
    if (!fields) {
      fields = new Map();
      this.fields.set(id, fields);
    }
    fields.set(key, decision);
    if (key.startsWith('Person.')) this.persons.add(id);
    else if (key.startsWith('Household.')) this.households.add(id);
    // A claim verification (ClaimVerification, ClaimAnswers: issue 18) is about one person.
    else if (key.startsWith('Claim')) this.persons.add(id);
    // A ticket and its history (issue 17) are the household's, and the member's it is about, if one.
    else if (key.startsWith('Ticket')) {
      this.households.add(id);
      const person = subject?.subjectPersonId;
      if (typeof person === 'string' && person) this.persons.add(person);
    }
  }

  /** Whether anything was recorded for the subject other than failed fields. */
  private touched(id: string): boolean {
    if (!this.failed.has(id)) return true;
    for (const d of this.finalFields(id).values()) if (d !== 'FAILED') return true;
    return false;
  }

  get residents(): string[] {
    return [...this.persons].filter((id) => this.touched(id)).sort();
  }

  get householdIds(): string[] {
    return [...this.households].filter((id) => this.touched(id)).sort();
  }

  /**
   * Subjects that saw exactly the same fields with the same decisions share one group. Subjects
   * and field keys in UTF-16 code-unit order (the default sort; ids and keys are ASCII, and a
   * locale-aware sort cost ~1% of the hub's CPU on a search page). Fields whose source failed are
   * listed under FAILED (present only when there are some), never under ALLOW or MASK.
   */
  groups(): DisclosureGroup[] {
    const bySignature = new Map<string, DisclosureGroup>();
    for (const id of [...this.fields.keys()].sort()) {
      const fields = this.finalFields(id);
      const group: DisclosureGroup = { subjects: [], ALLOW: [], MASK: [], DENY: [] };
      const failed: string[] = [];
      for (const key of [...fields.keys()].sort()) {
        const d = fields.get(key)!;
        if (d === 'FAILED') failed.push(key);
        else group[d].push(key);
      }
      if (failed.length) group.FAILED = failed;
      const signature = `${group.ALLOW.join()}|${group.MASK.join()}|${group.DENY.join()}|${failed.join()}`;
      const existing = bySignature.get(signature);
      if (existing) existing.subjects.push(id);
      else bySignature.set(signature, { ...group, subjects: [id] });
    }
    return [...bySignature.values()];
  }

  /** The distinct decisions made (FAILED for fields whose source failed), for filtering the log by decision. */
  decisions(): RecordedDecision[] {
    const seen = new Set<RecordedDecision>();
    for (const id of this.fields.keys()) for (const d of (this.failed.has(id) ? this.finalFields(id) : this.fields.get(id)!).values()) seen.add(d);
    return (['ALLOW', 'MASK', 'DENY', 'FAILED'] as const).filter((d) => seen.has(d));
  }
}
