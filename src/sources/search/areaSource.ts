import type { Knex } from 'knex';
import type { AreaFilter } from './criteria';
import { runSql } from '../runSql';
import { and, containsPattern, numbered, Sql, sql } from './sql';

/**
 * Resolves an area filter to building codes of the hub's standard address library, in one query
 * on the hub's own database: buildings in any of the grids (if given) and any of the communities
 * (if given) whose address contains the text (if given). Returns at most `limit` codes (the caller
 * treats `limit` codes as "too broad").
 */
export async function buildingsInArea(hub: Knex, area: AreaFilter, limit: number): Promise<string[]> {
  const parts: Sql[] = [];
  if (area.gridIds.length) parts.push(sql('grid_id = ANY(?::text[])', [...area.gridIds]));
  if (area.communityCodes.length) parts.push(sql('community_code = ANY(?::text[])', [...area.communityCodes]));
  if (area.buildingText !== null) parts.push(sql('address LIKE ?', containsPattern(area.buildingText)));
  const where = and(parts);
  const q = numbered(sql(`SELECT code FROM buildings WHERE ${where.text} ORDER BY code LIMIT ?`, ...where.values, limit), 1);
  const rows = await runSql<{ code: string }>(hub, q.text, q.values, { prepare: false });
  return rows.map((r) => r.code);
}
