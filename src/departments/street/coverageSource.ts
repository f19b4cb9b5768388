import type { Databases } from '../../db/databases';
import { guarded } from '../../sources/keyedLoader';
import { runSql } from '../../sources/runSql';

/** One registered resident of the area, with what the visit rules need. */
export interface CoverageResident {
  /** The hub id of a resident met in the window (the street knows residents by it); null otherwise. */
  hubId: string | null;
  gridId: string;
  birthDate: string;
  /** Civil affairs: assessed as living alone. */
  livesAlone: boolean;
  disabled: boolean;
  childInDifficulty: boolean;
  /** Visits at which they were met: in the month, and in the three months ending with it. */
  visitsInMonth: number;
  visitsInQuarter: number;
}

interface MetCounts {
  id: string;
  id_number: string;
  in_month: number;
  in_quarter: number;
}

/**
 * The residents met at visits of these grids in [quarterStart, monthEnd), by ID number: the street's
 * counts per hub id (an index-only range scan of the members' (grid, time) index), then the hub's
 * index for those hub ids only (primary-key probes) — the residents never met need no hub id.
 */
async function metInGrids(dbs: Databases, gridIds: readonly string[], quarterStart: string, monthStart: string, monthEnd: string): Promise<Map<string, MetCounts>> {
  const counts = await guarded('street office', () => runSql<{ person_id: string; in_month: number; in_quarter: number }>(dbs.street, `
    SELECT m.person_id::text AS person_id, (count(*) FILTER (WHERE m.visited_at >= $3::timestamptz))::int AS in_month, count(*)::int AS in_quarter
    FROM visit_members m
    WHERE m.grid_id = ANY($1::text[]) AND m.visited_at >= $2::timestamptz AND m.visited_at < $4::timestamptz
    GROUP BY m.person_id`, [gridIds, quarterStart, monthStart, monthEnd]));
  const byHubId = new Map(counts.map((c) => [c.person_id, c]));
  const index = await guarded('hub', () => runSql<{ id: string; id_number: string }>(dbs.hub,
    'SELECT id::text AS id, id_number FROM person_index WHERE id = ANY($1::uuid[])', [[...byHubId.keys()].sort()]));
  return new Map(index.map((r) => {
    const c = byHubId.get(r.id)!;
    return [r.id_number, { id: r.id, id_number: r.id_number, in_month: c.in_month, in_quarter: c.in_quarter }];
  }));
}

/**
 * Reads what the coverage ledger counts, for the registered residents of the given grids: identity
 * and household from police (through the hub's buildings), the special-group facts from civil
 * affairs, and from the street database the visits of these grids at which each was met in the
 * window [quarterStart, monthEnd), matched to residents through the hub index of the residents met
 * (metInGrids, which runs alongside the police and civil reads). A resident never met there counts
 * as due and not visited. Six statements whatever the area's size, joined here by key (the hub
 * never joins departments in SQL).
 */
export async function coverageResidents(dbs: Databases, gridIds: readonly string[], quarterStart: string, monthStart: string, monthEnd: string): Promise<CoverageResident[]> {
  // The visits need only the grids: asked at once, alongside the identity reads.
  const metRead = metInGrids(dbs, gridIds, quarterStart, monthStart, monthEnd);
  metRead.catch(() => undefined);
  const buildings = await guarded('hub', () => runSql<{ code: string; grid_id: string }>(dbs.hub, 'SELECT code, grid_id FROM buildings WHERE grid_id = ANY($1::text[])', [gridIds]));
  const gridOf = new Map(buildings.map((b) => [b.code, b.grid_id]));
  const persons = await guarded('police', () => runSql<{ id_number: string; birth_date: string; building_code: string }>(dbs.police, `
    SELECT p.id_number, p.birth_date, h.building_code FROM households h JOIN persons p ON p.household_no = h.household_no
    WHERE h.building_code = ANY($1::text[])`, [[...gridOf.keys()]]));
  // Sorted once: civil affairs' index probes then walk their btrees in key order (neighbouring keys
  // share leaf pages). ID numbers are char(18) there: compared as bpchar, so the indexes serve (as
  // text, every row would be cast). The three facts in one statement: the key array is sent once.
  const ids = persons.map((p) => p.id_number).sort();
  const [facts, met] = await Promise.all([
    guarded('civil affairs', () => runSql<{ id_number: string; fact: 'A' | 'D' | 'C' }>(dbs.civil, `
      SELECT id_number, 'A' AS fact FROM elderly_care WHERE lives_alone AND id_number = ANY($1::bpchar[])
      UNION ALL SELECT id_number, 'D' FROM disabilities WHERE id_number = ANY($1::bpchar[])
      UNION ALL SELECT id_number, 'C' FROM children_in_difficulty WHERE id_number = ANY($1::bpchar[])`, [ids])),
    metRead,
  ]);
  const set = (fact: string) => new Set(facts.filter((r) => r.fact === fact).map((r) => r.id_number));
  const [alone, dis, child] = [set('A'), set('D'), set('C')];
  return persons.map((p) => {
    const v = met.get(p.id_number);
    return {
      hubId: v?.id ?? null, gridId: gridOf.get(p.building_code)!, birthDate: p.birth_date,
      livesAlone: alone.has(p.id_number), disabled: dis.has(p.id_number), childInDifficulty: child.has(p.id_number),
      visitsInMonth: v?.in_month ?? 0, visitsInQuarter: v?.in_quarter ?? 0,
    };
  });
}
