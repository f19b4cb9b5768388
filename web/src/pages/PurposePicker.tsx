import { FormEvent, useState } from 'react';
import type { Viewer } from '../App';
import { useT } from '../i18n';

/**
 * Purpose first: before any resident data is read, the user picks one of the purposes their role is
 * granted (and a case number where the purpose needs one). It is then shown in the header and sent
 * as `x-purpose` / `x-case-number` on every request.
 */
export function PurposePicker({ viewer, onPick }: { viewer: Viewer; onPick(purpose: string, caseNumber: string | null): void }) {
  const { t, term } = useT();
  const [purpose, setPurpose] = useState(viewer.purposes[0] ?? '');
  const [caseNumber, setCaseNumber] = useState('');
  const needsCase = purpose === 'CASE_INVESTIGATION';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (needsCase && !caseNumber.trim()) return;
    // For the load-time test: the search page's readiness is measured from here (see ../ready.ts).
    performance.mark('onefile:purpose-picked');
    onPick(purpose, needsCase ? caseNumber.trim() : null);
  }

  return (
    <form className="card narrow" onSubmit={submit}>
      <fieldset>
        <legend>
          <h1>{t('purposeFirst')}</h1>
        </legend>
        <p className="muted">{t('purposeWhy')}</p>
        {viewer.purposes.map((p) => (
          <label key={p} className="choice">
            <input type="radio" name="purpose" value={p} checked={purpose === p} onChange={() => setPurpose(p)} />
            {term(p)} <span className="muted">({p})</span>
          </label>
        ))}
      </fieldset>
      {needsCase && (
        <label>
          {t('caseNumber')}
          <input name="caseNumber" required value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} placeholder="XS-2026-0042" />
        </label>
      )}
      <button type="submit" className="primary">
        {t('continue')}
      </button>
    </form>
  );
}
