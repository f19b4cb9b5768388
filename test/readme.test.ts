import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Purpose, Role } from '../src/auth/vocabulary';
import { TestHub, startTestHub } from './support/http';

interface Example {
  role: Role;
  purpose?: Purpose;
  caseNumber?: string;
  grid?: string;
  subject?: string;
  body: { query: string };
}

/** The README's curl examples: role, grid and subject from the token command, purpose header, JSON body. */
function readmeExamples(): Example[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .filter((b) => b.includes('npm run --silent token') && b.includes('curl'))
    .map((b) => {
      // An unquoted heredoc (<<EOF) lets the shell fill in the time and a fresh key: the test does the same.
      const heredoc = /<<'?EOF'?\n([\s\S]*?)\nEOF/.exec(b)?.[1]
        ?.replace(/\$\(date -u \+%Y-%m-%dT%H:%M:%SZ\)/g, () => new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'))
        .replace(/\$\(uuidgen\)/g, () => randomUUID());
      const caseNumber = /x-case-number: (\S+)'/.exec(b)?.[1];
      const inline = /-d '(\{"query"[\s\S]*?\})'/.exec(b)?.[1];
      return {
        role: /--role (\w+)/.exec(b)![1] as Role,
        grid: /--grid (\S+)\)/.exec(b)?.[1],
        subject: /--subject (\S+)\)/.exec(b)?.[1],
        purpose: /x-purpose: (\w+)/.exec(b)?.[1] as Purpose | undefined,
        caseNumber,
        body: JSON.parse((heredoc ?? inline)!),
      };
    });
}

describe('the README examples', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const examples = readmeExamples();

  it('are all found (one per kind of user, plus the viewer, and the street staff\'s visit, ledger and overdue search)', () => {
    expect(examples.map((e) => e.role).sort()).toEqual([
      'AUDITOR', 'CIVIL_AFFAIRS_OFFICER', 'CIVIL_AFFAIRS_OFFICER', 'HEALTH_WORKER', 'POLICE_OFFICER', 'RESIDENT', ...Array(8).fill('STREET_STAFF'),
    ]);
  });

  it.each(examples.map((e) => [e.role, e.purpose ?? '-', e] as const))('work as written for %s (%s) against the demo seed', async (_role, _purpose, e) => {
    const res = await t.as({ role: e.role, purpose: e.purpose, caseNumber: e.caseNumber, grids: e.grid ? [e.grid] : undefined, subject: e.subject })(e.body.query);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    for (const value of Object.values(res.data!)) expect(value).not.toBeNull();
  });
});
