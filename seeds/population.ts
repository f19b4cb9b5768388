/**
 * Builds the population model street by street: communities, buildings, registered households
 * (户籍) with their members, floating-population units renting rooms in the same buildings, locals
 * who live at another address than the registered one (人户分离), and grids of ~500 dwelling
 * households. Special groups, deaths and planted discrepancies are added by `assignTraits`.
 */
import { buildingAddress, communityRoads, nativePlace, roomLabel } from './addresses';
import { ageOn, dayOf, parseDay, SEED_REFERENCE_DATE, yearOf } from './dates';
import {
  CHONGWEN_CODE, Community, County, DISTRICT_CODE, Divisions, FORMER_CHONGWEN_STREETS, loadDivisions,
  ORIGIN_PROVINCE_WEIGHTS, Street,
} from './divisions';
import { composeCollective, composeFloatingUnit, composeHousehold, HOUSEHOLD_SIZES, MemberSpec } from './households';
import { IdAllocator } from './ids';
import { Model, RELATIONS } from './model';
import { drawGivenName, drawSurname, ETHNICITIES } from './names';
import { Rng, Weighted } from './random';
import { assignGrids, assignLivingAway } from './placement';
import { plantEligibilityGaps } from './eligibility';
import { assignTraits } from './traits';

/** Residents of one street (街道) in the field figures; more residents spread over more streets. */
export const RESIDENTS_PER_STREET = 68000;
/** Share of a street's residents without 户籍 here (floating population). */
export const FLOATING_SHARE = 0.35;
export { HOUSEHOLDS_PER_GRID } from './placement';

const COLLECTIVE_SHARE = 0.008;
const CHONGWEN_UNTIL = dayOf(2010, 7, 1);

export interface PopulationOptions {
  residents: number;
  seed: number;
  /** "Today" for ages and dates; defaults to SEED_REFERENCE_DATE. */
  referenceDate?: string;
}

const RELATION_INDEX = new Map(RELATIONS.map((r, i) => [r, i]));

class Builder {
  readonly rng: Rng;
  readonly div: Divisions;
  readonly ref: number;
  readonly ids: IdAllocator;
  readonly m: Model;
  private readonly origins = new Weighted(ORIGIN_PROVINCE_WEIGHTS);
  private readonly ethnicities = new Weighted(ETHNICITIES);
  private readonly buildingLoad: number[] = [];
  private readonly personCounty: Array<County | null>;
  private readonly buildingsInCommunity = new Map<string, number>();
  /** Household sizes still to plant (every seed has a 1- and an 8-member household), and where they went. */
  private readonly toPlant = [8, 1];
  private readonly plantedHouseholds = new Set<number>();
  /** Household numbers (户号) count per street: street code + 6 digits. */
  private streetHouseholds = 0;

  constructor(options: PopulationOptions) {
    const n = options.residents;
    this.rng = new Rng(options.seed, 'population');
    this.ids = new IdAllocator(new Rng(options.seed, 'id-sequences'));
    this.div = loadDivisions();
    this.ref = parseDay(options.referenceDate ?? SEED_REFERENCE_DATE);
    this.personCounty = new Array<County | null>(n).fill(null);
    this.m = {
      seed: options.seed,
      residents: n,
      referenceDay: this.ref,
      streets: [],
      communities: [],
      grids: [],
      buildings: [],
      households: {
        count: 0, householdNo: [], building: new Int32Array(n), room: [], collective: new Uint8Array(n),
        registeredDay: new Int32Array(n), first: new Int32Array(n), size: new Uint8Array(n),
      },
      units: { count: 0, building: new Int32Array(n), room: [], first: new Int32Array(n), size: new Uint8Array(n) },
      persons: {
        count: 0, idNumber: new Array<string>(n), name: new Array<string>(n), male: new Uint8Array(n),
        birthDay: new Int32Array(n), age: new Uint8Array(n), ethnicity: new Array<string>(n),
        household: new Int32Array(n).fill(-1), unit: new Int32Array(n).fill(-1), relation: new Uint8Array(n),
        mother: new Int32Array(n).fill(-1), father: new Int32Array(n).fill(-1), spouse: new Int32Array(n).fill(-1),
        nativePlace: new Array<string | null>(n).fill(null), flags: new Uint32Array(n), deathDay: new Int32Array(n),
        awayBuilding: new Int32Array(n).fill(-1), awayRoom: new Map(),
      },
      unknownToPolice: [],
      unregisteredBirthMothers: [],
    };
  }

  build(): Model {
    const n = this.m.residents;
    const streetCount = Math.min(this.div.streets.length, Math.max(1, Math.ceil(n / RESIDENTS_PER_STREET)));
    for (let s = 0; s < streetCount; s++) {
      const residents = Math.floor(n / streetCount) + (s < n % streetCount ? 1 : 0);
      this.buildStreet(s, this.div.streets[s], residents);
    }
    assignTraits(this.m, new Rng(this.m.seed, 'traits'), this.ids);
    plantEligibilityGaps(this.m);
    return this.m;
  }

  private county(): County {
    const list = this.div.countiesByProvince.get(this.origins.sample(this.rng))!;
    return this.rng.pick(list);
  }

  private buildStreet(index: number, street: Street, residents: number): void {
    const { m, rng } = this;
    const communities = this.div.communities.filter((c) => c.streetCode === street.code);
    const weights = communities.map(() => 0.6 + 0.8 * rng.next());
    const total = weights.reduce((a, b) => a + b, 0);
    const locals = Math.round(residents * (1 - FLOATING_SHARE));
    const share = (amount: number, i: number): number => {
      const before = weights.slice(0, i).reduce((a, b) => a + b, 0);
      return Math.round((amount * (before + weights[i])) / total) - Math.round((amount * before) / total);
    };
    const streetModel = { code: street.code, name: street.name, buildingStart: m.buildings.length, buildingEnd: 0 };
    m.streets.push(streetModel);
    const householdStart = m.households.count;
    this.streetHouseholds = 0;
    communities.forEach((community, ci) => {
      m.communities.push({ code: community.code, name: community.name, streetCode: street.code });
      const buildingStart = m.buildings.length;
      const hhStart = m.households.count;
      this.addLocals(index, street, community, share(locals, ci));
      this.addFloating(index, street, community, share(residents - locals, ci), hhStart, buildingStart);
      assignGrids(m, community, buildingStart, m.buildings.length, this.buildingLoad);
    });
    streetModel.buildingEnd = m.buildings.length;
    assignLivingAway(m, rng, householdStart, m.households.count, this.plantedHouseholds);
  }

  /** Registered households of one community until `quota` people are registered. */
  private addLocals(streetIndex: number, street: Street, community: Community, quota: number): void {
    const { m, rng } = this;
    const roads = communityRoads(rng, community);
    const gates = new Map<string, number>();
    let building = -1;
    let capacity = 0;
    let compound: { road: string; gate: number; blocks: number } | null = null;
    let rooms = new Set<string>();
    let placed = 0;
    while (placed < quota) {
      // Planted first, as soon as a community has room, so tests always find a 1- and an 8-member household.
      const plant = this.toPlant.length > 0 && this.toPlant[0] <= quota - placed;
      const size = plant ? this.toPlant.shift()! : Math.min(HOUSEHOLD_SIZES.sample(rng), quota - placed);
      if (building < 0 || capacity === 0) {
        const apartment = rng.chance(0.5);
        let road: string;
        let gate: number;
        let block = 1;
        if (apartment && compound && rng.chance(0.6)) {
          // Another block (楼) in the same compound (院).
          compound.blocks += 1;
          ({ road, gate, blocks: block } = compound);
        } else {
          road = rng.pick(roads);
          gate = (gates.get(road) ?? 0) + rng.int(1, 4);
          gates.set(road, gate);
          if (apartment) compound = { road, gate, blocks: 1 };
        }
        const floors = apartment ? rng.pick([4, 5, 6, 6, 6, 12, 16, 18]) : 1;
        building = this.newBuilding(streetIndex, community, buildingAddress(street, road, gate, block, apartment), apartment, floors);
        capacity = apartment ? rng.int(12, 60) : rng.int(2, 7);
        rooms = new Set();
      }
      const b = m.buildings[building];
      let room = roomLabel(rng, b.apartment, b.floors);
      for (let i = 0; i < 8 && rooms.has(room); i++) room = roomLabel(rng, b.apartment, b.floors);
      rooms.add(room);
      capacity -= 1;
      this.buildingLoad[building] += 1;
      const collective = !plant && size >= 2 && rng.chance(COLLECTIVE_SHARE);
      const specs = collective ? composeCollective(rng, size) : composeHousehold(rng, size);
      // The planted one-member household is an elderly person living alone.
      if (plant && size === 1 && specs[0].age < 70) specs[0].age = rng.int(70, 88);
      if (plant) this.plantedHouseholds.add(m.households.count);
      this.addHousehold(streetIndex, street, specs, building, room, collective);
      placed += size;
    }
  }

  private addHousehold(streetIndex: number, street: Street, specs: MemberSpec[], building: number, room: string, collective: boolean): void {
    const { m, rng } = this;
    const h = m.households;
    const index = h.count++;
    h.householdNo[index] = `${street.code}${String(++this.streetHouseholds).padStart(6, '0')}`;
    h.building[index] = building;
    h.room[index] = room;
    h.collective[index] = collective ? 1 : 0;
    h.first[index] = m.persons.count;
    h.size[index] = specs.length;
    const chongwen = FORMER_CHONGWEN_STREETS.has(street.code);
    const first = this.addPersons(specs, (spec, birthDay) => {
      const bornHere = spec.relation === 'CHILD' || spec.relation === 'GRANDCHILD' ? rng.chance(0.9) : rng.chance(0.62);
      if (bornHere) return { code: chongwen && birthDay < CHONGWEN_UNTIL ? CHONGWEN_CODE : DISTRICT_CODE, county: null };
      if (rng.chance(0.68)) return { code: rng.pick(this.div.beijingDistrictCodes), county: null };
      const county = this.county();
      return { code: county.code, county };
    });
    for (let i = 0; i < specs.length; i++) m.persons.household[first + i] = index;
    // Registered when the head was an adult, at most 45 years ago.
    const headBirth = m.persons.birthDay[first];
    const earliest = Math.max(headBirth + 18 * 365, this.ref - 45 * 365);
    h.registeredDay[index] = earliest >= this.ref ? this.ref - 30 : rng.int(earliest, this.ref - 1);
  }

  /** A building of the standard address library; its code is the community code + a 4-digit number. */
  private newBuilding(streetIndex: number, community: Community, address: string, apartment: boolean, floors: number): number {
    const sequence = (this.buildingsInCommunity.get(community.code) ?? 0) + 1;
    this.buildingsInCommunity.set(community.code, sequence);
    this.buildingLoad.push(0);
    return this.m.buildings.push({
      code: `${community.code}${String(sequence).padStart(4, '0')}`,
      communityCode: community.code, streetIndex, gridId: '', address, apartment, floors,
    }) - 1;
  }

  /** Floating-population units of one community, renting rooms in its buildings. */
  private addFloating(streetIndex: number, street: Street, community: Community, quota: number, hhStart: number, buildingStart: number): void {
    const { m, rng } = this;
    const hhEnd = m.households.count;
    let placed = 0;
    while (placed < quota) {
      const specs = composeFloatingUnit(rng, quota - placed);
      let building: number;
      if (hhEnd > hhStart) building = m.households.building[rng.int(hhStart, hhEnd - 1)];
      else if (m.buildings.length > buildingStart) building = rng.int(buildingStart, m.buildings.length - 1);
      else building = this.newBuilding(streetIndex, community, buildingAddress(street, `${community.shortName}胡同`, 1, 1, false), false, 1);
      const b = m.buildings[building];
      const u = m.units;
      const index = u.count++;
      u.building[index] = building;
      u.room[index] = roomLabel(rng, b.apartment, b.floors);
      u.first[index] = m.persons.count;
      u.size[index] = specs.length;
      this.buildingLoad[building] += 1;
      const unitCounty = this.county();
      const places = new Map<County, string>();
      const base = m.persons.count;
      const first = this.addPersons(specs, (spec, _birthDay, i) => {
        let county = unitCounty;
        if (spec.father >= 0 && spec.father < i) county = this.personCounty[base + spec.father]!;
        else if (spec.mother >= 0 && spec.mother < i) county = this.personCounty[base + spec.mother]!;
        else if (spec.spouse >= 0 && spec.spouse < i && !rng.chance(0.75)) {
          county = rng.chance(0.6) ? rng.pick(this.div.countiesByProvince.get(unitCounty.provinceCode)!) : this.county();
        }
        return { code: county.code, county };
      });
      for (let i = 0; i < specs.length; i++) {
        const p = first + i;
        m.persons.unit[p] = index;
        const county = this.personCounty[p]!;
        let place = places.get(county);
        if (place === undefined) {
          place = nativePlace(rng, county);
          places.set(county, place);
        }
        m.persons.nativePlace[p] = place;
      }
      placed += specs.length;
    }
  }

  /**
   * Adds the members of a household or unit as persons: surnames along the family lines, names of
   * their generation, birth dates, ethnicity, a region code (from `region`) and a unique ID number.
   */
  private addPersons(
    specs: MemberSpec[],
    region: (spec: MemberSpec, birthDay: number, i: number) => { code: string; county: County | null },
  ): number {
    const { m, rng } = this;
    const p = m.persons;
    const first = p.count;
    p.count += specs.length;
    const surnames: string[] = new Array(specs.length);
    const surname = (i: number): string => {
      if (surnames[i] === undefined) surnames[i] = specs[i].surnameFrom >= 0 ? surname(specs[i].surnameFrom) : drawSurname(rng);
      return surnames[i];
    };
    const familyEthnicity = this.ethnicities.sample(rng);
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i];
      const person = first + i;
      const birthDay = this.ref - 1 - Math.floor((spec.age + rng.next()) * 365.2425);
      p.birthDay[person] = birthDay;
      p.age[person] = ageOn(birthDay, this.ref);
      p.male[person] = spec.male ? 1 : 0;
      p.name[person] = surname(i) + drawGivenName(rng, spec.male, yearOf(birthDay));
      const marriedIn = spec.surnameFrom < 0 && i > 0 && spec.mother < 0 && spec.father < 0;
      p.ethnicity[person] = marriedIn && rng.chance(0.1) ? this.ethnicities.sample(rng) : familyEthnicity;
      p.relation[person] = RELATION_INDEX.get(spec.relation) ?? 0;
      if (spec.mother >= 0) p.mother[person] = first + spec.mother;
      if (spec.father >= 0) p.father[person] = first + spec.father;
      if (spec.spouse >= 0) p.spouse[person] = first + spec.spouse;
      const r = region(spec, birthDay, i);
      this.personCounty[person] = r.county;
      p.idNumber[person] = this.ids.next(r.code, birthDay, spec.male);
    }
    return first;
  }
}

/** The whole population model for `residents` people (exactly that many police persons). */
export function buildPopulation(options: PopulationOptions): Model {
  if (!Number.isInteger(options.residents) || options.residents < 10) throw new RangeError('residents must be an integer ≥ 10');
  return new Builder(options).build();
}
