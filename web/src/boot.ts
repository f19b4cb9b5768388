import { devPrincipals, DevPrincipals, devToken } from './api';
import { DICTIONARIES, Key, Lang, TERMS } from './i18n';
import { finishOidcSignIn, OidcConfig, oidcConfig, startOidcSignIn } from './oidc';
import './styles.css';

/**
 * The first page, without React: the sign-in (development picker and/or the city's OpenID Connect
 * button) drawn with the DOM, so a phone on a slow network can use it after one small script instead
 * of React's ~70 KB and its start-up under a slow CPU. React and the console (./main.tsx) are fetched
 * as soon as the sign-in is drawn, while the user picks, and take over the page with the token once
 * signed in — the token goes from here to the console in memory only. After signing out the console
 * shows its own sign-in (pages/SignIn.tsx); the markup and names here match it, so tests and users
 * see one sign-in.
 */
const root = document.getElementById('root')!;
const consoleModule = () => import('./main');
let lang: Lang = 'zh-CN';
let large = false;

const t = (key: Key) => DICTIONARIES[lang][key];
const term = (code: string) => TERMS[lang][code] ?? code.replace(/_/g, ' ').toLowerCase();

/** An element with attributes (`on*` functions become listeners) and children. */
function el(tag: string, attrs: Record<string, unknown> = {}, ...children: Array<Node | string | null | false>): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false && value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== false) node.append(child);
  return node;
}

function select(name: string, options: Array<[string, string]>, value: string): HTMLSelectElement {
  const s = el('select', { name }, ...options.map(([v, label]) => el('option', { value: v }, label))) as HTMLSelectElement;
  s.value = value;
  return s;
}

/** Hands the page to the console, signed in (it asks the hub who the token belongs to). */
async function handOver(token: string, development: boolean): Promise<void> {
  const { mountConsole } = await consoleModule();
  mountConsole(root, { token, development, lang, large });
}

function draw(choices: DevPrincipals | null, oidc: OidcConfig | null, error: string | null): void {
  document.documentElement.lang = lang;
  document.documentElement.classList.toggle('large-text', large);
  const other: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  const header = el(
    'header',
    { class: 'top' },
    el('span', { class: 'brand' }, t('appName')),
    el(
      'span',
      { class: 'tools' },
      el('button', { type: 'button', lang: other, onClick: () => { lang = other; draw(choices, oidc, error); } }, DICTIONARIES[lang].language),
      el('button', { type: 'button', 'aria-pressed': String(large), onClick: () => { large = !large; draw(choices, oidc, error); } }, large ? t('normalText') : t('largeText')),
    ),
  );
  const alert = (text: string) => el('p', { role: 'alert', class: 'error' }, text);
  const city = oidc && el('section', { class: 'card narrow', 'aria-labelledby': 'oidc-title' }, el('h1', { id: 'oidc-title' }, t('signInCity')), error ? alert(error) : null, el('button', { type: 'button', class: 'primary', onClick: () => void startOidcSignIn(oidc) }, t('signInCityButton')));
  const main = el('main', { id: 'main' });
  if (choices) {
    const role = select('role', choices.roles.map((r) => [r, term(r)]), 'STREET_STAFF');
    const grid = select('grid', choices.grids.map((g) => [g.id, `${g.name} (${g.id})`]), choices.grids[0]?.id ?? '');
    const resident = select('resident', choices.residents.map((r) => [r, r]), choices.residents[0] ?? '');
    const gridLabel = el('label', {}, t('grid'), grid);
    const residentLabel = el('label', {}, t('resident'), resident);
    const problem = el('div');
    // The grid for street staff, the resident for a resident: only the one the role needs is in the form.
    const slot = el('div');
    const shown = () => slot.replaceChildren(...(role.value === 'STREET_STAFF' ? [gridLabel] : role.value === 'RESIDENT' ? [residentLabel] : []));
    role.addEventListener('change', shown);
    shown();
    const submit = async (e: Event) => {
      e.preventDefault();
      problem.replaceChildren();
      try {
        const r = role.value;
        await handOver(await devToken({ role: r, grids: r === 'STREET_STAFF' ? [grid.value] : undefined, subject: r === 'RESIDENT' ? resident.value : undefined }), true);
      } catch (err) {
        problem.replaceChildren(alert((err as Error).message));
      }
    };
    const form = el(
      'form',
      { class: 'card narrow', 'aria-labelledby': 'signin-title', onSubmit: submit },
      el('h1', { id: 'signin-title' }, t('signInDev')),
      el('p', { class: 'muted' }, t('signInDevNote')),
      el('label', {}, t('role'), role),
      slot,
      !oidc && error ? alert(error) : null,
      problem,
      el('button', { type: 'submit', class: 'primary' }, t('signIn')),
    );
    main.append(...[city, form].filter((n): n is HTMLElement => Boolean(n)));
  } else main.append(city || alert(error ?? t('noSignIn')));
  root.replaceChildren(header, main);
}

async function start(): Promise<void> {
  root.replaceChildren(el('p', {}, t('loading')));
  let error: string | null = null;
  try {
    const returned = await finishOidcSignIn();
    if (returned) return await handOver(returned, false);
  } catch (err) {
    error = (err as Error).message;
  }
  const [choices, oidc] = await Promise.all([devPrincipals(), oidcConfig()]);
  draw(choices, oidc, error);
  // For the load-time test (see ./ready.ts): the sign-in can be used from here.
  if (performance.getEntriesByName('onefile:sign-in-ready').length === 0) performance.mark('onefile:sign-in-ready');
  // React and the console load while the user picks: signing in then costs no extra download.
  void consoleModule();
}

void start();
