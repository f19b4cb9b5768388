import {
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { buildServedSchema } from '../../src/schema/buildSchema';
import type { Caller } from '../support/auth';
import { TestHub, startTestHub } from '../support/http';
import { countQueries } from '../support/queryCounter';
import { ask, codes, expectNoLeak } from './attackClient';

/** One place text can enter: a root field, its argument, and the path inside an input object. */
interface TextArgument {
  field: string;
  arg: GraphQLArgument;
  path: string[];
  /** The argument's value with `text` placed at `path`. */
  value(text: string): unknown;
}

const TEXT_SCALARS = new Set(['String', 'ID']);

/** Wraps a text into the shape of `type` (a list gets one element). */
function shaped(type: GraphQLInputType, text: string): unknown {
  const t = getNullableType(type);
  return isListType(t) ? [shaped(t.ofType, text)] : text;
}

/**
 * Every text argument of every root field, found in the served schema (input objects included), so
 * a text argument added later is attacked without anyone listing it here.
 */
function textArguments(): TextArgument[] {
  const query = servedQueryType();
  const found: TextArgument[] = [];
  for (const field of Object.values(query.getFields())) {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (isScalarType(named) && TEXT_SCALARS.has(named.name)) {
        found.push({ field: field.name, arg, path: [arg.name], value: (text) => shaped(arg.type, text) });
      } else if (isInputObjectType(named)) {
        for (const input of Object.values(named.getFields())) {
          const inner = getNamedType(input.type);
          if (isScalarType(inner) && TEXT_SCALARS.has(inner.name)) {
            found.push({ field: field.name, arg, path: [arg.name, input.name], value: (text) => shaped(arg.type, { [input.name]: shaped(input.type, text) } as never) });
          }
        }
      }
    }
  }
  return found;
}

let queryType: ReturnType<ReturnType<typeof buildServedSchema>['schema']['getQueryType']> | undefined;
/** The served schema's Query type, built once (a build runs every policy check: seconds, not per operation). */
function servedQueryType() {
  queryType ??= buildServedSchema().schema.getQueryType();
  return queryType!;
}

/** A literal for a required argument that is not under attack. */
function filler(type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].name;
  if (named.name === 'Int') return '1';
  if (named.name === 'Boolean') return 'false';
  return '"x"';
}

/** The operation that sends `target` as the variable `$v`, with fillers for the other required arguments. */
function operationFor(target: TextArgument): string {
  const field = servedQueryType().getFields()[target.field];
  const others = field.args.filter((a) => a.name !== target.arg.name && isNonNullType(a.type)).map((a) => `${a.name}: ${filler(a.type)}`);
  return `query Attack($v: ${target.arg.type.toString()}) { ${target.field}(${[`${target.arg.name}: $v`, ...others].join(', ')}) { __typename } }`;
}

/** Who may call each root field at all, so the attack reaches the resolver and its SQL. */
function callerFor(field: string): Caller {
  if (field === 'myAccessLog') return { role: 'RESIDENT', subject: '00000000-0000-4000-8000-000000000000' };
  if (field.startsWith('access')) return { role: 'AUDITOR' };
  return { role: 'POLICE_OFFICER', purpose: 'EMERGENCY' };
}

/** SQL quoting and LIKE wildcards, a placeholder, markup and a bidi override, each plain and in a mix. */
const INJECTIONS = ["' OR '1'='1", "'; DROP TABLE persons; --", '%_\\', '$1', '<script>alert(1)</script>', '張\u202e %_\\\''];

const ARGUMENTS = textArguments();

describe('attacks: text in every text argument', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('finds the text arguments in the schema (filters, ids, cursors)', () => {
    const names = ARGUMENTS.map((a) => `${a.field}.${a.path.join('.')}`);
    expect(names).toEqual(expect.arrayContaining(['searchPersons.filter.name', 'accessLog.filter.subject', 'personByIdNumber.idNumber', 'persons.ids', 'searchHouseholds.after']));
  });

  it.each(ARGUMENTS.map((a) => [`${a.field}(${a.path.join('.')})`, a] as const))('refuses a NUL byte in %s with INVALID_TEXT before any department SQL', async (_name, target) => {
    const counter = countQueries(t.dbs);
    const a = await ask(t.hub.url, operationFor(target), { v: target.value('zh\u0000ang') }, callerFor(target.field));
    counter.stop();
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['INVALID_TEXT']);
    expect(counter.counts.police + counter.counts.civil + counter.counts.health).toBe(0);
  });

  it.each(ARGUMENTS.map((a) => [`${a.field}(${a.path.join('.')})`, a] as const))('answers injection strings in %s with data or a coded error, never SQL or a 500', async (_name, target) => {
    const answers = await Promise.all(INJECTIONS.map((text) => ask(t.hub.url, operationFor(target), { v: target.value(text) }, callerFor(target.field))));
    for (const a of answers) {
      expectNoLeak(a);
      expect(codes(a)).not.toContain('SOURCE_UNAVAILABLE');
    }
    expect(Number((await t.dbs.police('persons').count('* as n'))[0].n)).toBeGreaterThan(0);
  });
});
