import { CHECK_RULES } from '../src/checks/rules';
import { CLAIM_CATALOG, CLAIMS as HUB_CLAIMS } from '../src/claims/claim';
import { SERVICE_ITEMS as HUB_SERVICE_ITEMS } from '../src/claims/serviceItem';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import { TICKET_TRANSITIONS } from '../src/departments/street/tickets/ticketStates';
import { DEPARTMENT_TARGETS } from '../src/departments/street/tickets/transitionTicket';
import { CHECK_RULE_NAMES, CHECK_RULE_OWNERS, CLAIMS, DEPARTMENT_MOVES, NEED_ITEM_NAMES, RESIDENT_MOVES, SERVICE_ITEMS } from '../web/src/pages/desk/catalogues';

/**
 * The console names the hub's catalogues for people (web/src/pages/desk): its copies must name
 * exactly the hub's codes, or a new need item, service item, claim or rule would show as a bare
 * code and a move the hub allows would have no button.
 */
describe('the console\'s catalogues follow the hub\'s', () => {
  it('names every need item with the hub\'s own Chinese and English title', () => {
    expect(Object.fromEntries(Object.entries(NEED_ITEM_NAMES).map(([code, [zh, en]]) => [code, `${zh} ${en}`]))).toEqual(
      Object.fromEntries(NEED_ITEMS.map((i) => [i.code, i.title])),
    );
  });

  it('offers each service item with exactly the claims it declares, and each claim with its answer field', () => {
    // The same sets; the console lists them in its own order (the hub's follows the department registry).
    const sorted = (items: Array<[string, string[]]>) => items.map(([code, claims]) => [code, [...claims].sort()]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(sorted(SERVICE_ITEMS.map((s) => [s.code, [...s.claims]]))).toEqual(sorted(HUB_SERVICE_ITEMS.map((s) => [s.name, [...s.claims]])));
    expect(CLAIMS.map((c) => [c.code, c.field]).sort()).toEqual(HUB_CLAIMS.map((c) => [c, CLAIM_CATALOG[c].field]).sort());
  });

  it('names every check rule and knows the department that owns its findings', () => {
    expect(Object.keys(CHECK_RULE_NAMES).sort()).toEqual(CHECK_RULES.map((r) => r.id).sort());
    expect(CHECK_RULE_OWNERS).toEqual(Object.fromEntries(CHECK_RULES.map((r) => [r.id, r.owner])));
  });

  it('offers the department and the resident exactly the moves the state machine allows them', () => {
    const department = Object.fromEntries(Object.entries(TICKET_TRANSITIONS).map(([from, to]) => [from, to.filter((x) => DEPARTMENT_TARGETS.includes(x))]));
    expect(DEPARTMENT_MOVES).toEqual(department);
    const resident = Object.fromEntries(
      Object.entries(TICKET_TRANSITIONS).map(([from, to]) => [from, to.filter((x) => !DEPARTMENT_TARGETS.includes(x))]).filter(([, to]) => to.length > 0),
    );
    expect(RESIDENT_MOVES).toEqual(resident);
  });
});
