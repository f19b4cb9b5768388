/**
 * Where findings become tickets (issue 17, built in parallel): `runChecks` (./run.ts) calls
 * `onFindingOpened` once per run, after the run's transaction committed, with every finding the
 * run opened. THIS is the connection point: when the ticket queues land, this function files one
 * ticket per finding in the owner department's queue (the finding id is the ticket's reference;
 * the subject is the hub person id, nothing else). Until then a finding is worked from the
 * `discrepancies` query and the function does nothing. It must not throw for one bad finding:
 * the findings are already recorded and the next run does not open them again.
 */
export interface OpenedFinding {
  findingId: string;
  rule: string;
  /** The department that must act (the ticket queue). */
  owner: string;
  /** The hub person id, or null when the finding names the owner's own record. */
  subjectId: string | null;
}

/** Called with the findings a run opened (see the module comment). */
export async function onFindingOpened(findings: readonly OpenedFinding[]): Promise<void> {
  void findings;
}
