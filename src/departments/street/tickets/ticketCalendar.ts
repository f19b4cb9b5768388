import type { Knex } from 'knex';
import { runSql } from '../../../sources/runSql';
import { WorkingCalendar } from './workingCalendar';

/** The working calendar with the operator's `calendar_days` overrides, read from the street database (a few dozen rows). */
export async function loadWorkingCalendar(db: Knex): Promise<WorkingCalendar> {
  const rows = await runSql<{ day: string; working: boolean }>(db, "SELECT to_char(day, 'YYYY-MM-DD') AS day, working FROM calendar_days", []);
  return new WorkingCalendar(new Map(rows.map((r) => [r.day, r.working])));
}
