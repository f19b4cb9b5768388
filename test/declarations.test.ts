import fs from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLSchema, printSchema } from 'graphql';
import { matrixDecision } from '../src/policy/accessMatrix';
import { readDeclarations, UndeclaredFieldError } from '../src/policy/declarations';
import { POLICY_DIRECTIVES } from '../src/policy/directives';
import { applyMask } from '../src/policy/masks';
import { ACCESS_MATRIX_FILE, currentAccessMatrix } from '../src/policy/matrixCli';
import { decide } from '../src/policy/policyTable';
import { buildServedSchema } from '../src/schema/buildSchema';

/** The directive definitions the real schema uses, printed as SDL. */
const DIRECTIVES = printSchema(new GraphQLSchema({ directives: POLICY_DIRECTIVES })).replace(/^schema.*$/m, '');

describe('policy declarations', () => {
  it('refuses to build a schema with an undeclared resident-data field, naming it', () => {
    const schema = makeExecutableSchema({
      typeDefs: `${DIRECTIVES}
        type Query { secret: Secret }
        type Secret @residentData(subjects: "PER_SUBJECT") { declared: String @policy(owner: "police", level: 2) undeclared: String }`,
    });
    expect(() => readDeclarations(schema)).toThrow(UndeclaredFieldError);
    expect(() => readDeclarations(schema)).toThrow('Secret.undeclared');
  });

  it('reads each field\'s own declaration, with its value format and what it reveals', () => {
    const schema = makeExecutableSchema({
      typeDefs: `${DIRECTIVES}
        type Query { record: Record }
        type Record @residentData(subjects: "PER_SUBJECT") {
          kind: String @policy(owner: "civil", level: 3)
          number: String @policy(owner: "police", level: 3, mask: "SERIAL_PREFIX", value: "HOUSEHOLD_NUMBER")
          age: Int @policy(owner: "police", level: 2, reveals: "birthDate:366")
        }`,
    });
    const declarations = readDeclarations(schema);
    expect(declarations.get('Record.kind')).toEqual({ owner: 'civil', level: 3, mask: 'NONE' });
    expect(declarations.get('Record.number')).toEqual({ owner: 'police', level: 3, mask: 'SERIAL_PREFIX', value: 'HOUSEHOLD_NUMBER' });
    expect(declarations.get('Record.age')).toEqual({ owner: 'police', level: 2, mask: 'NONE', reveals: { fact: 'birthDate', candidates: 366 } });
  });

  it('refuses a declaration naming an unknown value format or fact', () => {
    const schema = makeExecutableSchema({
      typeDefs: `${DIRECTIVES}
        type Query { record: Record }
        type Record @residentData(subjects: "PER_SUBJECT") { a: String @policy(owner: "civil", level: 3, value: "PASSPORT") b: String @policy(owner: "civil", level: 3, reveals: "shoeSize") }`,
    });
    expect(() => readDeclarations(schema)).toThrow('Record.a, Record.b');
  });

  it('builds the served schema with every resident field declared', () => {
    const { declarations, residentRootFields } = buildServedSchema();
    expect(declarations.get('Person.idNumber')).toEqual({ owner: 'police', level: 3, mask: 'ID_NUMBER', value: 'ID_NUMBER' });
    expect([...residentRootFields].sort()).toEqual([
      'confirmTicket', 'createTicket', 'discrepancies', 'household', 'myTickets', 'node', 'notLivingHereVisits', 'person', 'personByIdNumber', 'persons', 'rateTicket',
      'recordVisit', 'reopenTicket', 'searchHouseholds', 'searchPersons', 'submitNeed', 'ticket', 'ticketQueue', 'transitionTicket', 'verify',
    ]);
  });

  it('keeps docs/access-matrix.md in step with the code (run `npm run policy:matrix`)', () => {
    expect(fs.readFileSync(ACCESS_MATRIX_FILE, 'utf8')).toBe(currentAccessMatrix());
  });
});

describe('the policy table', () => {
  const idNumber = { owner: 'police' as const, level: 3 as const, mask: 'ID_NUMBER' as const };
  it('gives a department its own facts at every level', () => {
    expect(decide('HEALTH_WORKER', 'HEALTH_FOLLOW_UP', { owner: 'health', level: 4, mask: 'NONE' })).toBe('ALLOW');
  });
  it('gives street staff L1–L2, L3 masked, L4 denied', () => {
    expect(decide('STREET_STAFF', 'HOME_VISIT', { owner: 'civil', level: 2, mask: 'NONE' })).toBe('ALLOW');
    expect(decide('STREET_STAFF', 'HOME_VISIT', idNumber)).toBe('MASK');
    expect(decide('STREET_STAFF', 'HOME_VISIT', { owner: 'health', level: 4, mask: 'NONE' })).toBe('DENY');
  });
  it('turns a MASK into DENY for a field without a partial form', () => {
    expect(decide('STREET_STAFF', 'HOME_VISIT', { owner: 'civil', level: 3, mask: 'NONE' })).toBe('DENY');
  });
  it('denies auditors and admins every resident field', () => {
    expect(matrixDecision('AUDITOR', null, { owner: 'hub', level: 1, mask: 'NONE' })).toBe('DENY');
    expect(decide('ADMIN', 'EMERGENCY', { owner: 'police', level: 1, mask: 'NONE' })).toBe('DENY');
  });
  it('keeps police flags covert from the resident they concern', () => {
    expect(decide('RESIDENT', 'SELF_SERVICE', { owner: 'police', level: 4, mask: 'NONE' })).toBe('DENY');
    expect(decide('RESIDENT', 'SELF_SERVICE', { owner: 'health', level: 4, mask: 'NONE' })).toBe('ALLOW');
  });
  it('discloses a value that embeds an ID number no more than the ID number', () => {
    const certificate = { owner: 'civil' as const, level: 3 as const, mask: 'LAST_FOUR' as const, alsoReveals: { owner: 'police' as const, level: 3 as const } };
    expect(decide('CIVIL_AFFAIRS_OFFICER', 'HOME_VISIT', certificate)).toBe('MASK');
    expect(decide('CIVIL_AFFAIRS_OFFICER', 'SUBSIDY_REVIEW', certificate)).toBe('ALLOW');
  });
});

describe('masks', () => {
  it.each([
    ['PHONE', '13812345678', '138****5678'],
    ['NAME', '张伟', '张*'],
    ['NAME', '欧阳娜娜', '欧***'],
    ['LAST_FOUR', '京26000001234', '****1234'],
    ['LAST_FOUR', '1234', '****'],
    ['LAST_FOUR', '123456', '****56'],
    ['LAST_FOUR', '12345678', '****5678'],
    ['ID_NUMBER', '11010519491231002X', '110105************'],
    ['AMOUNT', 1385.5, 1300],
  ] as const)('%s turns %s into %s', (mask, value, expected) => {
    expect(applyMask(mask, value, null)).toBe(expected);
  });
  it.each([
    ['HOUSEHOLD_NUMBER', '110101001000011', '110101001******'],
    ['RESIDENCE_PERMIT_NUMBER', '京26000001234', '京26*********'],
  ] as const)('shows a %s to its prefix: %s becomes %s', (format, value, expected) => {
    expect(applyMask('SERIAL_PREFIX', value, null, format)).toBe(expected);
  });
  it('cuts an address to the building', () => {
    expect(applyMask('ADDRESS', '北京市东城区智德大街2号院2号楼4单元301', { roomNumber: '4单元301' })).toBe('北京市东城区智德大街2号院2号楼');
  });
  it('turns a birth date into a five-year age band', () => {
    expect(applyMask('BIRTH_DATE', '1950-01-01', null)).toMatch(/^\d+-\d+$/);
  });
});
