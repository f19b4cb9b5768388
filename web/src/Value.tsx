import type { ReactNode } from 'react';
import { createContext, useContext } from 'react';
import { useT } from './i18n';
import { declaration, isMasked } from './policyLabels';

/** What a rendered file needs to label its values: who asks, why, and which paths came back denied. */
export interface FileContext {
  role: string;
  purpose: string | null;
  denied: Set<string>;
}

export const FileCtx = createContext<FileContext>({ role: '', purpose: null, denied: new Set() });

/** A padlock drawn in SVG (no emoji or icon font needed on a closed network). */
function Lock() {
  return (
    <svg className="lock" aria-hidden="true" viewBox="0 0 16 16" width="1em" height="1em">
      <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
    </svg>
  );
}

function PolicyNote({ kind, field }: { kind: 'mask' | 'deny'; field: string }) {
  const { t, term } = useT();
  const d = declaration(field);
  const detail = d ? ` L${d.level}${t('level')} · ${term(d.owner)}` : '';
  return (
    <span className={`policy policy-${kind}`} data-policy={kind}>
      <Lock /> {kind === 'mask' ? t('maskedBy') : t('deniedBy')}
      {detail && `:${detail}`}
    </span>
  );
}

/**
 * One field of a file. Denied (null with FIELD_DENIED at `path`): a lock and "denied by policy".
 * Masked for this role and purpose: the partial value and "masked by policy". Null and not denied:
 * "not recorded". Never an empty cell.
 */
export function Val({ path, field, value, render }: { path: string; field: string; value: unknown; render?: (v: never) => ReactNode }) {
  const ctx = useContext(FileCtx);
  const { t } = useT();
  if (ctx.denied.has(path)) return <PolicyNote kind="deny" field={field} />;
  if (value === null || value === undefined) return <span className="muted">{t('notRecorded')}</span>;
  const shown = render ? render(value as never) : typeof value === 'boolean' ? (value ? t('yes') : t('no')) : String(value);
  if (isMasked(ctx.role, ctx.purpose, field)) {
    return (
      <span>
        <span className="value">{shown}</span> <PolicyNote kind="mask" field={field} />
      </span>
    );
  }
  return <span className="value">{shown}</span>;
}

/** A labelled row of a file. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Whether a section object (e.g. `health`) came back denied: render its lock instead of its rows. */
export function useDenied(path: string): boolean {
  return useContext(FileCtx).denied.has(path);
}

export { PolicyNote };
