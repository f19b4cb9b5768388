/**
 * The hub's error catalogue: every code a client can meet in `extensions.code`, defined once. Each
 * entry says where the error comes from (its group), the HTTP status of the response when the
 * error decides it, what it means and what the caller should do. Throw sites take an `ErrorCode`
 * (so `tsc` refuses a code that is not here); `docs/errors.md` is generated from this table
 * (`npm run errors:doc`) and a test keeps the two in step. Error codes are API: a code is renamed
 * only by merging two codes for the same mistake, keeping the documented one.
 */

/** Where an error is raised, in the order a request meets them. */
export type ErrorGroup = 'http' | 'limit' | 'throttle' | 'refusal' | 'input' | 'field' | 'graphql';

export interface ErrorEntry {
  readonly group: ErrorGroup;
  /** The HTTP status of the response when this error decides it; null for an error on one field (the response is 200). */
  readonly status: number | null;
  readonly meaning: string;
  readonly action: string;
  /** The values of `extensions.reason` the error may carry, when it has one. */
  readonly reasons?: readonly string[];
}

/** Why a request was not authenticated (`extensions.reason` of UNAUTHENTICATED). */
export const AUTHENTICATION_FAILURES = ['MISSING', 'MALFORMED', 'EXPIRED', 'LIFETIME_TOO_LONG', 'MISSING_IAT', 'ISSUED_IN_FUTURE', 'INVALID'] as const;

/** What each group means, in the generated documentation. */
export const ERROR_GROUPS: Record<ErrorGroup, string> = {
  http: 'The HTTP front refused the request before GraphQL saw it. Nothing was read or recorded.',
  limit: 'The query asks too much; refused before any resolver runs, and the only error in the response. A limit met by a query that selects resident data is recorded (REFUSED).',
  throttle: 'Too many requests or look-ups; answered with `Retry-After`. Recorded as REFUSED.',
  refusal: 'The request is refused before any resident data is read; the access record has outcome REFUSED and this code.',
  input: 'An argument is malformed or out of range: the field answers null with this error and nothing is read.',
  field: 'One field could not be answered; the rest of the response stands.',
  graphql: 'Raised by graphql-js or Apollo Server; the hub keeps the code and scrubs the message.',
};

const entries = {
  // http
  BAD_REQUEST: { group: 'http', status: 400, meaning: 'The request is not a GraphQL request the hub can read: body not JSON or not an object, request target not a URL, bad development-token request.', action: 'Send one JSON object `{ query, variables, operationName }` with content-type application/json.' },
  NOT_FOUND: { group: 'http', status: 404, meaning: 'No such path; the hub serves /graphql, /healthz, /readyz and /metrics.', action: 'Call /graphql.' },
  METHOD_NOT_ALLOWED: { group: 'http', status: 405, meaning: 'The development token endpoint answers POST only.', action: 'Use POST.' },
  CORS_ORIGIN_DENIED: { group: 'http', status: 403, meaning: 'The browser origin is not in CORS_ORIGINS.', action: 'Call from a configured origin, or ask the operator to add it.' },
  UNAUTHENTICATED: { group: 'http', status: 401, meaning: 'No bearer token, or one that is invalid, expired or not for this hub (`reason` says which: no or malformed header, expired, lifetime over AUTH_MAX_TOKEN_SECONDS, no `iat`, `iat` in the future, or otherwise invalid).', action: 'Get a fresh token from the identity provider and send it as `Authorization: Bearer …`.', reasons: AUTHENTICATION_FAILURES },
  FORBIDDEN: { group: 'http', status: 403, meaning: 'The caller is authenticated but its role may not use this: /metrics without an ADMIN or metrics token, or a root field reserved for another role (the access log, a resident\'s own history), or the ticket events of a department the caller\'s role does not work for.', action: 'Use an account of the role named in the message.' },
  PAYLOAD_TOO_LARGE: { group: 'http', status: 413, meaning: 'The request body is larger than MAX_BODY_BYTES.', action: 'Send a smaller query; pass long lists as fewer requests.' },
  UNSUPPORTED_MEDIA_TYPE: { group: 'http', status: 415, meaning: 'A POST whose content-type is not application/json.', action: 'Send content-type: application/json.' },
  BATCHING_NOT_SUPPORTED: { group: 'http', status: 400, meaning: 'The body is an array of operations.', action: 'Send one operation per request.' },
  INVALID_TEXT: { group: 'http', status: 400, meaning: 'The body, query string or a text argument is not valid UTF-8, or holds NUL or a lone surrogate.', action: 'Send valid UTF-8 text.' },
  OPERATION_NOT_SUPPORTED: { group: 'http', status: 400, meaning: 'A subscription sent by HTTP, a query or mutation sent over WebSocket, or a mutation sent with GET: the hub answers queries, and the mutations of the records it owns (the street office\'s visits), by HTTP (mutations by POST only; it never writes department data), and subscriptions over WebSocket (graphql-ws) at /graphql.', action: 'Send a query or mutation by HTTP POST; subscribe over WebSocket.' },
  TOO_MANY_SUBSCRIPTIONS: { group: 'http', status: 429, meaning: 'Over WebSocket: more than WS_MAX_CONNECTIONS_PER_PRINCIPAL open connections for this account on one hub instance (the connection is closed with code 4429 and this reason), or more than WS_MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions on one connection.', action: 'Reuse one connection for your subscriptions; close those you no longer need.' },
  SHUTTING_DOWN: { group: 'http', status: 503, meaning: 'The hub is draining for a stop (the connection is closed).', action: 'Retry on another instance after `Retry-After`.' },
  OVERLOADED: { group: 'http', status: 503, meaning: 'More requests are in flight than MAX_IN_FLIGHT admits.', action: 'Retry after `Retry-After` seconds.' },
  AUDIT_UNAVAILABLE: { group: 'http', status: 503, meaning: 'The access record of the request could not be written, so the resident data it read is withheld.', action: 'Retry later; operators see the cause in /readyz and the log.' },
  INTROSPECTION_DISABLED: { group: 'http', status: 403, meaning: 'Schema introspection is off on this hub, or for administrators only.', action: 'Use the published schema/schema.graphql.' },
  INTERNAL_SERVER_ERROR: { group: 'http', status: 500, meaning: 'An unexpected failure; it is logged, and the message says nothing more.', action: 'Retry; report it with the response\'s x-request-id if it persists.' },
  // limit
  QUERY_TOO_LARGE: { group: 'limit', status: 400, meaning: 'The query text is longer than the hub reads, or has more than QUERY_MAX_TOKENS tokens.', action: 'Send a shorter query.' },
  QUERY_TOO_DEEP: { group: 'limit', status: 400, meaning: 'The answer would be nested deeper than QUERY_MAX_DEPTH (fragments counted as inlined).', action: 'Ask for fewer levels.' },
  TOO_MANY_ALIASES: { group: 'limit', status: 400, meaning: 'More than QUERY_MAX_ALIASES aliases (`__typename` counts).', action: 'Use fewer aliases; ask for several residents with one list field.' },
  TOO_MANY_DIRECTIVES: { group: 'limit', status: 400, meaning: 'More than QUERY_MAX_DIRECTIVES directives.', action: 'Use fewer directives.' },
  TOO_MANY_FILES: { group: 'limit', status: 400, meaning: 'The query, with its variables, asks for more than QUERY_MAX_FILES person or household files.', action: 'Page through smaller requests.' },
  QUERY_TOO_COSTLY: { group: 'limit', status: 400, meaning: 'The query, with its variables, asks for more than QUERY_MAX_COST fields in all.', action: 'Ask for fewer fields or a smaller page.' },
  TOO_MANY_ERRORS: { group: 'limit', status: null, meaning: 'The last entry of a refused request\'s error list: more errors than QUERY_MAX_ERRORS were left out.', action: 'Fix the errors shown and send again.' },
  // throttle
  RATE_LIMITED: { group: 'throttle', status: 429, meaning: 'More than RATE_LIMIT_REQUESTS requests by this account in RATE_LIMIT_WINDOW_SECONDS.', action: 'Wait `Retry-After` seconds.' },
  MISS_BUDGET_EXCEEDED: { group: 'throttle', status: 429, meaning: 'Too many look-ups by identifier found nothing (MISS_BUDGET in MISS_BUDGET_WINDOW_SECONDS): the pattern of guessing identifiers.', action: 'Check the identifiers you look up; wait `Retry-After` seconds. Auditors see this as an anomaly.' },
  // refusal
  PURPOSE_REQUIRED: { group: 'refusal', status: 400, meaning: 'No x-purpose header on a request that reads resident data.', action: 'Declare the purpose of the request in x-purpose.' },
  UNKNOWN_PURPOSE: { group: 'refusal', status: 400, meaning: 'x-purpose names no known purpose.', action: 'Use one of the purposes in README (e.g. HOME_VISIT).' },
  PURPOSE_NOT_GRANTED: { group: 'refusal', status: 403, meaning: 'The caller\'s role is not granted the declared purpose.', action: 'Declare a purpose your role has.' },
  PURPOSE_NOT_APPLICABLE: { group: 'refusal', status: 403, meaning: 'The purpose does not cover this operation (ID_VERIFICATION answers a look-up by ID number and the looked-up person\'s own fields only; SERVICE_APPLICATION answers `verify` only, and `verify` runs under SERVICE_APPLICATION only).', action: 'Ask only what the purpose covers, or declare another purpose.' },
  CASE_NUMBER_REQUIRED: { group: 'refusal', status: 400, meaning: 'The purpose needs a case number and x-case-number is missing.', action: 'Send the case number in x-case-number.' },
  INVALID_CASE_NUMBER: { group: 'refusal', status: 400, meaning: 'x-case-number is not of the configured format, or is shaped like an ID number, phone number or name.', action: 'Send the case number as issued (e.g. XS-2026-0042).' },
  INVALID_OPERATION_NAME: { group: 'refusal', status: 400, meaning: 'The operation name is too long or holds numbers shaped like identifiers, so it cannot be written to the access log.', action: 'Use a plain operation name of at most 64 characters.' },
  FILTER_NOT_PERMITTED: { group: 'refusal', status: 403, meaning: 'A look-up or search filter by a value the caller may not see in full for the declared purpose (a look-up is refused with 403; a search filter answers on the search field).', action: 'Look up by what your role sees (see docs/access-matrix.md), or declare a purpose that shows it.' },
  FINDINGS_NOT_PERMITTED: { group: 'refusal', status: null, meaning: 'Findings of the cross-department checks (and their counts and shares) are shown only to officers of the department that must act on them, for the rules it owns, under a purpose its policy row opens at the rule\'s level (docs/checks.md).', action: 'Use an account of the owning department and a purpose of its work, or ask for one of its own rules.' },
  WRITE_NOT_PERMITTED: { group: 'refusal', status: null, meaning: 'The caller\'s role may not make this write (recording a visit is STREET_STAFF\'s, under HOME_VISIT; creating and moving tickets is the departments\' and street staff\'s, under TICKET_HANDLING; confirming, reopening and rating is the resident\'s).', action: 'Use an account of the role named in the message.' },
  HOUSEHOLD_NOT_FOUND: { group: 'refusal', status: null, meaning: 'No such household among the caller\'s grids; a household outside them answers exactly the same.', action: 'Check the household id; you can record visits in your own grids only.' },
  VISIT_IN_FUTURE: { group: 'refusal', status: null, meaning: '`visitedAt` is later than now (a few minutes of clock skew allowed).', action: 'Send the time the visit took place.' },
  VISIT_TOO_OLD: { group: 'refusal', status: null, meaning: '`visitedAt` is older than the window a visit may still be entered in (VISIT_ENTRY_WINDOW_DAYS).', action: 'Ask your supervisor; late entries are not accepted by the hub.' },
  NOTE_TOO_LONG: { group: 'refusal', status: null, meaning: 'A visit note, ticket summary, transition reason or rating comment is longer than its limit (`maxChars`).', action: 'Shorten the text.' },
  NOTE_CONTAINS_IDENTIFIER: { group: 'refusal', status: null, meaning: 'A visit note, ticket summary, transition reason or rating comment holds text shaped like an ID, phone or bank-card number (`shapes` says which); the value is not echoed or stored.', action: 'Leave identifiers out of notes: members met are chosen from the household.' },
  UNKNOWN_NEED: { group: 'refusal', status: null, meaning: 'A need is not a code of the needs catalogue, or is given twice.', action: 'Use codes from the needs catalogue (docs/visits.md).' },
  MEMBER_NOT_IN_HOUSEHOLD: { group: 'refusal', status: null, meaning: 'A member met is not a registered member of the household, or is given twice.', action: 'Choose members met from the household\'s members.' },
  MEMBERS_MET_INCONSISTENT: { group: 'refusal', status: null, meaning: 'MET needs at least one member met; the other outcomes meet nobody of the household.', action: 'Make the outcome and the members met agree.' },
  INVALID_OBSERVATION: { group: 'refusal', status: null, meaning: 'An observation is out of range (occupants 0 to 99).', action: 'Correct the observation.' },
  INVALID_IDEMPOTENCY_KEY: { group: 'refusal', status: null, meaning: 'The idempotency key is not 8 to 64 letters, digits, `-` or `_`.', action: 'Send a fresh UUID per visit, and the same one on every retry of it.' },
  IDEMPOTENCY_KEY_REUSED: { group: 'refusal', status: null, meaning: 'The idempotency key was already used by this staff member for a different visit.', action: 'Use a new key for a new visit; retry a visit with its own key.' },
  UNKNOWN_SERVICE_ITEM: { group: 'refusal', status: null, meaning: '`verify` names no service item of the catalogue (the value is not echoed or recorded).', action: 'Use a service item code from README "Claims instead of documents" (e.g. ELDERLY_PREFERENTIAL_CARD).' },
  CLAIMS_REQUIRED: { group: 'refusal', status: null, meaning: '`verify` asks no claim, or one claim twice.', action: 'Ask each claim the service item needs once.' },
  CLAIM_NOT_IN_SERVICE_ITEM: { group: 'refusal', status: null, meaning: 'A claim the service item does not declare (minimum necessity): nothing is read (`claim` names it).', action: 'Ask only the claims the service item lists.' },
  CLAIM_NOT_PERMITTED: { group: 'refusal', status: null, meaning: 'A claim the caller\'s role may not ask for the declared purpose (docs/access-matrix.md, ClaimAnswers): nothing is read (`claim` names it).', action: 'Leave the claim to the office whose role may ask it.' },
  RESIDENT_REQUIRED: { group: 'refusal', status: null, meaning: '`verify` needs exactly one of `residentId` and `idNumber`.', action: 'Name the resident once.' },
  RESIDENT_NOT_FOUND: { group: 'refusal', status: null, meaning: 'No such resident within the caller\'s reach: a resident outside it answers exactly the same.', action: 'Check the hub id or the ID number on the card.' },
  ONE_WRITE_PER_REQUEST: { group: 'refusal', status: null, meaning: 'A request asked for a second recordVisit: each write gets its own hub-minted request id, which links its access records.', action: 'Send one recordVisit per request.' },
  TICKET_NOT_FOUND: { group: 'refusal', status: null, meaning: 'No such ticket among those the caller may act on: another department\'s ticket, or a ticket about another household, answers exactly like a missing one.', action: 'Check the ticket id; departments act on tickets routed to them, residents on tickets about their own household.' },
  ILLEGAL_TRANSITION: { group: 'refusal', status: null, meaning: 'The ticket cannot go to that status from the one it is in, or not by the caller (`from` and `to` say which; the state machine is in README, Tickets).', action: 'Reload the ticket and make a transition its status allows.' },
  TICKET_VERSION_CONFLICT: { group: 'refusal', status: null, meaning: '`expectedVersion` is not the ticket\'s current version: someone changed it since it was read (of two concurrent updates one wins, the other gets this).', action: 'Reload the ticket (its `version`) and decide again.' },
  UNKNOWN_DEPARTMENT: { group: 'refusal', status: null, meaning: 'A transfer without a target, to the department that already holds the ticket, or to a name that is not a registered department.', action: 'Name another registered department in `toDepartment`.' },
  INVALID_RATING: { group: 'refusal', status: null, meaning: 'A rating outside 1 to 5.', action: 'Rate with a whole number from 1 to 5.' },
  TICKET_BINDING_REQUIRED: { group: 'refusal', status: 400, meaning: 'A read of a resident\'s file under TICKET_HANDLING without an `x-ticket-id` header. Auditors see it as an UNBOUND_TICKET_READ anomaly.', action: 'Send the id of the open ticket you are handling in x-ticket-id.' },
  TICKET_NOT_BOUND: { group: 'refusal', status: 403, meaning: '`x-ticket-id` names no open ticket routed to the caller\'s department (malformed, unknown, closed, or another department\'s). Nothing was read; auditors see it as an UNBOUND_TICKET_READ anomaly.', action: 'Name an open ticket of your department; a closed ticket no longer opens the file.' },
  TAG_NOT_PERMITTED: { group: 'refusal', status: null, meaning: 'A search filter by a service tag the caller may not see for the declared purpose.', action: 'Filter by tags your role sees (docs/tags.md).' },
  // input
  INVALID_ID: { group: 'input', status: null, meaning: 'An id that is not a hub id of the expected kind.', action: 'Pass an id the hub returned.' },
  INVALID_ID_NUMBER: { group: 'input', status: null, meaning: 'An ID number of the wrong length, date or check character (`problem` says which).', action: 'Check the ID number as written on the card.' },
  TOO_MANY_IDS: { group: 'input', status: null, meaning: 'More ids in one list than the field accepts (`max`).', action: 'Split the list.' },
  INVALID_CURSOR: { group: 'input', status: null, meaning: 'A cursor this list did not return (malformed, tampered, or from another list).', action: 'Pass the endCursor of the previous page of the same list.' },
  INVALID_PAGE_SIZE: { group: 'input', status: null, meaning: '`first` below 1.', action: 'Ask for at least one item.' },
  PAGE_SIZE_TOO_LARGE: { group: 'input', status: null, meaning: '`first` above the list\'s largest page (`max`).', action: 'Ask for at most `max` items and page on.' },
  UNKNOWN_CHECK_RULE: { group: 'input', status: null, meaning: 'The `rule` is not in the catalogue of cross-department checks.', action: 'Use a rule id listed in docs/checks.md.' },
  INVALID_FILTER: { group: 'input', status: null, meaning: 'A filter value that is malformed or out of range (`argument` names it).', action: 'Correct the filter as the message says.' },
  BAD_TIME_RANGE: { group: 'input', status: null, meaning: '`from` is not before `to`.', action: 'Give a window that starts before it ends.' },
  BAD_THRESHOLD: { group: 'input', status: null, meaning: 'An anomaly threshold that is not positive, or working hours outside 0 <= start < end <= 24.', action: 'Correct the threshold.' },
  FILTER_REQUIRED: { group: 'input', status: null, meaning: 'A city-wide search without a grid, community, address or name of at least two pinyin letters.', action: 'Narrow the search.' },
  SEARCH_TOO_BROAD: { group: 'input', status: null, meaning: 'The filter matches more buildings or candidates than one search may check.', action: 'Give more of the address, a grid or a community.' },
  INVALID_MONTH: { group: 'input', status: null, meaning: 'A month that is not YYYY-MM.', action: 'Send the month as YYYY-MM.' },
  INVALID_PERIOD: { group: 'input', status: null, meaning: 'A period whose last month is before its first, or longer than the query allows (ticket figures: 24 months).', action: 'Send from ≤ to within the limit.' },
  AREA_REQUIRED: { group: 'input', status: null, meaning: 'The visit coverage needs exactly one of gridId, communityCode and streetCode.', action: 'Name one area.' },
  AREA_NOT_FOUND: { group: 'input', status: null, meaning: 'No such grid, community or street among the caller\'s grids; one outside them answers the same.', action: 'Name an area of your own grids.' },
  TAG_NOT_APPLICABLE: { group: 'input', status: null, meaning: 'A household search by a tag registered members never carry.', action: 'Search persons for that tag.' },
  // field
  FIELD_DENIED: { group: 'field', status: null, meaning: 'The field is not disclosed to the caller\'s role for the declared purpose. It says nothing about the value, not even whether one exists.', action: 'None: this is the policy. docs/access-matrix.md lists who sees what.' },
  SOURCE_UNAVAILABLE: { group: 'field', status: null, meaning: 'A department (or the hub\'s own) database could not answer in time, or its circuit is open; `source` names it.', action: 'Retry later; the other departments\' fields are in the answer.' },
  DEADLINE_EXCEEDED: { group: 'field', status: null, meaning: 'The request ran past REQUEST_DEADLINE_MS before this field could be read.', action: 'Retry, or ask for less at once.' },
  VISIT_NOT_RECORDED: { group: 'field', status: 503, meaning: 'The visit could not be committed after its access record was appended; a WRITE_FAILED record says so and nothing was saved.', action: 'Retry with the same idempotency key.' },
  UNATTRIBUTED_DISCLOSURE: { group: 'field', status: null, meaning: 'A field about one resident could not be told whose data it is (a defect of the hub), so it was withheld: nothing of it was read or disclosed, and nothing left unrecorded.', action: 'Report it with the response\'s x-request-id; the rest of the response stands.' },
  CLAIM_NOT_REQUESTED: { group: 'field', status: null, meaning: 'A claim selected on ClaimAnswers that the `verify` call did not ask in `claims`: not answered, recorded as not disclosed.', action: 'Ask the claim in `claims` (if the service item declares it).' },
  TICKET_NOT_RECORDED: { group: 'field', status: 503, meaning: 'The ticket write could not be committed after its access record was appended; a WRITE_FAILED record says so and nothing was saved.', action: 'Retry (a creation with the same idempotency key; a transition with the same expected version).' },
  REQUEST_CANCELLED: { group: 'field', status: null, meaning: 'The client went away and the read was cancelled.', action: 'None: nobody is left to answer.' },
  // graphql
  GRAPHQL_PARSE_FAILED: { group: 'graphql', status: 400, meaning: 'The query is not valid GraphQL syntax.', action: 'Fix the syntax.' },
  GRAPHQL_VALIDATION_FAILED: { group: 'graphql', status: 400, meaning: 'The query does not match the schema (unknown field, wrong argument type, a literal over a limit).', action: 'Check the query against schema/schema.graphql.' },
  BAD_USER_INPUT: { group: 'graphql', status: 400, meaning: 'A variable value does not match its declared type (e.g. an unknown enum value).', action: 'Send variables of the declared types.' },
  OPERATION_RESOLUTION_FAILURE: { group: 'graphql', status: 400, meaning: 'The document has several operations and operationName does not pick one.', action: 'Send operationName.' },
} as const satisfies Record<string, ErrorEntry>;

/** Every code the hub (or the GraphQL libraries under it) puts in `extensions.code`. */
export type ErrorCode = keyof typeof entries;

export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorEntry>> = entries;

/** The codes of one group, in catalogue order. */
export function codesOf(group: ErrorGroup): ErrorCode[] {
  return (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).filter((code) => ERROR_CATALOGUE[code].group === group);
}

/** Whether `code` is one of the catalogue's codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}

/** The body of an error answered outside GraphQL execution: the same shape a GraphQL error has. */
export function errorBody(code: ErrorCode, message: string, details: Record<string, unknown> = {}): { errors: Array<{ message: string; extensions: Record<string, unknown> }> } {
  return { errors: [{ message, extensions: { code, ...details } }] };
}
