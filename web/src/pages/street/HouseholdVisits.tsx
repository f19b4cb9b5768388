import { useCallback, useEffect, useState } from 'react';
import { graphql, Result } from '../../api';
import type { PageProps } from '../../App';
import { StreetFailures } from './StreetFailures';
import { useStreetT } from './streetText';
import { Member, VisitForm } from './VisitForm';
import './street.css';

const VISITS = `query HouseholdVisits($id: ID!) {
  household(id: $id) { id visits(first: 10) { edges { node { id visitedAt outcome membersMet needs note } } } }
}`;

interface VisitRow {
  id: string;
  visitedAt: string | null;
  outcome: string | null;
  membersMet: string[] | null;
  needs: string[] | null;
  note: string | null;
}
interface VisitsData {
  household: { id: string; visits: { edges: Array<{ node: VisitRow }> } | null } | null;
}

/** A moment as the device shows it, e.g. 2026/11/29 21:05. */
export function when(iso: string | null, lang: string): string {
  return iso ? new Date(iso).toLocaleString(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—';
}

/**
 * The household's visits, newest first, and (under HOME_VISIT) the button that opens the visit form
 * in place; after a save the list is read again from the hub, so what is shown is what was stored.
 */
export function HouseholdVisits({ session, householdId, members }: Pick<PageProps, 'session'> & { householdId: string; members: Member[] }) {
  const { s, term, need, lang } = useStreetT();
  const [result, setResult] = useState<Result<VisitsData> | null>(null);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const load = useCallback(() => graphql<VisitsData>(session, VISITS, { id: householdId }).then(setResult), [session, householdId]);
  useEffect(() => {
    void load();
  }, [load]);
  const names = new Map(members.map((m) => [m.id, m.name ?? m.id]));
  const edges = result?.data?.household?.visits?.edges ?? [];
  const canRecord = session.purpose === 'HOME_VISIT';
  return (
    <section aria-labelledby="visits-title" className="street-visits">
      <h2 id="visits-title">{s('visits')}</h2>
      {saved && (
        <p className="ok-note" role="status" data-testid="visit-saved" data-visit={saved}>
          {s('saved')}
        </p>
      )}
      {canRecord && !open && (
        <button type="button" className="primary" onClick={() => { setSaved(null); setOpen(true); }}>
          {s('recordVisitFor')}
        </button>
      )}
      {!canRecord && <p className="muted small">{s('visitNeedsHomeVisit')}</p>}
      {open && (
        <VisitForm
          session={session}
          householdId={householdId}
          members={members}
          onCancel={() => setOpen(false)}
          onSaved={(id) => {
            setOpen(false);
            // Said once the list is read again, so the saved visit is on screen when it is announced.
            void load().then(() => setSaved(id));
          }}
        />
      )}
      {result && <StreetFailures errors={result.failures} />}
      {result && !edges.length && !result.failures.length && <p className="muted">{s('noVisits')}</p>}
      <ol className="visits-list card" hidden={!edges.length}>
        {edges.map(({ node: v }) => (
          <li key={v.id} data-visit={v.id}>
            <strong>{when(v.visitedAt, lang)}</strong> · <span data-testid="visit-outcome">{term(v.outcome)}</span>
            {v.membersMet && v.membersMet.length > 0 && <span> · {v.membersMet.map((id) => names.get(id) ?? id).join('、')}</span>}
            {v.needs && v.needs.length > 0 && <div className="chips">{v.needs.map((n) => <span key={n} className="tag">{need(n)}</span>)}</div>}
            {v.note && <p className="small">{v.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
