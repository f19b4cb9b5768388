import { GraphQLError, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, isObjectType, responsePathAsArray } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { AppError } from '../errors';
import type { Declaration } from './declaration';
import { RESIDENT_DATA_DIRECTIVE, SUBJECT_KINDS, SubjectKind } from './policy.decorators';

/**
 * Whose data a policed type is, so the access record attributes each disclosure to the right
 * resident — or knowingly to none:
 *  - PER_SUBJECT: each object is about one resident (a person or a household) and carries that
 *    resident's hub id as `subjectId`; every policed field of it is recorded under that id, and
 *    one resolved on an object without a subject id is refused (UNATTRIBUTED_DISCLOSURE) before
 *    anything of it is read, so a disclosure is never silently left out of the record;
 *  - AGGREGATE: pages and counts about no single resident (a search's totalCount, its edges).
 *    Their fields are not attributed to anyone; what they carry about residents is recorded where
 *    it is decided — the search records its filter for every result it returns, each node records
 *    its own fields, and the field that returned the page is recorded on its parent (e.g.
 *    `Household.visits`). An aggregate may hold nothing above level 1, so the declaration cannot be
 *    used to carry resident facts past the record.
 */
export type SubjectKinds = ReadonlyMap<string, SubjectKind>;

/** Types whose policed fields do not say whose data they are: the schema must not be served. */
export class UndeclaredSubjectError extends Error {
  override name = 'UndeclaredSubjectError';
  constructor(readonly problems: string[]) {
    super(`Types with policed fields must say whose data they are — @ResidentData('PER_SUBJECT') for objects about one resident (carrying subjectId) or @ResidentData('AGGREGATE', why) for pages and counts about none, with nothing above level 1: ${problems.join('; ')}`);
  }
}

/**
 * A per-subject field was about to be resolved on an object that does not say which resident it is
 * about (a defect: e.g. a renamed `subjectId`). Refused so nothing leaves unrecorded.
 */
export class UnattributedDisclosureError extends AppError {
  constructor() {
    super('UNATTRIBUTED_DISCLOSURE', 'This field cannot be served: the hub could not tell whose data it is, so it was withheld.');
  }
}

function kindOf(schema: GraphQLSchema, type: GraphQLObjectType): { kind?: string; reason?: string } | undefined {
  const found = getDirective(schema, type, RESIDENT_DATA_DIRECTIVE)?.[0] as { subjects?: string; reason?: string } | undefined;
  return found && { kind: found.subjects, reason: found.reason };
}

/**
 * The subject kind of every type carrying a resident-data declaration. Throws
 * `UndeclaredSubjectError` naming each such type (with its policed fields) that declares no kind,
 * an unknown kind, an aggregate without a reason, or an aggregate holding a field above level 1.
 */
export function readSubjectKinds(schema: GraphQLSchema, declarations: ReadonlyMap<string, Declaration>): SubjectKinds {
  const policed = new Map<string, string[]>();
  for (const key of declarations.keys()) {
    const [type, field] = key.split('.');
    policed.set(type, [...(policed.get(type) ?? []), field]);
  }
  const kinds = new Map<string, SubjectKind>();
  const problems: string[] = [];
  for (const [name, fields] of [...policed.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const type = schema.getType(name);
    const declared = isObjectType(type) ? kindOf(schema, type) : undefined;
    const kind = declared?.kind;
    if (!kind || !(SUBJECT_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${name} (${fields.join(', ')}): no subject kind`);
      continue;
    }
    if (kind === 'AGGREGATE') {
      if (!declared?.reason?.trim()) problems.push(`${name}: an aggregate without a reason`);
      const above = fields.filter((f) => declarations.get(`${name}.${f}`)!.level > 1);
      if (above.length) problems.push(`${name} (${above.join(', ')}): above level 1 on an aggregate`);
    }
    kinds.set(name, kind as SubjectKind);
  }
  if (problems.length) throw new UndeclaredSubjectError(problems);
  return kinds;
}

/** The resident a per-subject object is about, or null when it does not say (never guessed). */
export function subjectIdOf(source: unknown): string | null {
  const id = (source as { subjectId?: unknown } | null | undefined)?.subjectId;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/** The located error a per-subject field without a subject answers (null on this path only). */
export function unattributedAt(info: GraphQLResolveInfo): GraphQLError {
  const err = new UnattributedDisclosureError();
  return new GraphQLError(err.message, { nodes: info.fieldNodes, path: responsePathAsArray(info.path), originalError: err });
}
