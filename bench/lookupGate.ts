/**
 * `npx ts-node --transpile-only bench/lookupGate.ts`: the per-request CPU the issue-11 checks add
 * before and after execution, in-process, on the benchmark documents: the look-up gate
 * (`checkLookups`: one TypeInfo walk of the operation with its variables) and the access log's
 * document fingerprint (strip literals and names, print, HMAC-SHA256), against what the hub did
 * before in the same run (an unkeyed SHA-256 of the query text), cold and through the hub's cache
 * of recent documents. Prints median µs per call over rounds of 2,000 calls (p90 for the old
 * hash), and what a request now pays on top of the old hash (gate + cached fingerprint - old).
 * Options: --rounds N (15).
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { cachedDocumentFingerprint, documentFingerprint } from '../src/audit/documentFingerprint';
import { principalFromClaims } from '../src/auth/principal';
import { initialAccess } from '../src/policy/access';
import { checkLookups } from '../src/policy/lookupGate';
import { buildServedSchema } from '../src/schema/buildSchema';
import { HOUSEHOLD_FILE, PERSON_FILE, PERSONS_LIST } from './documents';
import { fmt, median, quantile } from './stats';

const argv = process.argv.slice(2);
const ROUNDS = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : 15;
const CALLS = 2000;

const served = buildServedSchema();
const key = randomBytes(32);
const principal = principalFromClaims({ sub: 'bench', role: 'POLICE_OFFICER' });
const access = { ...initialAccess(principal, 'EMERGENCY', null), purpose: 'EMERGENCY' as const, decisions: served.engine.decisionsFor('POLICE_OFFICER', 'EMERGENCY') };
const LOOKUP = `query Lookup($n: String!) { personByIdNumber(idNumber: $n) { ${PERSON_FILE.slice(PERSON_FILE.indexOf('{', PERSON_FILE.indexOf('person(')) + 1, PERSON_FILE.lastIndexOf('}', PERSON_FILE.lastIndexOf('}') - 1))} } }`;

const cases: Array<[string, string, Record<string, unknown>]> = [
  ['PersonFile', PERSON_FILE, { id: '98d69cc7-f30f-44bb-a77f-d9f15a62c6e0' }],
  ['HouseholdFile', HOUSEHOLD_FILE, { id: '1aeba565-cf7b-4a28-94d6-1313d7799186' }],
  ['PersonsList', PERSONS_LIST, { ids: Array.from({ length: 500 }, () => '98d69cc7-f30f-44bb-a77f-d9f15a62c6e0') }],
  ['personByIdNumber file', LOOKUP, { n: '110101194909222648' }],
];

function perCall(fn: () => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1000 / CALLS;
}

process.stdout.write(`${'document'.padEnd(24)} ${'sha256(text) µs'.padStart(22)} ${'gate µs'.padStart(10)} ${'fingerprint µs'.padStart(15)} ${'cached µs'.padStart(10)} ${'added µs'.padStart(9)}\n`);
for (const [label, source, variables] of cases) {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
  const old: number[] = [];
  const gate: number[] = [];
  const fingerprint: number[] = [];
  const cached: number[] = [];
  const remembered = cachedDocumentFingerprint(key);
  for (let round = 0; round < ROUNDS + 3; round++) {
    const o = perCall(() => createHash('sha256').update(source, 'utf8').digest('hex'));
    // A fresh variables object per call, as each request brings: the coerced variables are kept per request.
    const g = perCall(() => checkLookups(served.schema, document, operation as never, variables && { ...variables }, access));
    const f = perCall(() => documentFingerprint(key, document));
    const c = perCall(() => remembered(source, document));
    if (round < 3) continue; // warm-up
    old.push(o);
    gate.push(g);
    fingerprint.push(f);
    cached.push(c);
  }
  // What a request pays now instead of the old hash: the gate plus the (usually cached) fingerprint.
  const added = median(gate) + median(cached) - median(old);
  process.stdout.write(
    `${label.padEnd(24)} ${`${fmt(median(old))} (p90 ${fmt(quantile(old, 0.9))})`.padStart(22)} ${fmt(median(gate)).padStart(10)} ${fmt(median(fingerprint)).padStart(15)} ${fmt(median(cached)).padStart(10)} ${fmt(added).padStart(9)}\n`,
  );
}
