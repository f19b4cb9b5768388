import type { GraphQLSchema } from 'graphql';
import { ROLE_PURPOSES, ROLES } from '../auth/vocabulary';
import type { Mask } from './declaration';
import type { FieldDeclarations } from './declarations';
import { candidatesFor } from './disclosureCheck';
import { decide } from './policyTable';
import { VALUE_FORMAT_NAMES, VALUE_FORMATS, ValueFormat } from './valueFormats';

/** What each partial form shows and what it still reveals, for reviewers. */
export const MASK_REVEALS: Readonly<Record<Mask, string>> = {
  ID_NUMBER: '`110101************`: the region code of first registration only; birth date, sequence and check character hidden',
  PHONE: '`138****5678`: carrier prefix and last four; the 4-digit number block hidden (10,000 candidates)',
  NAME: '`张*`: the surname',
  ADDRESS: 'the building, without the room (outside the city, where no building is known: the road or village)',
  BIRTH_DATE: 'a five-year age band such as `60-64`, reckoned on 1 January (1,826 possible dates when read once, 366 when read over five years)',
  LAST_FOUR: '`****1234`: the last four characters, never more than half of a short value (on a serial number whose prefix is constant, that is the whole number: the check refuses it there)',
  SERIAL_PREFIX: '`110101001******`: the prefix (street, issuer, year), which the caller knows from the address anyway; the serial hidden',
  AMOUNT: 'rounded down to 100 yuan',
  PRESENCE: 'that the record exists; each of its fields is decided on its own',
  NONE: 'nothing: masked means denied',
};

/**
 * The derivation part of docs/access-matrix.md: what identifiers are made of, what each mask still
 * reveals, and per (role, purpose) the candidates left of every identifier the caller does not see
 * in full, against its threshold (the numbers the policy build checks).
 */
export function renderDisclosure(schema: GraphQLSchema, declarations: FieldDeclarations): string[] {
  const lines: string[] = [
    '## What identifiers are made of (value formats)',
    '',
    'The policy build counts, for every role and purpose (and for every role across all its purposes but the',
    'look-up-only ones, which show only the file of an ID number the caller typed in), the candidates',
    'left of each masked or denied identifier from everything the same caller may read on any path, and refuses the',
    'table when one falls under its threshold (`src/policy/disclosureCheck.ts`). The region of an ID number counts as',
    'known. Facts a department\'s own records reveal are not counted against the ID number for that department\'s roles,',
    'for the residents it holds records of: it keys those records by the ID number, so the number is its own data (a',
    'health worker who reads a child\'s birth record reads a row health stores under the child\'s ID number; the hub\'s',
    'mask there limits what shows on screen, it cannot keep the number from health). The insider suite checks that every',
    'resident whose ID number those records narrow below 1,000 is one the caller\'s department holds under that number.',
    'A certificate embedding an ID number the caller may read in full keeps only its category and grade digits, facts',
    'with decisions of their own, and is not counted. Change over time: for callers who may not read the birth date,',
    'every age (`Person.age`, `Person.ageBand`, the masked birth date, the age filters, the age part of service tags) is',
    'reckoned on 1 January of the year (`src/policy/ageDay.ts`), so it moves on the same day for everyone and, read',
    'daily for years, leaves the birth date within a fixed 366-day window; an age band read over five years leaves the',
    'same window, which is why it is counted as 366 dates.',
    '',
    '| format | made of | threshold | why |',
    '|---|---|---|---|',
    ...VALUE_FORMAT_NAMES.map((n) => {
      const f: ValueFormat = VALUE_FORMATS[n];
      return `| ${n} | ${f.parts}${f.issuedAtLeast ? `; at least ${f.issuedAtLeast.toLocaleString('en')} issued per prefix` : ''} | ${f.threshold.toLocaleString('en')} | ${f.why} |`;
    }),
    '',
    'Fields that give part of an identifier away: ' +
      [...declarations.entries()].filter(([, d]) => d.reveals).map(([k, d]) => `\`${k}\` (${d.reveals!.fact}${d.reveals!.candidates > 1 ? `, ${d.reveals!.candidates.toLocaleString('en')} values left` : ', exactly'})`).join(', ') + '.',
    '',
    '## What each mask still reveals',
    '',
    '| mask | shows |',
    '|---|---|',
    ...Object.entries(MASK_REVEALS).map(([m, s]) => `| ${m} | ${s} |`),
    '',
    '## Candidates left per column',
    '',
    'For every identifier a column does not see in full: its decision, and the fewest candidates a caller of that role',
    'and purpose can narrow it to from everything else they may read.',
    '',
    '| role / purpose | identifier | decision | candidates left | threshold |',
    '|---|---|---|---|---|',
  ];
  for (const role of ROLES) {
    for (const purpose of ROLE_PURPOSES[role]) {
      for (const [field, n] of candidatesFor(schema, declarations, role, purpose)) {
        const d = declarations.get(field)!;
        lines.push(`| ${role} / ${purpose} | ${field} | ${decide(role, purpose, d)} (${d.mask}) | ${n.toLocaleString('en')} | ${VALUE_FORMATS[d.value!].threshold.toLocaleString('en')} |`);
      }
    }
  }
  lines.push('');
  return lines;
}
