import type { GraphQLErrorItem } from '../../api';
import { useStreetT } from './streetText';

/**
 * Refusals in plain words (streetText.ts), each with its code in small print for support; a code
 * with no plain wording shows the hub's message. Announced to screen readers (role=alert).
 */
export function StreetFailures({ errors }: { errors: GraphQLErrorItem[] }) {
  const { s, plain } = useStreetT();
  if (!errors.length) return null;
  return (
    <div role="alert" className="error street-error">
      {errors.map((e, i) => (
        <p key={i}>
          {plain(e.extensions?.code) ?? e.message}{' '}
          <span className="small">
            ({s('errorCode')}: <code>{e.extensions?.code ?? 'ERROR'}</code>)
          </span>
        </p>
      ))}
    </div>
  );
}
