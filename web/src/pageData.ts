/**
 * JSON the hub embedded in the first page (`<script type="application/json" id="…">`, see
 * src/server/firstPage.ts), so the sign-in needs no request of its own; undefined when the page has
 * no such block (the Vite dev server, a value the hub could not read) or it does not parse — the
 * caller then fetches the same JSON from its route.
 */
export function pageData<T>(id: string): T | undefined {
  const text = document.getElementById(id)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
