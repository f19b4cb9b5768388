import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './ide.css';
import { useState } from 'react';
import { GraphiQL, GraphiQLProps } from 'graphiql';

const EXAMPLE = `query Viewer {
  viewer { role subject department purposes grids { id name } }
}
`;

/** GraphiQL's storage kept in memory: nothing (headers with the token included) reaches localStorage. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
  };
}

/**
 * Posts one operation to this hub's `/graphql` with the headers of GraphiQL's headers editor. GraphiQL
 * passes no headers at all (not even `{}`) only for its first introspection, made before the headers
 * editor exists: that request gets the handed-over headers the editor is about to show, so the
 * schema is fetched as the signed-in user, under the hub's INTROSPECTION policy for their role.
 */
function hubFetcher(initial: Record<string, string>): GraphiQLProps['fetcher'] {
  return async (params, opts) => {
    const headers = opts && 'headers' in opts ? (opts.headers as Record<string, string> | undefined) : initial;
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(params),
      cache: 'no-store',
      credentials: 'omit',
    });
    return res.json();
  };
}

/**
 * GraphiQL 5 against this hub, its headers editor pre-filled with the signed-in user's token, purpose
 * and case or ticket number (the developer may edit them). Its schema and docs come from the hub's
 * own introspection with those headers, so they follow the hub's INTROSPECTION policy: where the role
 * may not introspect, GraphiQL shows the refusal instead of a schema. Nothing is persisted.
 */
export function OneFileGraphiQL({ headers }: { headers: Record<string, string> }) {
  const [fetcher] = useState(() => hubFetcher(headers));
  const [storage] = useState(memoryStorage);
  return <GraphiQL fetcher={fetcher} initialHeaders={JSON.stringify(headers, null, 2)} defaultQuery={EXAMPLE} storage={storage} shouldPersistHeaders={false} isHeadersEditorEnabled defaultEditorToolsVisibility="headers" />;
}
