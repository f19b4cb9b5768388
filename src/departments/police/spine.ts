import type { Context } from '../../schema/context';
import type { IdentitySpine, SpineHouseholdRow, SpinePersonRow } from '../identity';
import { Household } from './household.type';
import { householdByHubId, householdByNumber } from './householdRecords';
import type { HouseholdHitRow, PersonHitRow } from './policeSearch';
import { Person } from './person.type';
import { personByHubId, personByIdNumber, personsFromRows } from './personRecords';

const wants = (selected: ReadonlySet<string>, ...fields: string[]) => fields.some((f) => selected.has(f));

/**
 * Police as the identity spine's schema side (src/departments/identity.ts `IdentitySpine`): the
 * Person and Household files and their readers over the request's scoped police loaders. Rows
 * handed in come from this module's own search (spineSearch.ts), so they are full police rows.
 */
export const policeIdentitySpine: IdentitySpine = {
  Person,
  Household,
  personsFromRows: (ctx, rows) => personsFromRows(ctx, rows as readonly PersonHitRow[]),
  personByIdNumber,
  personByHubId,
  householdByHubId,
  householdByNumber,
  membersOf: (ctx, householdNo) => ctx.loaders.police.membersByHouseholdNo.load(householdNo),
  preparePersonPage(ctx: Context, found: readonly SpinePersonRow[], selected: ReadonlySet<string>): void {
    const rows = found as readonly PersonHitRow[];
    const police = ctx.loaders.police;
    for (const row of rows) police.personByIdNumber.prime(row.id_number, row);
    if (wants(selected, 'actualAddress', 'livesAwayFromRegisteredAddress', 'residence')) {
      void police.residenceByIdNumber.loadMany(rows.map((r) => r.id_number));
    }
    if (wants(selected, 'registeredAddress', 'actualAddress', 'livesAwayFromRegisteredAddress', 'household')) {
      void police.householdByNo.loadMany(rows.flatMap((r) => (r.household_no ? [r.household_no] : [])));
    }
  },
  prepareHouseholdPage(ctx: Context, found: readonly SpineHouseholdRow[], selected: ReadonlySet<string>): void {
    const rows = found as readonly HouseholdHitRow[];
    for (const row of rows) ctx.loaders.police.householdByNo.prime(row.household_no, row);
    if (wants(selected, 'members', 'size', 'tags')) void ctx.loaders.police.membersByHouseholdNo.loadMany(rows.map((r) => r.household_no));
    if (wants(selected, 'address', 'grid', 'community')) void ctx.loaders.hub.buildingByCode.loadMany(rows.map((r) => r.building_code));
  },
};
