import { FormEvent, useEffect, useState } from 'react';
import { devPrincipals, DevPrincipals, devToken } from '../api';
import { useT } from '../i18n';
import { useReadyMark } from '../ready';
import { finishOidcSignIn, OidcConfig, oidcConfig, startOidcSignIn } from '../oidc';

/**
 * Sign-in: through the city's OpenID Connect provider where the hub has one configured (a button
 * that goes to the provider; on return the code is redeemed, see ../oidc.ts), and in development a
 * role, grid or resident picker that gets a token from the hub's development-only `/dev/token`
 * (absent in production mode).
 */
export function SignIn({ onToken }: { onToken(token: string, development: boolean): Promise<void> }) {
  const { t, term } = useT();
  const [choices, setChoices] = useState<DevPrincipals | null | undefined>(undefined);
  const [oidc, setOidc] = useState<OidcConfig | null>(null);
  const [role, setRole] = useState('STREET_STAFF');
  const [grid, setGrid] = useState('');
  const [resident, setResident] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const returned = await finishOidcSignIn();
        if (returned) {
          await onToken(returned, false);
          return;
        }
      } catch (err) {
        if (!cancelled) setError((err as Error).message);
      }
      const [c, o] = await Promise.all([devPrincipals(), oidcConfig()]);
      if (cancelled) return;
      setOidc(o);
      setChoices(c);
      if (c) {
        setGrid(c.grids[0]?.id ?? '');
        setResident(c.residents[0] ?? '');
      }
    })();
    return () => {
      cancelled = true;
    };
    // Once per page load: a return from the provider is redeemed exactly once.
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await onToken(await devToken({ role, grids: role === 'STREET_STAFF' ? [grid] : undefined, subject: role === 'RESIDENT' ? resident : undefined }), true);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  useReadyMark('onefile:sign-in-ready', choices !== undefined);
  if (choices === undefined) return <p>{t('loading')}</p>;
  const cityButton = oidc && (
    <section className="card narrow" aria-labelledby="oidc-title">
      <h1 id="oidc-title">{t('signInCity')}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" className="primary" onClick={() => void startOidcSignIn(oidc)}>
        {t('signInCityButton')}
      </button>
    </section>
  );
  if (choices === null) return cityButton || <p role="alert">{error ?? t('noSignIn')}</p>;
  return (
    <>
    {cityButton}
    <form className="card narrow" onSubmit={submit} aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signInDev')}</h1>
      <p className="muted">{t('signInDevNote')}</p>
      <label>
        {t('role')}
        <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
          {choices.roles.map((r) => (
            <option key={r} value={r}>
              {term(r)}
            </option>
          ))}
        </select>
      </label>
      {role === 'STREET_STAFF' && (
        <label>
          {t('grid')}
          <select name="grid" value={grid} onChange={(e) => setGrid(e.target.value)}>
            {choices.grids.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} ({g.id})
              </option>
            ))}
          </select>
        </label>
      )}
      {role === 'RESIDENT' && (
        <label>
          {t('resident')}
          <select name="resident" value={resident} onChange={(e) => setResident(e.target.value)}>
            {choices.residents.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && !oidc && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary">
        {t('signIn')}
      </button>
    </form>
    </>
  );
}
