import type { GraphQLErrorItem } from '../api';
import { useT } from '../i18n';

/** Errors that are not a denied field: shown with their code, never swallowed. */
export function Failures({ errors }: { errors: GraphQLErrorItem[] }) {
  const { t } = useT();
  if (!errors.length) return null;
  return (
    <div role="alert" className="error">
      <strong>{t('error')}</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <code>{e.extensions?.code ?? 'ERROR'}</code> {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
