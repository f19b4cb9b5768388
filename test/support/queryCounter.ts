import type { Databases } from '../../src/db/databases';

/** Counts SQL statements sent to each database while active (tests run one at a time). */
export function countQueries(dbs: Databases) {
  const counts: Record<string, number> = {};
  const listeners = Object.entries(dbs).map(([name, db]) => {
    counts[name] = 0;
    const listener = () => {
      counts[name] += 1;
    };
    db.on('query', listener);
    return () => db.removeListener('query', listener);
  });
  return {
    counts,
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    stop: () => listeners.forEach((off) => off()),
  };
}

/** Records the SQL text of every statement sent to each database while active (tests run one at a time). */
export function captureQueries(dbs: Databases) {
  const sql: Record<string, string[]> = {};
  const listeners = Object.entries(dbs).map(([name, db]) => {
    sql[name] = [];
    const listener = (q: { sql: string }) => sql[name].push(q.sql);
    db.on('query', listener);
    return () => db.removeListener('query', listener);
  });
  return { sql, stop: () => listeners.forEach((off) => off()) };
}
