import type { Databases } from '../src/db/databases';
import type { DatabaseName } from '../src/config';
import { todayInChina } from '../src/identity/age';
import type { SearchCriteria } from '../src/sources/search/criteria';
import { householdCriteria, householdScope } from '../src/departments/police/householdPredicates';
import { personCriteria, personScope } from '../src/departments/police/personPredicates';
import { FEW_MATCHES, householdCandidates, statements } from '../src/departments/police/policeSearch';
import { runSql } from '../src/sources/runSql';
import { and, numbered, NumberedSql, Sql } from '../src/sources/search/sql';
import { confirmTagsSql } from '../src/sources/search/tagChecks';
import { parseNameQuery } from '../src/schema/search/nameQuery';
import { tagRule } from '../src/tags/tagRules';
import { Tag } from '../src/tags/tag';

const NONE: SearchCriteria = { area: null, name: null, minAge: null, maxAge: null, ageDay: todayInChina(), livesAwayFromRegisteredAddress: null, tags: [] };

/** Long array literals in plans (building codes, ID numbers) shortened to their length. */
function shorten(line: string): string {
  return line.replace(/'\{[^}]{60,}\}'/g, (m) => `'{…${m.split(',').length} items}'`);
}

async function explain(db: Databases[DatabaseName], label: string, statement: Sql | NumberedSql, log: (l: string) => void): Promise<void> {
  const q = statement.text.includes('$1') ? statement : numbered(statement, 1);
  const rows = await runSql<{ 'QUERY PLAN': string }>(db, `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.text}`, q.values, { prepare: false });
  log(`\n-- ${label}`);
  for (const r of rows) log(shorten(r['QUERY PLAN']));
}

/**
 * EXPLAIN ANALYZE of the statements the two benchmark searches run, built by the same code the
 * sources use: (a) members of one grid's households (with the household rows), their civil-affairs check;
 * (b) the count and the first page of city-wide name searches.
 */
export async function explainSearches(dbs: Databases, grid: string, names: string[], log: (l: string) => void): Promise<void> {
  const today = todayInChina();
  const buildings: string[] = (await dbs.hub.raw('SELECT code FROM buildings WHERE grid_id = ?', [grid])).rows.map((r: { code: string }) => r.code);
  const scope = { kind: 'buildings' as const, buildingCodes: buildings };
  const where = and([householdScope(scope), householdCriteria({ ...NONE, tags: [Tag.ELDERLY_LIVING_ALONE] }, null, today)]);
  await explain(dbs.police, `(a) police: the households in grid ${grid} (${buildings.length} buildings) with their registered members`, statements.householdCandidates(where, 50_001), log);
  const members = (await householdCandidates(dbs.police, where, 50_001)).flatMap((c) => c.members);
  // As the search does: only members whose police part (aged 60+) leaves the tag open are asked about.
  const ids: string[] = members
    .filter((m) => tagRule(Tag.ELDERLY_LIVING_ALONE, today).identityPart(m.birth_date, m.household_no))
    .map((m) => m.id_number);
  await explain(dbs.civil, `(a) civil affairs: which of the ${ids.length} members aged 60+ (of ${members.length}) live alone`, confirmTagsSql([Tag.ELDERLY_LIVING_ALONE], ids), log);
  for (const name of names) {
    const w = and([personScope('p', { kind: 'all' }), personCriteria('p', { ...NONE, name: parseNameQuery(name) }, null, today)]);
    await explain(dbs.police, `(b) police: count of persons named ${name}`, statements.countPersons(w), log);
    const count = numbered(statements.countPersons(w), 1);
    const [{ n }] = await runSql<{ n: number }>(dbs.police, count.text, count.values, { prepare: false });
    const few = n <= FEW_MATCHES;
    await explain(dbs.police, `(b) police: first page of persons named ${name} (${n} matches: ${few ? 'collected and sorted' : 'search_key walk'})`, statements.pagePersons(w, null, 21, few), log);
  }
}
