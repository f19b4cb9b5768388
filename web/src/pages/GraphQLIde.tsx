import { FormEvent, useEffect, useState } from 'react';
import type { Session } from '../api';
import { useT } from '../i18n';

/** A type as the docs pane shows it: its fields with their argument and result types. */
interface DocType {
  name: string;
  kind: string;
  description: string | null;
  fields: Array<{ name: string; description: string | null; type: string; args: string }> | null;
}

const INTROSPECT = `query IdeSchema { __schema { queryType { name } types { name kind description
  fields { name description args { name type { ...T } } type { ...T } } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

function typeName(t: TypeRef): string {
  if (t.kind === 'NON_NULL') return `${typeName(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${typeName(t.ofType!)}]`;
  return t.name ?? '?';
}

const EXAMPLE = `query Viewer {
  viewer { role subject department purposes grids { id name } }
}`;

function initialHeaders(session: Session): string {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token}` };
  if (session.purpose) headers['x-purpose'] = session.purpose;
  if (session.caseNumber) headers['x-case-number'] = session.caseNumber;
  return JSON.stringify(headers, null, 2);
}

async function post(headersText: string, body: unknown): Promise<{ status: number; text: string }> {
  let headers: Record<string, string>;
  try {
    headers = JSON.parse(headersText) as Record<string, string>;
  } catch {
    return { status: 0, text: 'headers: not valid JSON' };
  }
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
  const text = await res.text();
  try {
    return { status: res.status, text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch {
    return { status: res.status, text };
  }
}

/**
 * A local GraphQL IDE for developers of department apps, in development only (the console offers
 * it only where the hub has development sign-in). Everything is bundled and same-origin: an
 * operation editor, variables, and the request headers pre-filled with the signed-in user's token
 * and declared purpose (and case number), which the developer may edit; the answer as the hub sent
 * it, status included. The docs pane asks the hub's own introspection with the same headers, so it
 * follows the hub's INTROSPECTION policy: where the role may not introspect, it shows the refusal
 * (INTROSPECTION_DISABLED) instead of a schema.
 */
export function GraphQLIde({ session }: { session: Session }) {
  const { t } = useT();
  const [query, setQuery] = useState(EXAMPLE);
  const [variables, setVariables] = useState('{}');
  const [headers, setHeaders] = useState(() => initialHeaders(session));
  const [answer, setAnswer] = useState<{ status: number; text: string } | null>(null);
  const [docs, setDocs] = useState<{ types: DocType[] } | { refused: string } | null>(null);
  const [open, setOpen] = useState<string>('Query');

  useEffect(() => {
    void (async () => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(JSON.parse(initialHeaders(session)) as Record<string, string>) },
        body: JSON.stringify({ query: INTROSPECT }),
        cache: 'no-store',
      }).catch(() => null);
      const body = res ? ((await res.json().catch(() => ({}))) as { data?: { __schema: { types: Array<Omit<DocType, 'fields'> & { fields: Array<{ name: string; description: string | null; type: TypeRef; args: Array<{ name: string; type: TypeRef }> }> | null }> } }; errors?: Array<{ extensions?: { code?: string } }> }) : {};
      if (!body.data) {
        setDocs({ refused: body.errors?.[0]?.extensions?.code ?? 'NETWORK_ERROR' });
        return;
      }
      setDocs({
        types: body.data.__schema.types
          .filter((ty) => !ty.name.startsWith('__') && ty.fields)
          .map((ty) => ({ ...ty, fields: ty.fields!.map((f) => ({ name: f.name, description: f.description, type: typeName(f.type), args: f.args.map((a) => `${a.name}: ${typeName(a.type)}`).join(', ') })) })),
      });
    })();
  }, [session]);

  async function run(e: FormEvent) {
    e.preventDefault();
    let vars: unknown;
    try {
      vars = variables.trim() ? JSON.parse(variables) : undefined;
    } catch {
      setAnswer({ status: 0, text: 'variables: not valid JSON' });
      return;
    }
    setAnswer(await post(headers, { query, variables: vars }));
  }

  const shown = docs && 'types' in docs ? docs.types.find((ty) => ty.name === open) : undefined;
  return (
    <section aria-labelledby="ide-title" className="ide">
      <h1 id="ide-title">{t('ide')}</h1>
      <p className="muted small">{t('ideNote')}</p>
      <form onSubmit={run} className="ide-grid">
        <label className="ide-query">
          {t('ideOperation')}
          <textarea name="query" value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} rows={14} />
        </label>
        <label>
          {t('ideVariables')}
          <textarea name="variables" value={variables} onChange={(e) => setVariables(e.target.value)} spellCheck={false} rows={4} />
        </label>
        <label>
          {t('ideHeaders')}
          <textarea name="headers" value={headers} onChange={(e) => setHeaders(e.target.value)} spellCheck={false} rows={5} />
        </label>
        <button type="submit" className="primary">{t('ideRun')}</button>
      </form>
      <h2>{t('ideAnswer')}{answer && ` · HTTP ${answer.status}`}</h2>
      <pre className="card ide-answer" data-testid="ide-answer" tabIndex={0}>{answer?.text ?? ''}</pre>
      <h2>{t('ideDocs')}</h2>
      {!docs && <p>{t('loading')}</p>}
      {docs && 'refused' in docs && <p role="status" data-testid="ide-docs-refused"><code>{docs.refused}</code> {t('ideNoIntrospection')}</p>}
      {docs && 'types' in docs && (
        <div className="card ide-docs" data-testid="ide-docs">
          <label>
            {t('ideType')}
            <select value={open} onChange={(e) => setOpen(e.target.value)}>
              {docs.types.map((ty) => (
                <option key={ty.name} value={ty.name}>{ty.name}</option>
              ))}
            </select>
          </label>
          {shown && (
            <dl>
              {shown.fields?.map((f) => (
                <div className="row" key={f.name}>
                  <dt><code>{f.name}{f.args && `(${f.args})`}: {f.type}</code></dt>
                  <dd className="muted small">{f.description ?? ''}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      )}
    </section>
  );
}
