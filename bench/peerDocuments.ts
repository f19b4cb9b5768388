import { ageBand, ageOn } from '../src/identity/age';

/**
 * What the PostGraphile peer is asked (issue 15): the same rows as the hub's PERSON_FILE and
 * HOUSEHOLD_FILE (bench/documents.ts) in PostGraphile's own schema over the peer database, and how
 * its answers map onto the hub's answer shape so `npm run bench` can check them equal for every key
 * before timing. The mapping (ages, addresses, the current residence, the head first) runs only in
 * that check, never in a timed request: the peer's timed answer is PostGraphile's own JSON.
 */

const BUILDING = 'code address gridByGridId { rowId name } communityByCommunityCode { code name streetByStreetCode { name districtName } }';

/** The person file by hub id: everything bench/documents.ts PERSON_FILE reads. */
export const PEER_PERSON_FILE = /* GraphQL */ `
query PeerPersonFile($id: UUID!) {
  personIndexByRowId(rowId: $id) {
    rowId
    policePersonByIdNumber {
      idNumber name sex birthDate ethnicity phone householdNo relationToHead nativePlace watchFlag
      policeHouseholdByHouseholdNo {
        householdNo kind registeredOn room
        householdIndexByHouseholdNo { rowId }
        policePeopleByHouseholdNo { totalCount }
        buildingByBuildingCode { ${BUILDING} }
      }
      policeResidenceRegistrationsByIdNumber(orderBy: [REGISTERED_ON_DESC]) {
        nodes { buildingCode room permitNo registeredOn expiresOn status buildingByBuildingCode { ${BUILDING} } }
      }
      civilMaritalStatusByIdNumber { status }
      civilAssistancesByIdNumber(orderBy: [STARTED_ON_DESC, ROW_ID_ASC]) { nodes { kind monthlyAmount startedOn endedOn status } }
      civilDisabilityByIdNumber { certificateNo category grade issuedOn }
      civilElderlyCareByIdNumber { livesAlone careLevel assessedOn }
      healthFamilyDoctorContractByIdNumber { doctorName clinic signedOn expiresOn }
      healthChronicConditionsByIdNumber(orderBy: [DIAGNOSED_ON_ASC, ROW_ID_ASC]) { nodes { icd10 name diagnosedOn managed } }
      healthVaccinationsByIdNumber(orderBy: [GIVEN_ON_ASC, ROW_ID_ASC]) { nodes { vaccine dose givenOn } }
      healthBirthsByChildIdNumber(first: 1) { nodes { certificateNo bornOn hospital weightGrams } }
      healthDeathByIdNumber { certificateNo diedOn causeIcd10 cause }
    }
  }
}`;

/** The household file with its members: everything bench/documents.ts HOUSEHOLD_FILE reads. */
export const PEER_HOUSEHOLD_FILE = /* GraphQL */ `
query PeerHouseholdFile($id: UUID!) {
  householdIndexByRowId(rowId: $id) {
    rowId
    policeHouseholdByHouseholdNo {
      householdNo kind registeredOn room
      buildingByBuildingCode { ${BUILDING} }
      policePeopleByHouseholdNo(orderBy: [BIRTH_DATE_ASC, ID_NUMBER_ASC]) {
        totalCount
        nodes {
          idNumber name sex birthDate phone relationToHead
          personIndexByIdNumber { rowId }
          civilMaritalStatusByIdNumber { status }
          civilAssistancesByIdNumber(orderBy: [STARTED_ON_DESC, ROW_ID_ASC]) { nodes { kind monthlyAmount status } }
          civilDisabilityByIdNumber { category grade }
          civilElderlyCareByIdNumber { livesAlone careLevel }
          healthFamilyDoctorContractByIdNumber { doctorName clinic }
        }
      }
    }
  }
}`;

type Row = Record<string, any>;

function address(building: Row | null, room: string | null, withStreetDistrict: boolean) {
  if (!building) return null;
  const street = building.communityByCommunityCode.streetByStreetCode;
  return {
    text: room ? `${building.address}${room}` : building.address,
    withinCity: true,
    room,
    grid: { id: building.gridByGridId.rowId, name: building.gridByGridId.name },
    community: {
      code: building.communityByCommunityCode.code,
      name: building.communityByCommunityCode.name,
      street: withStreetDistrict ? { name: street.name, districtName: street.districtName } : { name: street.name },
    },
  };
}

/** The peer's person file in the hub's answer shape (`{ person: ... }`), for the equality check. */
export function peerPersonAnswer(data: Row): Row {
  const entry = data.personIndexByRowId;
  const p = entry?.policePersonByIdNumber;
  if (!p) return { person: null };
  const household = p.policeHouseholdByHouseholdNo;
  const registrations: Row[] = p.policeResidenceRegistrationsByIdNumber.nodes;
  const residence = registrations.find((r) => r.status === 'ACTIVE') ?? registrations[0] ?? null;
  const active = residence?.status === 'ACTIVE' ? residence : null;
  const registered = household
    ? address(household.buildingByBuildingCode, household.room, true)
    : p.nativePlace
      ? { text: p.nativePlace, withinCity: false, room: null, grid: null, community: null }
      : null;
  const actual = active ? address(active.buildingByBuildingCode, active.room, true) : registered;
  const one = <T>(list: { nodes: T[] }) => list.nodes[0] ?? null;
  const birth = one(p.healthBirthsByChildIdNumber) as Row | null;
  return {
    person: {
      id: entry.rowId, idNumber: p.idNumber, name: p.name, sex: p.sex === 'M' ? 'MALE' : 'FEMALE', birthDate: p.birthDate,
      age: ageOn(p.birthDate), ageBand: ageBand(p.birthDate), ethnicity: p.ethnicity, phone: p.phone, relationToHead: p.relationToHead,
      isFloatingPopulation: p.householdNo === null, watchFlag: p.watchFlag,
      household: household && household.householdIndexByHouseholdNo
        ? { id: household.householdIndexByHouseholdNo.rowId, householdNumber: household.householdNo, kind: household.kind, registeredOn: household.registeredOn, size: household.policePeopleByHouseholdNo.totalCount }
        : null,
      registeredAddress: registered,
      actualAddress: actual,
      livesAwayFromRegisteredAddress: registered && actual ? active !== null && !(household && active.buildingCode === household.buildingByBuildingCode?.code && active.room === household.room) : null,
      residence: residence ? { permitNumber: residence.permitNo, registeredOn: residence.registeredOn, expiresOn: residence.expiresOn, status: residence.status } : null,
      civilAffairs: {
        maritalStatus: p.civilMaritalStatusByIdNumber?.status ?? null,
        assistance: p.civilAssistancesByIdNumber.nodes.map((a: Row) => ({ kind: a.kind, monthlyAmount: Number(a.monthlyAmount), startedOn: a.startedOn, endedOn: a.endedOn, status: a.status })),
        disability: p.civilDisabilityByIdNumber
          ? { certificateNumber: p.civilDisabilityByIdNumber.certificateNo, category: p.civilDisabilityByIdNumber.category, grade: p.civilDisabilityByIdNumber.grade, issuedOn: p.civilDisabilityByIdNumber.issuedOn }
          : null,
        elderlyCare: p.civilElderlyCareByIdNumber ?? null,
      },
      health: {
        familyDoctor: p.healthFamilyDoctorContractByIdNumber ?? null,
        chronicConditions: p.healthChronicConditionsByIdNumber.nodes,
        vaccinations: p.healthVaccinationsByIdNumber.nodes,
        birth: birth ? { certificateNumber: birth.certificateNo, bornOn: birth.bornOn, hospital: birth.hospital, weightGrams: birth.weightGrams } : null,
        death: p.healthDeathByIdNumber
          ? { certificateNumber: p.healthDeathByIdNumber.certificateNo, diedOn: p.healthDeathByIdNumber.diedOn, causeIcd10: p.healthDeathByIdNumber.causeIcd10, cause: p.healthDeathByIdNumber.cause }
          : null,
      },
    },
  };
}

/** The peer's household file in the hub's answer shape (`{ household: ... }`): the head first, then by birth date and ID number. */
export function peerHouseholdAnswer(data: Row): Row {
  const entry = data.householdIndexByRowId;
  const h = entry?.policeHouseholdByHouseholdNo;
  if (!h) return { household: null };
  const b = h.buildingByBuildingCode;
  const where = address(b, h.room, false);
  const people: Row[] = h.policePeopleByHouseholdNo.nodes;
  const members = [...people.filter((m) => m.relationToHead === 'HEAD'), ...people.filter((m) => m.relationToHead !== 'HEAD')];
  return {
    household: {
      id: entry.rowId, householdNumber: h.householdNo, kind: h.kind, registeredOn: h.registeredOn, size: h.policePeopleByHouseholdNo.totalCount,
      address: where ? { text: where.text, withinCity: where.withinCity, room: where.room } : null,
      grid: where?.grid ?? null,
      community: where?.community ?? null,
      members: members.filter((m) => m.personIndexByIdNumber).map((m) => ({
        id: m.personIndexByIdNumber.rowId, idNumber: m.idNumber, name: m.name, sex: m.sex === 'M' ? 'MALE' : 'FEMALE', birthDate: m.birthDate,
        age: ageOn(m.birthDate), phone: m.phone, relationToHead: m.relationToHead,
        civilAffairs: {
          maritalStatus: m.civilMaritalStatusByIdNumber?.status ?? null,
          assistance: m.civilAssistancesByIdNumber.nodes.map((a: Row) => ({ kind: a.kind, monthlyAmount: Number(a.monthlyAmount), status: a.status })),
          disability: m.civilDisabilityByIdNumber ?? null,
          elderlyCare: m.civilElderlyCareByIdNumber ?? null,
        },
        health: { familyDoctor: m.healthFamilyDoctorContractByIdNumber ?? null },
      })),
    },
  };
}

/** JSON with object keys sorted, so two answers compare by content, not by key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}
