import 'reflect-metadata';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, GraphQLObjectType, GraphQLSchema, parse, printSchema } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { buildSchemaSync, Query, Resolver } from 'type-graphql';
import { principalFromClaims } from '../src/auth/principal';
import { newRequestAudit, RequestAudit } from '../src/audit/requestAudit';
import { Visit } from '../src/departments/street/visit.type';
import type { VisitRow } from '../src/departments/street/visitRows';
import { initialAccess } from '../src/policy/access';
import { applyPolicy } from '../src/policy/applyPolicy';
import { readDeclarations } from '../src/policy/declarations';
import { POLICY_DIRECTIVES } from '../src/policy/directives';
import type { FieldDecisions } from '../src/policy/policyEngine';
import { buildOneFileSchema } from '../src/schema/buildSchema';
import type { Context } from '../src/schema/context';

/**
 * Every disclosure is attributed to the resident it is about, or knowingly to none: a policed type
 * says whether it is per subject or an aggregate, the schema refuses one that does not, and a
 * per-subject field on an object without a subject id is refused at run time (never silently left
 * out of the access record, as Visit's fields once were after `ownerId` was renamed).
 */

const DIRECTIVES = printSchema(new GraphQLSchema({ directives: POLICY_DIRECTIVES })).replace(/^schema.*$/m, '');

function sdl(types: string): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: `${DIRECTIVES}\n${types}` });
}

/** A request's context with these decisions (the purpose check passed), and its own recorder. */
function contextWith(decisions: Record<string, 'ALLOW' | 'MASK' | 'DENY'>): Context {
  const principal = principalFromClaims({ sub: 'probe', role: 'STREET_STAFF', purposes: ['HOME_VISIT'], grids: ['110101001001-G01'] });
  const access = { ...initialAccess(principal, 'HOME_VISIT', null), purpose: 'HOME_VISIT' as const, decisions: new Map(Object.entries(decisions)) as FieldDecisions };
  return { requestId: 'test', access, audit: newRequestAudit(), loaders: {} as Context['loaders'] };
}

/** The recorder's disclosure groups, as the access record would list them. */
function recorded(audit: RequestAudit) {
  return audit.recorder.groups().map((g) => ({ subjects: g.subjects, ALLOW: g.ALLOW, DENY: g.DENY }));
}

describe('the schema says whose data every policed type is', () => {
  it('builds the shipped schema, whose only aggregates are the pages of searches, visits, tickets and findings', () => {
    const schema = buildOneFileSchema();
    const policedTypes = new Set([...readDeclarations(schema).keys()].map((k) => k.split('.')[0]));
    const kindOf = (t: string) => (getDirective(schema, schema.getType(t) as GraphQLObjectType, 'residentData')?.[0] as { subjects?: string } | undefined)?.subjects;
    expect([...policedTypes].filter((t) => kindOf(t) !== 'AGGREGATE' && kindOf(t) !== 'PER_SUBJECT')).toEqual([]);
    const aggregates = [...policedTypes].filter((t) => kindOf(t) === 'AGGREGATE').sort();
    expect(aggregates).toEqual(['DiscrepancyConnection', 'DiscrepancyEdge', 'HouseholdConnection', 'HouseholdEdge', 'PersonConnection', 'PersonEdge', 'TicketConnection', 'TicketEdge', 'VisitConnection', 'VisitEdge']);
  });

  it('refuses a policed type that does not say whether it is per subject or an aggregate, naming the type and its fields', () => {
    const schema = sdl(`type Query { secret: Secret }
      type Secret @residentData { declared: String @policy(owner: "police", level: 2) other: Int @policy(owner: "civil", level: 1) page: Page @policy(owner: "hub", level: 1) }
      type Page @residentData(subjects: "AGGREGATE", reason: "a page") { count: Int @policy(owner: "hub", level: 1) }`);
    expect(() => readDeclarations(schema)).toThrow('Secret (declared, other, page): no subject kind');
    expect(() => readDeclarations(schema)).not.toThrow(/Page/);
  });

  it('refuses a policed field on a type that is not marked resident data at all', () => {
    const schema = sdl(`type Query { secret: Secret }
      type Secret @residentData(subjects: "PER_SUBJECT") { a: String @policy(owner: "police", level: 2) more: More @policy(owner: "police", level: 2) }
      type More { b: String @policy(owner: "police", level: 2) }`);
    expect(() => readDeclarations(schema)).toThrow('More (b): no subject kind');
  });

  it('refuses an unknown kind, an aggregate without a reason, and an aggregate holding anything above level 1', () => {
    const schema = sdl(`type Query { a: A b: B c: C }
      type A @residentData(subjects: "EVERYONE") { x: String @policy(owner: "police", level: 1) }
      type B @residentData(subjects: "AGGREGATE") { x: Int @policy(owner: "hub", level: 1) }
      type C @residentData(subjects: "AGGREGATE", reason: "counts") { n: Int @policy(owner: "hub", level: 1) name: String @policy(owner: "police", level: 2) }`);
    expect(() => readDeclarations(schema)).toThrow('A (x): no subject kind; B: an aggregate without a reason; C (name): above level 1 on an aggregate');
  });
});

/** A visit as the street module reads it. */
const ROW: VisitRow = {
  id: '00000000-0000-4000-8000-000000000001', household_id: '00000000-0000-4000-8000-0000000000aa', grid_id: '110101001001-G01', community_code: '110101001001',
  visited_at: new Date('2026-11-01T02:00:00Z'), recorded_at: new Date('2026-11-01T02:05:00Z'), staff_subject: 'staff', purpose: 'HOME_VISIT', outcome: 'MET',
  lives_alone_confirmed: true, occupants: 1, address_mismatch: false, note: '政策已宣传', needs: [], request_id: 'r', idempotency_key: 'k', payload_hash: 'h',
  members_met: ['00000000-0000-4000-8000-0000000000bb'],
};

/** What the street module's `Visit` would be if its subject were renamed again (the `ownerId` regression). */
let served: Visit | Record<string, unknown>;

@Resolver()
class OneVisitResolver {
  @Query(() => Visit, { nullable: true })
  oneVisit(): unknown {
    return served;
  }
}

describe('a per-subject field on an object that does not say whose it is', () => {
  const raw = buildSchemaSync({ resolvers: [OneVisitResolver], validate: false, nullableByDefault: true, directives: POLICY_DIRECTIVES });
  const declarations = readDeclarations(raw);
  const schema = applyPolicy(raw, declarations, { oneVisit: 'RESIDENT_DATA' });
  const allow = Object.fromEntries([...declarations.keys()].map((k) => [k, 'ALLOW' as const]));
  const QUERY = parse('{ oneVisit { visitedAt outcome note observations { occupants } } }');

  it('is served and recorded under the resident when the object carries its subject id', async () => {
    served = new Visit(ROW, ROW.household_id);
    const ctx = contextWith(allow);
    const res = await execute({ schema, document: QUERY, contextValue: ctx });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ oneVisit: { visitedAt: ROW.visited_at.toISOString(), outcome: 'MET', note: '政策已宣传', observations: { occupants: 1 } } });
    expect(recorded(ctx.audit)).toEqual([{ subjects: [ROW.household_id], ALLOW: ['Visit.note', 'Visit.observations', 'Visit.outcome', 'Visit.visitedAt', 'VisitObservationsView.occupants'], DENY: [] }]);
  });

  it('answers UNATTRIBUTED_DISCLOSURE for every field and discloses nothing when the subject id is missing (renamed ownerId)', async () => {
    served = Object.assign(Object.create(Visit.prototype) as Visit, { row: ROW, ownerId: ROW.household_id });
    const ctx = contextWith(allow);
    const res = await execute({ schema, document: QUERY, contextValue: ctx });
    expect(res.data).toEqual({ oneVisit: { visitedAt: null, outcome: null, note: null, observations: null } });
    expect(res.errors?.map((e) => `${e.path!.join('.')}:${e.extensions?.code ?? (e.originalError as { code?: string } | undefined)?.code}`).sort()).toEqual([
      'oneVisit.note:UNATTRIBUTED_DISCLOSURE', 'oneVisit.observations:UNATTRIBUTED_DISCLOSURE',
      'oneVisit.outcome:UNATTRIBUTED_DISCLOSURE', 'oneVisit.visitedAt:UNATTRIBUTED_DISCLOSURE',
    ]);
    expect(JSON.stringify(res)).not.toContain('政策已宣传');
    expect(ctx.audit.recorder.groups()).toEqual([]);
  });

  it('refuses a subject id that is not a non-empty string, and even a denied field (the defect is refused, not hidden)', async () => {
    for (const subjectId of ['', 42, null]) {
      served = { row: ROW, subjectId } as never;
      const ctx = contextWith({});
      const res = await execute({ schema, document: parse('{ oneVisit { note } }'), contextValue: ctx });
      expect(res.errors?.map((e) => (e.originalError as { code?: string }).code)).toEqual(['UNATTRIBUTED_DISCLOSURE']);
    }
  });
});

describe('an aggregate field', () => {
  const raw = sdl(`type Query { page: Page }
    type Page @residentData(subjects: "AGGREGATE", reason: "the count of a search") { totalCount: Int @policy(owner: "hub", level: 1) }`);
  const declarations = readDeclarations(raw);
  const schema = applyPolicy(raw, declarations, { page: 'RESIDENT_DATA' });

  it('is served with no subject and attributed to nobody (it is about no single resident)', async () => {
    const ctx = contextWith({ 'Page.totalCount': 'ALLOW' });
    const res = await execute({ schema, document: parse('{ page { totalCount } }'), contextValue: ctx, rootValue: { page: { totalCount: 7 } } });
    expect(res).toEqual({ data: { page: { totalCount: 7 } } });
    expect(ctx.audit.recorder.groups()).toEqual([]);
  });
});
