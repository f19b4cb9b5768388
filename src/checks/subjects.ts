import type { Databases } from '../db/databases';
import { personIndexByIdNumber, registerPolicePersons } from '../sources/hub/hubSource';
import type { RuleCase } from './evaluators';
import { BATCH, heldBySpine } from './federation';

/** A subject of a finding: its key (unique per rule) and its hub person id when it has one. */
export interface Subject {
  key: string;
  personId: string | null;
}

/** A rule's subjects, and how many of its cases were about an ID number police do not know (no hub person: not recorded). */
export interface Subjects {
  subjects: Subject[];
  unknownToPolice: number;
}

/**
 * Subjects of a rule's cases: owner records stay keys; ID numbers become hub person ids — the
 * hub's index (batched look-ups), registering the numbers police hold that the index has not seen
 * (`registerPolicePersons`, after a batched police look-up). An ID number police do not know gets
 * no hub id (a hub id is never minted for one) and its case is not recorded under this rule: it is
 * counted (`unknownToPolice`) and, where civil affairs pays it, found by ASSISTANCE_UNKNOWN_TO_POLICE.
 */
export async function subjectsOf(dbs: Databases, cases: readonly RuleCase[]): Promise<Subjects> {
  const idNumbers = [...new Set(cases.flatMap((c) => (c.idNumber ? [c.idNumber] : [])))];
  const ids = new Map<string, string>();
  for (let i = 0; i < idNumbers.length; i += BATCH) {
    const batch = idNumbers.slice(i, i + BATCH);
    for (const row of await personIndexByIdNumber(dbs.hub, batch)) ids.set(row.id_number, row.id);
    const unseen = batch.filter((n) => !ids.has(n));
    if (unseen.length === 0) continue;
    const held = await heldBySpine(dbs, unseen);
    if (held.length) for (const row of await registerPolicePersons(dbs.hub, held)) ids.set(row.id_number, row.id);
  }
  const subjects = new Map<string, Subject>();
  let unknownToPolice = 0;
  for (const c of cases) {
    const personId = c.idNumber ? ids.get(c.idNumber) ?? null : null;
    if (c.idNumber && !personId) {
      unknownToPolice++;
      continue;
    }
    const key = personId ?? c.ownerRecord!;
    subjects.set(key, { key, personId });
  }
  return { subjects: [...subjects.values()], unknownToPolice };
}
