import { lazy, Suspense, useEffect, useState } from 'react';
import { graphql, Session } from './api';
import { DICTIONARIES, I18n, Lang, useT } from './i18n';
import { SignIn } from './pages/SignIn';
import { PurposePicker } from './pages/PurposePicker';

/**
 * Each role's pages are their own chunks: the first page (sign-in) carries none of them. Loading
 * starts as soon as the role is known (while the user picks the purpose), so opening the page
 * costs no extra round trip.
 */
const PAGES = {
  street: () => import('./pages/StreetSearch'),
  household: () => import('./pages/HouseholdFile'),
  resident: () => import('./pages/resident/ResidentHome'),
  auditor: () => import('./pages/AuditLog'),
  officer: () => import('./pages/desk/OfficerDesk'),
  coverage: () => import('./pages/street/Coverage'),
};
const StreetSearch = lazy(() => PAGES.street().then((m) => ({ default: m.StreetSearch })));
const HouseholdFile = lazy(() => PAGES.household().then((m) => ({ default: m.HouseholdFile })));
const ResidentHome = lazy(() => PAGES.resident().then((m) => ({ default: m.ResidentHome })));
const AuditLog = lazy(() => PAGES.auditor().then((m) => ({ default: m.AuditLog })));
const OfficerDesk = lazy(() => PAGES.officer().then((m) => ({ default: m.OfficerDesk })));
const Coverage = lazy(() => PAGES.coverage().then((m) => ({ default: m.Coverage })));

/** Starts loading the chunks a role will open (the browser keeps the module once fetched). */
function prefetchFor(role: string): void {
  const wanted = role === 'STREET_STAFF' ? [PAGES.street, PAGES.household, PAGES.coverage] : role === 'RESIDENT' ? [PAGES.resident] : role === 'AUDITOR' ? [PAGES.auditor] : [PAGES.officer];
  for (const load of wanted) void load();
}

// Development only, and loaded only when opened: not part of the first page's JavaScript.
const GraphQLIde = lazy(() => import('./pages/GraphQLIde').then((m) => ({ default: m.GraphQLIde })));

export interface Viewer {
  role: string;
  subject: string;
  department: string | null;
  scope: string;
  purposes: string[];
  grids: Array<{ id: string; name: string }>;
}

/** A sign-in made on the first page (boot.ts), handed to the console with the user's display choices. */
export interface SignedIn {
  token: string;
  development: boolean;
  lang: Lang;
  large: boolean;
}

export type Page = { name: 'home' } | { name: 'household'; id: string } | { name: 'ide' } | { name: 'coverage' };

/** Everything a page needs: the session (token, purpose, case number: sent on every request) and navigation. */
export interface PageProps {
  session: Session;
  viewer: Viewer;
  go(page: Page): void;
}

export const VIEWER_QUERY = 'query Viewer { viewer { role subject department scope purposes grids { id name } } }';

function Header({ viewer, session, onChangePurpose, onSignOut, large, setLarge, onIde }: { viewer: Viewer | null; session: Session | null; onChangePurpose(): void; onSignOut(): void; large: boolean; setLarge(v: boolean): void; onIde?: () => void }) {
  const { t, term, lang } = useT();
  return (
    <header className="top">
      <span className="brand">{t('appName')}</span>
      {viewer && <span className="who">{term(viewer.role)}</span>}
      {viewer && session && (
        <span className="purpose-badge" data-testid="purpose-badge">
          {t('purpose')}: {session.purpose ? term(session.purpose) : t('noResidentData')}
          {session.caseNumber ? ` · ${session.caseNumber}` : ''}
          {viewer.purposes.length > 1 && (
            <button type="button" className="link" onClick={onChangePurpose}>
              {t('change')}
            </button>
          )}
        </span>
      )}
      <span className="tools">
        <LangSwitch current={lang} />
        <button type="button" onClick={() => setLarge(!large)} aria-pressed={large}>
          {large ? t('normalText') : t('largeText')}
        </button>
        {onIde && session && (
          <button type="button" onClick={onIde}>
            {t('ide')}
          </button>
        )}
        {viewer && (
          <button type="button" onClick={onSignOut}>
            {t('signOut')}
          </button>
        )}
      </span>
    </header>
  );
}

function LangSwitch({ current }: { current: Lang }) {
  return (
    <I18n.Consumer>
      {({ setLang }) => (
        <button type="button" lang={current === 'zh-CN' ? 'en' : 'zh-CN'} onClick={() => setLang(current === 'zh-CN' ? 'en' : 'zh-CN')}>
          {DICTIONARIES[current].language}
        </button>
      )}
    </I18n.Consumer>
  );
}

/**
 * The console: sign in, then the purpose (before any resident data), then the role's main page.
 * The token lives in this component's state only — never in localStorage or a cookie — so closing
 * or reloading the tab signs out.
 */
export function App({ signedIn: handedOver }: { signedIn?: SignedIn } = {}) {
  const [lang, setLang] = useState<Lang>(handedOver?.lang ?? 'zh-CN');
  const [large, setLarge] = useState(handedOver?.large ?? false);
  // Signed in on the first page (boot.ts): asking the hub who the token belongs to.
  const [pending, setPending] = useState(Boolean(handedOver));
  const [token, setToken] = useState<string | null>(null);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [purpose, setPurpose] = useState<{ purpose: string | null; caseNumber: string | null } | null>(null);
  const [page, setPage] = useState<Page>({ name: 'home' });
  const [error, setError] = useState<string | null>(null);
  const [development, setDevelopment] = useState(false);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.classList.toggle('large-text', large);
  }, [lang, large]);

  useEffect(() => {
    if (handedOver) void signedIn(handedOver.token, handedOver.development).finally(() => setPending(false));
    // Once: the first page hands over one token.
  }, []);

  async function signedIn(newToken: string, viaDevelopmentSignIn: boolean) {
    const result = await graphql<{ viewer: Viewer }>({ token: newToken, purpose: null, caseNumber: null }, VIEWER_QUERY);
    if (!result.data?.viewer) {
      setError(result.failures[0]?.extensions?.code ?? 'UNAUTHENTICATED');
      return;
    }
    const v = result.data.viewer;
    prefetchFor(v.role);
    setError(null);
    setToken(newToken);
    setDevelopment(viaDevelopmentSignIn);
    setViewer(v);
    setPage({ name: 'home' });
    // A role granted no purpose (auditor, admin) reads no resident data; one granted exactly one
    // (a resident: SELF_SERVICE) has nothing to choose.
    setPurpose(v.purposes.length === 0 ? { purpose: null, caseNumber: null } : v.purposes.length === 1 && v.purposes[0] !== 'CASE_INVESTIGATION' ? { purpose: v.purposes[0], caseNumber: null } : null);
  }

  function signOut() {
    setToken(null);
    setViewer(null);
    setPurpose(null);
  }

  const session: Session | null = token && purpose ? { token, purpose: purpose.purpose, caseNumber: purpose.caseNumber } : null;
  const props = session && viewer ? { session, viewer, go: setPage } : null;

  return (
    <I18n.Provider value={{ lang, setLang }}>
      <Header viewer={viewer} session={session} onChangePurpose={() => setPurpose(null)} onSignOut={signOut} large={large} setLarge={setLarge} onIde={development ? () => setPage({ name: 'ide' }) : undefined} />
      <main id="main">
        {error && <p role="alert" className="error">{error}</p>}
        {pending ? (
          <p>{DICTIONARIES[lang].loading}</p>
        ) : !token || !viewer ? (
          <SignIn onToken={signedIn} />
        ) : !purpose ? (
          <PurposePicker viewer={viewer} onPick={(p, c) => setPurpose({ purpose: p, caseNumber: c })} />
        ) : props ? (
          <Suspense fallback={<p>…</p>}>
            <RolePage props={props} page={page} />
          </Suspense>
        ) : null}
      </main>
    </I18n.Provider>
  );
}

/** Purposes whose pages are the desk's (web/src/pages/desk/OfficerDesk.tsx) for every role that may declare them. */
const DESK_PURPOSES: ReadonlySet<string> = new Set(['TICKET_HANDLING', 'SERVICE_APPLICATION']);

function RolePage({ props, page }: { props: PageProps; page: Page }) {
  const { t } = useT();
  if (page.name === 'household') return <HouseholdFile {...props} id={page.id} />;
  if (page.name === 'ide') return <GraphQLIde session={props.session} />;
  if (page.name === 'coverage') return <Coverage {...props} />;
  switch (props.viewer.role) {
    case 'STREET_STAFF':
      // Tickets and the claims check are the desk's work whoever does it: street staff see their grids' street queue.
      return props.session.purpose !== null && DESK_PURPOSES.has(props.session.purpose) ? <OfficerDesk {...props} /> : <StreetSearch {...props} />;
    case 'RESIDENT':
      return <ResidentHome {...props} />;
    case 'AUDITOR':
      return <AuditLog {...props} />;
    case 'POLICE_OFFICER':
    case 'CIVIL_AFFAIRS_OFFICER':
    case 'HEALTH_WORKER':
      return <OfficerDesk {...props} />;
    default:
      return <p>{t('noPurposeRole')}</p>;
  }
}
