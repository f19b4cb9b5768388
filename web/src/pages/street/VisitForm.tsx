import { FormEvent, useMemo, useState } from 'react';
import { graphql, GraphQLErrorItem } from '../../api';
import type { PageProps } from '../../App';
import { StreetFailures } from './StreetFailures';
import { NEED_CATEGORIES, NEED_ITEMS, useStreetT } from './streetText';

export const VISIT_OUTCOMES = ['MET', 'NOT_HOME', 'REFUSED', 'NOT_LIVING_HERE', 'MOVED_OUT'] as const;

const RECORD_VISIT = `mutation RecordVisit($input: RecordVisitInput!) {
  recordVisit(input: $input) { id visitedAt outcome membersMet needs }
}`;

export interface Member {
  id: string;
  name: string | null;
}

/** A fresh key per form: every retry of this form sends it again, so a retry never records twice. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `v-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** `datetime-local` value of a moment in the device's time zone. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Recording a visit at the door (STREET_STAFF under HOME_VISIT): the outcome as large choices, who
 * was met (the household's members), what was seen, the resident's views and their needs from the
 * need-item catalogue (each becomes a ticket for the department that must act, in the same write).
 * Nothing is checked here that the hub checks: its refusals (e.g. an ID number in the note) are shown
 * in plain words and the form keeps what was typed. The idempotency key is made once per form, so
 * pressing save again after a lost connection returns the same visit.
 */
export function VisitForm({ session, householdId, members, onSaved, onCancel }: Pick<PageProps, 'session'> & { householdId: string; members: Member[]; onSaved(visitId: string): void; onCancel(): void }) {
  const { s, term, need, lang } = useStreetT();
  const key = useMemo(newIdempotencyKey, []);
  const [outcome, setOutcome] = useState<string>('MET');
  const [met, setMet] = useState<string[]>([]);
  const [occupants, setOccupants] = useState('');
  const [livesAlone, setLivesAlone] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [note, setNote] = useState('');
  const [needs, setNeeds] = useState<string[]>([]);
  const [visitedAt, setVisitedAt] = useState(() => localInput(new Date()));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<GraphQLErrorItem[]>([]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const observations: Record<string, unknown> = {};
    if (occupants !== '') observations.occupants = Number(occupants);
    if (livesAlone) observations.livesAloneConfirmed = livesAlone === 'yes';
    if (mismatch) observations.addressMismatch = true;
    const input = {
      householdId,
      idempotencyKey: key,
      visitedAt: new Date(visitedAt).toISOString(),
      outcome,
      membersMet: outcome === 'MET' ? met : [],
      needs,
      note: note.trim() || null,
      observations: Object.keys(observations).length ? observations : null,
    };
    const r = await graphql<{ recordVisit: { id: string } | null }>(session, RECORD_VISIT, { input });
    setBusy(false);
    if (r.data?.recordVisit && !r.errors.length) onSaved(r.data.recordVisit.id);
    else setErrors(r.errors.length ? r.errors : [{ message: `HTTP ${r.status}` }]);
  }

  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));
  return (
    <form className="card visit-form" onSubmit={submit} aria-labelledby="visit-title">
      <h2 id="visit-title">{s('recordVisit')}</h2>
      <fieldset>
        <legend>{s('outcome')}</legend>
        <div className="big-choices">
          {VISIT_OUTCOMES.map((o) => (
            <label key={o} className="choice">
              <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              {term(o)}
            </label>
          ))}
        </div>
      </fieldset>
      {outcome === 'MET' && (
        <fieldset>
          <legend>{s('membersMet')}</legend>
          <p className="muted small">{s('membersMetHint')}</p>
          <div className="big-choices">
            {members.map((m) => (
              <label key={m.id} className="choice">
                <input type="checkbox" name="member" value={m.id} checked={met.includes(m.id)} onChange={(e) => setMet(toggle(met, m.id, e.target.checked))} />
                {m.name ?? m.id}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>{s('observations')}</legend>
        <label>
          {s('occupants')}
          <input name="occupants" type="number" inputMode="numeric" min={0} max={99} value={occupants} onChange={(e) => setOccupants(e.target.value)} />
        </label>
        <label>
          {s('livesAloneConfirmed')}
          <select name="livesAlone" value={livesAlone} onChange={(e) => setLivesAlone(e.target.value)}>
            <option value="">{s('unchecked')}</option>
            <option value="yes">{s('livesAloneYes')}</option>
            <option value="no">{s('livesAloneNo')}</option>
          </select>
        </label>
        <label className="choice">
          <input type="checkbox" name="addressMismatch" checked={mismatch} onChange={(e) => setMismatch(e.target.checked)} />
          {s('addressMismatch')}
        </label>
      </fieldset>
      <label>
        {s('note')}
        <textarea name="note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} aria-describedby="note-hint" lang={lang} />
        <span id="note-hint" className="muted small">{s('noteHint')}</span>
      </label>
      <fieldset>
        <legend>{s('needs')}</legend>
        {NEED_CATEGORIES.map((c) => (
          <div key={c} className="need-group">
            <h3>{term(c)}</h3>
            <div className="big-choices">
              {NEED_ITEMS.filter((i) => i.category === c).map((i) => (
                <label key={i.code} className="choice">
                  <input type="checkbox" name="need" value={i.code} checked={needs.includes(i.code)} onChange={(e) => setNeeds(toggle(needs, i.code, e.target.checked))} />
                  {need(i.code)}
                </label>
              ))}
            </div>
          </div>
        ))}
      </fieldset>
      <label>
        {s('visitedAt')}
        <input name="visitedAt" type="datetime-local" value={visitedAt} onChange={(e) => setVisitedAt(e.target.value)} />
      </label>
      {/* The refusal sits on the save bar, next to the thumb and in view wherever the form is scrolled. */}
      <div className="save-bar">
        <StreetFailures errors={errors} />
        <div className="pair">
          <button type="button" onClick={onCancel}>
            {s('cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? s('saving') : s('save')}
          </button>
        </div>
      </div>
    </form>
  );
}
