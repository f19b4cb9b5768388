import {
  getNamedType, GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType,
} from 'graphql';

/**
 * An argument (or input field) that takes a full identifier and finds residents by it. Answering
 * it confirms the identifier belongs to someone within reach, so it is allowed only where the
 * caller may read that identifier in full: the request's decision for `field` must be ALLOW (the
 * same decision that governs reading the field; see policy/lookupGate.ts).
 */
export interface IdentifierArgument {
  /** Schema coordinate: `Type.field(arg:)` for a field argument, `Input.field` for an input field. */
  coordinate: string;
  /** The declared field whose full value the argument is matched against. */
  field: string;
  /** What the argument holds, for messages and tests. */
  kind: 'ID_NUMBER' | 'PHONE';
}

/** Every argument and input field of the schema that takes a full ID or phone number. */
export const IDENTIFIER_ARGUMENTS: readonly IdentifierArgument[] = [
  { coordinate: 'Query.personByIdNumber(idNumber:)', field: 'Person.idNumber', kind: 'ID_NUMBER' },
  { coordinate: 'Query.verify(idNumber:)', field: 'Person.idNumber', kind: 'ID_NUMBER' },
];

/**
 * Every other argument or input field that could hold an identifier by its type (text, ids,
 * floats, custom scalars), and why it is not a look-up by one. A new one must be added here or to
 * IDENTIFIER_ARGUMENTS, or a test fails (test/identifierLookups.test.ts).
 */
export const OTHER_TEXT_ARGUMENTS: Readonly<Record<string, string>> = {
  'Subscription.ticketEvents(department:)': 'a department module name, checked against the caller\'s own department',
  'Query.person(id:)': 'opaque hub id',
  'Query.persons(ids:)': 'opaque hub ids',
  'Query.household(id:)': 'opaque hub id',
  'Query.verify(residentId:)': 'opaque hub id',
  'Query.verify(serviceItem:)': 'code of the service-item catalogue; unknown codes are refused (UNKNOWN_SERVICE_ITEM), never echoed or recorded',
  'Query.node(id:)': 'opaque hub id',
  'Query.searchPersons(after:)': 'cursor the hub issued',
  'Query.searchHouseholds(after:)': 'cursor the hub issued',
  'SearchFilter.gridIds': 'grid ids (reference data)',
  'SearchFilter.communityCodes': 'community codes (reference data)',
  'SearchFilter.address': 'building address text, matched against the address library; gated as Address.text',
  'SearchFilter.name': 'name or its start, gated as Person.name (FILTER_NOT_PERMITTED where not ALLOW)',
  'Query.accessLog(after:)': 'auditors: cursor',
  'Query.myAccessLog(after:)': 'residents: cursor',
  'Query.accessLogSummary(from:)': 'auditors: time',
  'Query.accessLogSummary(to:)': 'auditors: time',
  'Query.accessAnomalies(from:)': 'auditors: time',
  'Query.accessAnomalies(to:)': 'auditors: time',
  'AccessLogFilterInput.decision': 'auditors: ALLOW, MASK or DENY',
  'AccessLogFilterInput.department': 'auditors: department',
  'AccessLogFilterInput.from': 'auditors: time',
  'AccessLogFilterInput.to': 'auditors: time',
  'AccessLogFilterInput.operationName': 'auditors: operation name',
  'AccessLogFilterInput.outcome': 'auditors: outcome',
  'AccessLogFilterInput.purpose': 'auditors: purpose',
  'AccessLogFilterInput.residentId': 'auditors: opaque hub id',
  'AccessLogFilterInput.role': 'auditors: role',
  'AccessLogFilterInput.subject': 'auditors: staff token subject',
  'Household.visits(after:)': 'cursor the hub issued',
  'Query.notLivingHereVisits(after:)': 'cursor the hub issued',
  'Query.discrepancies(rule:)': 'a rule id of the checks catalogue (UNKNOWN_CHECK_RULE otherwise)',
  'Query.discrepancies(after:)': 'cursor the hub issued',
  'Query.visitCoverage(month:)': 'YYYY-MM',
  'Query.ticketFigures(from:)': 'YYYY-MM',
  'Query.ticketFigures(to:)': 'YYYY-MM',
  'Query.visitCoverage(gridId:)': 'grid id (reference data), within the caller\'s grids',
  'Query.visitCoverage(communityCode:)': 'community code (reference data)',
  'Query.visitCoverage(streetCode:)': 'street code (reference data)',
  'RecordVisitInput.householdId': 'opaque hub id',
  'RecordVisitInput.membersMet': 'opaque hub ids',
  'RecordVisitInput.idempotencyKey': 'client-made key, 8-64 of [A-Za-z0-9_-], never logged',
  'RecordVisitInput.needs': 'codes of the needs catalogue',
  'RecordVisitInput.visitedAt': 'time',
  'RecordVisitInput.note': 'street note: refused when it holds ID-, phone- or card-shaped numbers (NOTE_CONTAINS_IDENTIFIER), never logged',
  'RecordVisitInput.solvedOnSpot': 'codes of the need-item catalogue',
  'Query.ticket(id:)': 'opaque ticket id',
  'Query.ticketQueue(after:)': 'cursor the hub issued',
  'Query.myTickets(after:)': 'cursor the hub issued',
  'CreateTicketInput.householdId': 'opaque hub id',
  'CreateTicketInput.personId': 'opaque hub id',
  'CreateTicketInput.item': 'code of the need-item catalogue',
  'CreateTicketInput.summary': 'ticket summary: refused when it holds ID-, phone- or card-shaped numbers (NOTE_CONTAINS_IDENTIFIER), never logged',
  'CreateTicketInput.idempotencyKey': 'client-made key, 8-64 of [A-Za-z0-9_-], never logged',
  'SubmitNeedInput.item': 'code of the need-item catalogue',
  'SubmitNeedInput.summary': 'ticket summary: refused when it holds ID-, phone- or card-shaped numbers (NOTE_CONTAINS_IDENTIFIER), never logged',
  'SubmitNeedInput.idempotencyKey': 'client-made key, 8-64 of [A-Za-z0-9_-], never logged',
  'TransitionTicketInput.id': 'opaque ticket id',
  'TransitionTicketInput.reason': 'transition reason: refused when it holds ID-, phone- or card-shaped numbers (NOTE_CONTAINS_IDENTIFIER), never logged',
  'TransitionTicketInput.toDepartment': 'registered department name',
  'ResidentTicketInput.id': 'opaque ticket id',
  'ResidentTicketInput.reason': 'transition reason: refused when it holds ID-, phone- or card-shaped numbers (NOTE_CONTAINS_IDENTIFIER), never logged',
  'RateTicketInput.id': 'opaque ticket id',
  'RateTicketInput.comment': 'rating comment: refused when it holds ID-, phone- or card-shaped numbers (NOTE_CONTAINS_IDENTIFIER), never logged',
};

/** Types that cannot carry an ID or phone number: Int (32 bits), Boolean and enums. */
function cannotHoldIdentifier(type: ReturnType<typeof getNamedType>): boolean {
  return isEnumType(type) || (isScalarType(type) && (type.name === 'Int' || type.name === 'Boolean')) || isInputObjectType(type);
}

/** Coordinates of every argument and input field whose type could hold an identifier. */
export function textArgumentCoordinates(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (!cannotHoldIdentifier(getNamedType(arg.type))) found.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!cannotHoldIdentifier(getNamedType(field.type))) found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

/** Text-capable arguments that are in neither list: each must be classified before it ships. */
export function unclassifiedTextArguments(schema: GraphQLSchema): string[] {
  const known = new Set([...IDENTIFIER_ARGUMENTS.map((a) => a.coordinate), ...Object.keys(OTHER_TEXT_ARGUMENTS)]);
  return textArgumentCoordinates(schema).filter((c) => !known.has(c));
}
