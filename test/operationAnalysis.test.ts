import { GraphQLSchema, Kind, OperationDefinitionNode, parse } from 'graphql';
import { coercedVariables, fragmentsOf, rootFieldsOf } from '../src/policy/operationAnalysis';
import { buildOneFileSchema } from '../src/schema/buildSchema';

const schema: GraphQLSchema = buildOneFileSchema();
const document = parse(`
  query File($id: ID!, $n: Int) { ...Roots viewer { role } }
  fragment Roots on Query { person(id: $id) { name } searchPersons(first: $n, filter: { name: "王" }) { totalCount } }
`);
const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;

describe('the document is analysed once per request and shared by the checks', () => {
  it('finds the root fields through fragments, and the fragments by name', () => {
    expect([...rootFieldsOf(document, operation)].sort()).toEqual(['person', 'searchPersons', 'viewer']);
    expect(Object.keys(fragmentsOf(document))).toEqual(['Roots']);
    expect(fragmentsOf(document)).toBe(fragmentsOf(document));
    expect(rootFieldsOf(document, operation)).toBe(rootFieldsOf(document, operation));
  });

  it('coerces a request\'s variables once, however many checks ask', () => {
    const variables = { id: 'x', n: 5 };
    const first = coercedVariables(schema, operation, variables);
    expect(first).toEqual({ id: 'x', n: 5 });
    // The same coerced object (graphql-js builds a new one per coercion): computed once.
    expect(coercedVariables(schema, operation, variables)).toBe(first);
    expect(coercedVariables(schema, operation, { ...variables })).not.toBe(first);
    expect(coercedVariables(schema, operation, { id: 'x', n: 'five' })).toBeNull();
  });
});
