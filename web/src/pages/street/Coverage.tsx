import { FormEvent, useEffect, useState } from 'react';
import { graphql, Result } from '../../api';
import type { PageProps } from '../../App';
import { useT } from '../../i18n';
import { StreetFailures } from './StreetFailures';
import { StreetNav } from './StreetNav';
import { useStreetT } from './streetText';

const COVERAGE = `query VisitCoverage($month: String!, $gridId: String) {
  visitCoverage(month: $month, gridId: $gridId) { month rows { group rule due visited overdue coveragePercent suppressed } }
}`;

export interface CoverageRow {
  group: string;
  rule: string;
  due: number;
  visited: number | null;
  overdue: number | null;
  coveragePercent: number | null;
  suppressed: boolean;
}
interface CoverageData {
  visitCoverage: { month: string; rows: CoverageRow[] };
}

/** This month in China time (the ledger's months are China time), YYYY-MM. */
export function chinaMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/**
 * The coverage ledger of one of the worker's grids for a month: per special group and for everyone
 * else, residents due, visited, overdue and the percentage. The hub withholds all but "due" for a
 * group of 1–9 residents (and cells it could be worked out from); the page says so instead of
 * showing an empty or zero cell.
 */
export function Coverage({ session, viewer, go }: PageProps) {
  const { s, term } = useStreetT();
  const { t } = useT();
  const [month, setMonth] = useState(chinaMonth);
  const [grid, setGrid] = useState(viewer.grids[0]?.id ?? '');
  const [result, setResult] = useState<Result<CoverageData> | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setBusy(true);
    setResult(await graphql<CoverageData>(session, COVERAGE, { month, gridId: grid }));
    setBusy(false);
  }
  useEffect(() => {
    void load();
    // Loaded once on opening; later changes wait for the button (one request per choice).
  }, []);
  const ledger = result?.data?.visitCoverage;

  function submit(e: FormEvent) {
    e.preventDefault();
    void load();
  }

  const n = (v: number | null) => (v === null ? '—' : String(v));
  return (
    <section aria-labelledby="coverage-title" className="street-page">
      <StreetNav current="coverage" go={go} />
      <h1 id="coverage-title">{s('coverage')}</h1>
      <form className="card coverage-form" onSubmit={submit}>
        <label>
          {s('month')}
          <input name="month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </label>
        <label>
          {t('grid')}
          <GridSelect grids={viewer.grids} value={grid} onChange={setGrid} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {s('show')}
        </button>
      </form>
      {result && <StreetFailures errors={result.failures} />}
      {ledger && (
        <div className="table-wrap">
          <table className="coverage-table" data-testid="coverage" data-month={ledger.month}>
            <caption>
              {viewer.grids.find((g) => g.id === grid)?.name ?? grid} · {ledger.month}
            </caption>
            <thead>
              <tr>
                <th scope="col">{s('group')}</th>
                <th scope="col" className="num">{s('due')}</th>
                <th scope="col" className="num">{s('visited')}</th>
                <th scope="col" className="num">{s('overdue')}</th>
                <th scope="col" className="num">{s('percent')}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.rows.map((r) => (
                <tr key={r.group} data-group={r.group}>
                  <th scope="row">
                    {term(r.group)}
                    <div className="muted small">{term(r.rule)}</div>
                  </th>
                  <td className="num" data-cell="due">{r.due}</td>
                  {r.suppressed ? (
                    <td colSpan={3} className="suppressed" data-cell="suppressed">{s('suppressed')}</td>
                  ) : (
                    <>
                      <td className="num" data-cell="visited">{n(r.visited)}</td>
                      <td className="num" data-cell="overdue">{n(r.overdue)}</td>
                      <td className="num" data-cell="percent">{r.coveragePercent === null ? '—' : `${r.coveragePercent}%`}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function GridSelect({ grids, value, onChange }: { grids: PageProps['viewer']['grids']; value: string; onChange(v: string): void }) {
  return (
    <select name="grid" value={value} onChange={(e) => onChange(e.target.value)}>
      {grids.map((g) => (
        <option key={g.id} value={g.id}>{g.name}</option>
      ))}
    </select>
  );
}
