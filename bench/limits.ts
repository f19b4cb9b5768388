/**
 * `npm run bench:limits`: what the query limits cost per request, in-process and without I/O: the
 * checks the limits plugin runs once the operation is known (variable coercion, the text check over
 * every string, the cost and file count with variables) next to graphql-js's own `validate()` of the
 * same document with the armor rules (the step every request already pays), measured in the same run.
 *
 * Documents: the bench's person file, household file and `persons(ids)` with 500 ids (bench/documents.ts).
 * Options: --iterations N (2000) --rounds N (7); medians of the rounds' means are printed.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { FragmentDefinitionNode, getVariableValues, Kind, OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { armorProtection } from '../src/limits/armor';
import { DEFAULT_LIMITS } from '../src/limits/limitSettings';
import { queryCost } from '../src/limits/queryCost';
import { textInputAcceptable } from '../src/limits/textInput';
import { buildServedSchema } from '../src/schema/buildSchema';
import { HOUSEHOLD_FILE, PERSON_FILE, PERSONS_LIST } from './documents';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '7' } } });
const iterations = Number(values.iterations);
const rounds = Number(values.rounds);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Mean µs per call of `fn`, median over the rounds. */
function time(fn: () => void): number {
  for (let i = 0; i < Math.min(200, iterations); i += 1) fn();
  const means: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) fn();
    means.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  return median(means);
}

const schema = buildServedSchema().schema;
const rules = [...specifiedRules, ...armorProtection(DEFAULT_LIMITS.query).validationRules];
const ids = Array.from({ length: 500 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const cases: Array<[string, string, Record<string, unknown>]> = [
  ['person file', PERSON_FILE, { id: ids[0] }],
  ['household file', HOUSEHOLD_FILE, { id: ids[0] }],
  ['persons(ids: 500)', PERSONS_LIST, { ids }],
];

console.log(`query limits vs validate(), µs per request, median of ${rounds} rounds × ${iterations}`);
console.log('document            | validate | limits | limits/validate | files | cost');
for (const [name, text, variables] of cases) {
  const document = parse(text);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const limits = () => {
    textInputAcceptable(document, variables);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
    return queryCost(schema, operation, fragments, coerced.coerced!);
  };
  const v = time(() => validate(schema, document, rules));
  const l = time(limits);
  const { files, cost } = limits();
  console.log(`${name.padEnd(19)} | ${v.toFixed(1).padStart(8)} | ${l.toFixed(1).padStart(6)} | ${(l / v).toFixed(2).padStart(15)} | ${String(files).padStart(5)} | ${cost}`);
}
