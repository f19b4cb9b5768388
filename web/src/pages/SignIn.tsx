import { FormEvent, useEffect, useState } from 'react';
import { devPrincipals, DevPrincipals, devToken } from '../api';
import { useT } from '../i18n';

/**
 * Development sign-in: a role, grid or resident picker that gets a token from the hub's
 * development-only `/dev/token`. In production mode that endpoint does not exist and this page says
 * so (sign-in through the city's OpenID Connect provider is not built yet).
 */
export function SignIn({ onToken }: { onToken(token: string): Promise<void> }) {
  const { t, term } = useT();
  const [choices, setChoices] = useState<DevPrincipals | null | undefined>(undefined);
  const [role, setRole] = useState('STREET_STAFF');
  const [grid, setGrid] = useState('');
  const [resident, setResident] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    devPrincipals().then((c) => {
      setChoices(c);
      if (c) {
        setGrid(c.grids[0]?.id ?? '');
        setResident(c.residents[0] ?? '');
      }
    });
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await onToken(await devToken({ role, grids: role === 'STREET_STAFF' ? [grid] : undefined, subject: role === 'RESIDENT' ? resident : undefined }));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (choices === undefined) return <p>{t('loading')}</p>;
  if (choices === null) return <p role="alert">{t('signInDevNote')}</p>;
  return (
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
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary">
        {t('signIn')}
      </button>
    </form>
  );
}
