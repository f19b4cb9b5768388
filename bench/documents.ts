import type { Databases } from '../src/db/databases';

/**
 * The GraphQL documents the benchmarks send, and how sample ids are picked. Selections contain
 * only fields that POLICE_OFFICER / EMERGENCY may read (everything but civil affairs L4, i.e.
 * `childInDifficulty`), so the policy-on and policy-off servers do exactly the same data work.
 */

/** ~20 person fields for the `persons(ids)` list: identity scalars, addresses, civil and health leaves. */
export const PERSONS_LIST = /* GraphQL */ `
query PersonsList($ids: [ID!]!) {
  persons(ids: $ids) {
    id idNumber name sex birthDate age ageBand ethnicity phone relationToHead isFloatingPopulation watchFlag
    registeredAddress { text withinCity room }
    actualAddress { text }
    livesAwayFromRegisteredAddress
    residence { permitNumber status }
    civilAffairs { maritalStatus elderlyCare { livesAlone careLevel } }
    health { familyDoctor { doctorName clinic } }
  }
}`;

/** Leaf fields selected per person by `PERSONS_LIST`. */
export const PERSONS_LIST_LEAVES = 24;

const ADDRESS = 'text withinCity room grid { id name } community { code name street { name districtName } }';

/** The full person file by id, all three departments (as POLICE_OFFICER / EMERGENCY may see it). */
export const PERSON_FILE = /* GraphQL */ `
query PersonFile($id: ID!) {
  person(id: $id) {
    id idNumber name sex birthDate age ageBand ethnicity phone relationToHead isFloatingPopulation watchFlag
    household { id householdNumber kind registeredOn size }
    registeredAddress { ${ADDRESS} }
    actualAddress { ${ADDRESS} }
    livesAwayFromRegisteredAddress
    residence { permitNumber registeredOn expiresOn status }
    civilAffairs {
      maritalStatus
      assistance { kind monthlyAmount startedOn endedOn status }
      disability { certificateNumber category grade issuedOn }
      elderlyCare { livesAlone careLevel assessedOn }
    }
    health {
      familyDoctor { doctorName clinic signedOn expiresOn }
      chronicConditions { icd10 name diagnosedOn managed }
      vaccinations { vaccine dose givenOn }
      birth { certificateNumber bornOn hospital weightGrams }
      death { certificateNumber diedOn causeIcd10 cause }
    }
  }
}`;

/** The household file with its members' files (identity, civil affairs and family doctor). */
export const HOUSEHOLD_FILE = /* GraphQL */ `
query HouseholdFile($id: ID!) {
  household(id: $id) {
    id householdNumber kind registeredOn size
    address { text withinCity room }
    grid { id name }
    community { code name street { name } }
    members {
      id idNumber name sex birthDate age phone relationToHead
      civilAffairs {
        maritalStatus
        assistance { kind monthlyAmount status }
        disability { category grade }
        elderlyCare { livesAlone careLevel }
      }
      health { familyDoctor { doctorName clinic } }
    }
  }
}`;

/**
 * `n` hub ids spread over the whole index (ordered by a hash of the id, so the same sample every
 * run for the same seed, not clustered in one street).
 */
export async function samplePersonIds(dbs: Databases, n: number): Promise<string[]> {
  const rows: Array<{ id: string }> = (await dbs.hub.raw('SELECT id FROM person_index ORDER BY md5(id::text) LIMIT ?', [n])).rows;
  return rows.map((r) => r.id);
}

/** `n` household hub ids spread over the index, like `samplePersonIds`. */
export async function sampleHouseholdIds(dbs: Databases, n: number): Promise<string[]> {
  const rows: Array<{ id: string }> = (await dbs.hub.raw('SELECT id FROM household_index ORDER BY md5(id::text) LIMIT ?', [n])).rows;
  return rows.map((r) => r.id);
}
