import 'reflect-metadata';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLSchema, printSchema } from 'graphql';
import { buildSchemaSync, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { readDeclarations, UndeclaredFieldError } from '../src/policy/declarations';
import { POLICY_DIRECTIVES } from '../src/policy/directives';
import { buildOneFileSchema, NO_TOPICS, RESOLVERS } from '../src/schema/buildSchema';
import { Grid } from '../src/schema/address/community.type';
import { Person } from '../src/departments/police/person.type';

const DIRECTIVES = printSchema(new GraphQLSchema({ directives: POLICY_DIRECTIVES })).replace(/^schema.*$/m, '');

/** A pension amount added to the person file the careless way: no @Policy of its own. */
@Resolver(() => Person)
class CarelessPensionResolver {
  @FieldResolver(() => Float, { nullable: true })
  pensionAmount(@Root() _person: Person): number {
    return 4200;
  }
}

/** A grid worker's phone added to the grid reference type (reachable from every address) without a declaration. */
@Resolver(() => Grid)
class CarelessGridResolver {
  @FieldResolver(() => String, { nullable: true })
  workerPhone(@Root() _grid: Grid): string {
    return '13800000000';
  }
}

describe('deny by default, for real', () => {
  it('builds the shipped schema: every field reachable from resident data carries its own declaration', () => {
    expect(() => readDeclarations(buildOneFileSchema())).not.toThrow();
  });

  it('refuses to build when a field is added to a resident type without its own @Policy, naming it', () => {
    const schema = buildSchemaSync({ resolvers: [...RESOLVERS, CarelessPensionResolver], validate: false, nullableByDefault: true, directives: POLICY_DIRECTIVES, pubSub: NO_TOPICS });
    expect(() => readDeclarations(schema)).toThrow(UndeclaredFieldError);
    expect(() => readDeclarations(schema)).toThrow(/Person\.pensionAmount/);
  });

  it('refuses to build when a field is added to a reachable non-resident type (a grid) without a declaration, naming it', () => {
    const schema = buildSchemaSync({ resolvers: [...RESOLVERS, CarelessGridResolver], validate: false, nullableByDefault: true, directives: POLICY_DIRECTIVES, pubSub: NO_TOPICS });
    expect(() => readDeclarations(schema)).toThrow(/Grid\.workerPhone/);
  });

  it('gives a resident type\'s fields nothing from the type: each needs its own', () => {
    const schema = makeExecutableSchema({
      typeDefs: `${DIRECTIVES}
        type Query { secret: Secret }
        type Secret @residentData(subjects: "PER_SUBJECT") { declared: String @policy(owner: "police", level: 2) inherited: String page: Page }
        type Page { cursor: String @policy(structural: "paging") next: String }`,
    });
    expect(() => readDeclarations(schema)).toThrow('Page.next, Secret.inherited');
  });

  it('refuses a structural declaration without a reason, or one that also claims an owner', () => {
    const schema = makeExecutableSchema({
      typeDefs: `${DIRECTIVES}
        type Query { secret: Secret }
        type Secret @residentData(subjects: "PER_SUBJECT") { a: String @policy(structural: " ") b: String @policy(structural: "paging", owner: "hub", level: 1) }`,
    });
    expect(() => readDeclarations(schema)).toThrow('Secret.a, Secret.b');
  });

  it('leaves types no resident-data root reaches alone', () => {
    const schema = makeExecutableSchema({
      typeDefs: `${DIRECTIVES}
        type Query { secret: Secret status: Status }
        type Secret @residentData(subjects: "PER_SUBJECT") { declared: String @policy(owner: "police", level: 2) }
        type Status { uptime: Int }`,
    });
    expect([...readDeclarations(schema).keys()]).toEqual(['Secret.declared']);
  });
});
