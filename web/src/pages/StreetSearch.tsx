import { FormEvent, useState } from 'react';
import { graphql, Result } from '../api';
import type { PageProps } from '../App';
import { useT } from '../i18n';
import { useReadyMark } from '../ready';
import { FileCtx } from '../Value';
import { StreetFailures } from './street/StreetFailures';
import { StreetNav } from './street/StreetNav';
import { useStreetT } from './street/streetText';
import { VISIT_OUTCOMES } from './street/VisitForm';

const TAGS = ['ELDERLY_LIVING_ALONE', 'DISABLED', 'LOW_INCOME', 'NEEDS_HEALTH_FOLLOW_UP', 'CHILD_IN_DIFFICULTY'] as const;
const TAG_FIELDS: Record<string, string> = {
  ELDERLY_LIVING_ALONE: 'elderlyLivingAlone', DISABLED: 'disabled', LOW_INCOME: 'lowIncome', NEEDS_HEALTH_FOLLOW_UP: 'needsHealthFollowUp', CHILD_IN_DIFFICULTY: 'childInDifficulty',
};

const SEARCH = `query StreetSearch($filter: SearchFilter, $after: String) {
  searchHouseholds(filter: $filter, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id size address { text } grid { name } tags { elderlyLivingAlone disabled lowIncome needsHealthFollowUp childInDifficulty } } }
  }
}`;

interface HouseholdRow {
  id: string;
  size: number | null;
  address: { text: string | null } | null;
  grid: { name: string | null } | null;
  tags: Record<string, boolean | null>;
}
interface SearchData {
  searchHouseholds: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: HouseholdRow }> };
}

/** Street staff's main page, phone first: the household search over their grids, then a household's file. */
export function StreetSearch({ session, viewer, go }: PageProps) {
  const { t, term } = useT();
  const street = useStreetT();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [away, setAway] = useState('');
  const [minAge, setMinAge] = useState('');
  const [maxAge, setMaxAge] = useState('');
  const [grid, setGrid] = useState('');
  const [notVisited, setNotVisited] = useState('');
  const [lastOutcome, setLastOutcome] = useState('');
  const [result, setResult] = useState<Result<SearchData> | null>(null);
  const [rows, setRows] = useState<HouseholdRow[]>([]);
  const [busy, setBusy] = useState(false);
  useReadyMark('onefile:search-ready', true);

  function filter() {
    const f: Record<string, unknown> = {};
    if (name.trim()) f.name = name.trim();
    if (address.trim()) f.address = address.trim();
    if (tags.length) f.tags = tags;
    if (away) f.livesAwayFromRegisteredAddress = away === 'yes';
    if (minAge) f.minAge = Number(minAge);
    if (maxAge) f.maxAge = Number(maxAge);
    if (notVisited) f.notVisitedSinceDays = Number(notVisited);
    if (lastOutcome) f.visitOutcome = lastOutcome;
    f.gridIds = grid ? [grid] : viewer.grids.map((g) => g.id);
    return f;
  }

  async function run(after: string | null) {
    setBusy(true);
    const r = await graphql<SearchData>(session, SEARCH, { filter: filter(), after });
    setBusy(false);
    setResult(r);
    const edges = r.data?.searchHouseholds.edges.map((e) => e.node) ?? [];
    setRows(after ? [...rows, ...edges] : edges);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(null);
  }

  const page = result?.data?.searchHouseholds;
  return (
    <section aria-labelledby="search-title" className="street-page">
      <StreetNav current="search" go={go} />
      <h1 id="search-title">{t('searchHouseholds')}</h1>
      <p className="muted small" data-testid="my-grids">
        {t('myGrids')}: {viewer.grids.map((g) => g.name).join('、') || '—'}
      </p>
      <form className="card filters" onSubmit={submit} role="search">
        <label>
          {t('name')}
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('address')}
          <input name="address" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" />
        </label>
        {viewer.grids.length > 1 && (
          <label>
            {t('grid')}
            <select value={grid} onChange={(e) => setGrid(e.target.value)}>
              <option value="">{t('any')}</option>
              {viewer.grids.map((g) => (
                <option key={g.id} value={g.id}>{g.name}</option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="tags">
          <legend>{t('tags')}</legend>
          {TAGS.map((tag) => (
            <label key={tag} className="chip">
              <input type="checkbox" name="tag" value={tag} checked={tags.includes(tag)} onChange={(e) => setTags(e.target.checked ? [...tags, tag] : tags.filter((x) => x !== tag))} />
              {term(tag)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('livesAway')}
          <select name="away" value={away} onChange={(e) => setAway(e.target.value)}>
            <option value="">{t('any')}</option>
            <option value="yes">{t('yes')}</option>
            <option value="no">{t('no')}</option>
          </select>
        </label>
        <div className="pair">
          <label>
            {t('minAge')}
            <input name="minAge" type="number" inputMode="numeric" min={0} max={150} value={minAge} onChange={(e) => setMinAge(e.target.value)} />
          </label>
          <label>
            {t('maxAge')}
            <input name="maxAge" type="number" inputMode="numeric" min={0} max={150} value={maxAge} onChange={(e) => setMaxAge(e.target.value)} />
          </label>
        </div>
        <div className="pair">
          <label>
            {street.s('notVisitedSinceDays')}
            <input name="notVisitedSinceDays" type="number" inputMode="numeric" min={1} max={3650} value={notVisited} onChange={(e) => setNotVisited(e.target.value)} />
          </label>
          <label>
            {street.s('lastOutcome')}
            <select name="visitOutcome" value={lastOutcome} onChange={(e) => setLastOutcome(e.target.value)}>
              <option value="">{t('any')}</option>
              {VISIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>{street.term(o)}</option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('search')}
        </button>
      </form>
      {result && <StreetFailures errors={result.failures} />}
      {page && (
        <FileCtx.Provider value={{ role: viewer.role, purpose: session.purpose, denied: result!.denied }}>
          <p aria-live="polite" data-testid="result-count">{t('results', { n: page.totalCount })}</p>
          <ul className="results">
            {rows.map((h) => (
              <li key={h.id}>
                <button type="button" className="result" onClick={() => go({ name: 'household', id: h.id })}>
                  <span className="address">{h.address?.text ?? '—'}</span>
                  <span className="muted small">
                    {h.grid?.name} · {t('size')} {h.size ?? '—'}
                  </span>
                  <span className="chips">
                    {TAGS.filter((tag) => h.tags?.[TAG_FIELDS[tag]]).map((tag) => (
                      <span key={tag} className="tag">{term(tag)}</span>
                    ))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {page.pageInfo.hasNextPage && (
            <button type="button" disabled={busy} onClick={() => void run(page.pageInfo.endCursor)}>
              {t('more')}
            </button>
          )}
        </FileCtx.Provider>
      )}
    </section>
  );
}
