import { Caller } from './support/auth';
import { INVESTIGATOR, collectAll } from './support/searchPages';
import { TestHub, startTestHub } from './support/http';
import { Building, loadTruth, personIn, Truth, TruthHousehold, TruthPerson } from './support/searchTruth';

/**
 * A police officer on a case may use every filter and see every tag (docs/tags.md). (Neither a civil
 * affairs officer nor an emergency: the access-log tests expect no such records besides their own.)
 */
const OFFICER: Caller = INVESTIGATOR;

describe('search filters combine correctly, against ground truth from the department databases', () => {
  let t: TestHub;
  let truth: Truth;
  let community: string;
  let grid: string;
  let otherGrid: string;
  let building: Building;
  let roomPrefix: string;
  let fullName: string;

  const sorted = (ids: Iterable<string>) => [...ids].sort();
  const persons = (keep: (p: TruthPerson) => boolean) => sorted(truth.persons.filter(keep).map((p) => p.hubId));
  const households = (keep: (h: TruthHousehold) => boolean) => sorted(truth.households.filter(keep).map((h) => h.hubId));
  const inCommunity = (p: TruthPerson) => personIn(truth, p, (b) => b.community === community);
  const householdIn = (h: TruthHousehold, where: (b: Building) => boolean) => where(truth.buildings.get(h.building)!);

  async function found(root: 'searchPersons' | 'searchHouseholds', filter: Record<string, unknown>) {
    const { ids, totalCount } = await collectAll(t.as(OFFICER), root, filter);
    expect(totalCount).toBe(ids.length);
    return sorted(ids);
  }

  beforeAll(async () => {
    t = await startTestHub();
    truth = await loadTruth(t.dbs);
    const count = <K>(keys: K[]) => [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>())].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
    const registeredIn = truth.households.map((h) => truth.buildings.get(h.building)!);
    community = count(registeredIn.map((b) => b.community))[0][0];
    const grids = count(registeredIn.map((b) => b.grid));
    grid = grids[0][0];
    otherGrid = grids[1][0];
    // An apartment block with households on several staircases (单元): text and room prefix both narrow.
    const household = truth.households.find((h) => /号楼$/.test(truth.buildings.get(h.building)!.address) && h.room.startsWith('2单元'))!;
    building = truth.buildings.get(household.building)!;
    roomPrefix = '2单元';
    fullName = count(truth.persons.map((p) => p.name)).find(([name]) => Array.from(name).length === 2)![0];
  });
  afterAll(() => t.close());

  /** The part of a building address after the street name, e.g. 大甜水井胡同11号院1号楼. */
  const buildingText = () => building.address.slice(building.address.indexOf('街道') + 2);

  describe('searchPersons', () => {
    const cases: Array<[string, () => Record<string, unknown>, () => (p: TruthPerson) => boolean]> = [
      ['a community', () => ({ communityCodes: [community] }), () => inCommunity],
      ['one grid', () => ({ gridIds: [grid] }), () => (p) => personIn(truth, p, (b) => b.grid === grid)],
      ['either of two grids', () => ({ gridIds: [grid, otherGrid] }), () => (p) => personIn(truth, p, (b) => b.grid === grid || b.grid === otherGrid)],
      ['a grid and its community (AND)', () => ({ gridIds: [grid], communityCodes: [truth.buildings.get([...truth.buildings.values()].find((b) => b.grid === grid)!.code)!.community] }),
        () => (p) => personIn(truth, p, (b) => b.grid === grid)],
      ['address text of a building', () => ({ address: buildingText() }), () => (p) => personIn(truth, p, (b) => b.address.includes(buildingText()))],
      ['address text with a room prefix', () => ({ address: `${buildingText()}${roomPrefix}` }),
        () => (p) => personIn(truth, p, (b) => b.address.includes(buildingText()), roomPrefix)],
      ['a surname in 汉字', () => ({ name: '王' }), () => (p) => p.name.startsWith('王')],
      ['a full name in 汉字', () => ({ name: fullName }), () => (p) => p.name.startsWith(fullName)],
      ['a full name in pinyin', () => ({ name: truth.persons.find((p) => p.name === fullName)!.pinyin }),
        () => { const q = truth.persons.find((p) => p.name === fullName)!.pinyin; return (p) => p.pinyin.startsWith(q) || p.initials.startsWith(q); }],
      ['pinyin initials', () => ({ name: 'zw' }), () => (p) => p.pinyin.startsWith('zw') || p.initials.startsWith('zw')],
      ['pinyin surname and initial, in capitals with a space', () => ({ name: 'Zhang W' }), () => (p) => p.pinyin.startsWith('zhangw') || p.initials.startsWith('zhangw')],
      ...(['ELDERLY_LIVING_ALONE', 'DISABLED', 'LOW_INCOME', 'FLOATING_POPULATION', 'CHILD_IN_DIFFICULTY', 'NEEDS_HEALTH_FOLLOW_UP'] as const).map(
        (tag): [string, () => Record<string, unknown>, () => (p: TruthPerson) => boolean] =>
          [`the tag ${tag} in a community`, () => ({ communityCodes: [community], tags: [tag] }), () => (p) => inCommunity(p) && p.tags.has(tag)],
      ),
      ['two tags at once', () => ({ communityCodes: [community], tags: ['NEEDS_HEALTH_FOLLOW_UP', 'LOW_INCOME'] }),
        () => (p) => inCommunity(p) && p.tags.has('NEEDS_HEALTH_FOLLOW_UP') && p.tags.has('LOW_INCOME')],
      ['living away from the registered address', () => ({ communityCodes: [community], livesAwayFromRegisteredAddress: true }), () => (p) => inCommunity(p) && p.livesAway],
      ['living at the registered address', () => ({ communityCodes: [community], livesAwayFromRegisteredAddress: false }), () => (p) => inCommunity(p) && !p.livesAway],
      ['an age range', () => ({ communityCodes: [community], minAge: 60, maxAge: 69 }), () => (p) => inCommunity(p) && p.age >= 60 && p.age <= 69],
      ['a minimum age only', () => ({ gridIds: [grid], minAge: 80 }), () => (p) => personIn(truth, p, (b) => b.grid === grid) && p.age >= 80],
      ['grid, pinyin initial, living away and an age range together', () => ({ gridIds: [grid], name: 'w', livesAwayFromRegisteredAddress: true, minAge: 18, maxAge: 45 }),
        () => (p) => personIn(truth, p, (b) => b.grid === grid) && (p.pinyin.startsWith('w') || p.initials.startsWith('w')) && p.livesAway && p.age >= 18 && p.age <= 45],
      ['a city-wide surname with a tag (federated across civil affairs)', () => ({ name: '王', tags: ['LOW_INCOME'] }), () => (p) => p.name.startsWith('王') && p.tags.has('LOW_INCOME')],
      ['a community, a tag from health and one from civil affairs, and an age', () => ({ communityCodes: [community], tags: ['ELDERLY_LIVING_ALONE', 'NEEDS_HEALTH_FOLLOW_UP'], minAge: 75 }),
        () => (p) => inCommunity(p) && p.tags.has('ELDERLY_LIVING_ALONE') && p.tags.has('NEEDS_HEALTH_FOLLOW_UP') && p.age >= 75],
    ];

    it.each(cases)('finds exactly the persons matching %s', async (_label, filter, keep) => {
      const expected = persons(keep());
      expect(expected.length).toBeGreaterThan(0);
      expect(await found('searchPersons', filter())).toEqual(expected);
    });

    it('finds nobody, without an error, when no building matches the area', async () => {
      expect(await found('searchPersons', { address: '不存在的胡同999号' })).toEqual([]);
      expect(await found('searchPersons', { gridIds: ['999999999999-G01'] })).toEqual([]);
    });
  });

  describe('searchHouseholds (each criterion met by some registered member)', () => {
    const inC = (h: TruthHousehold) => householdIn(h, (b) => b.community === community);
    const some = (h: TruthHousehold, keep: (p: TruthPerson) => boolean) => h.members.some(keep);
    const cases: Array<[string, () => Record<string, unknown>, () => (h: TruthHousehold) => boolean]> = [
      ['a community', () => ({ communityCodes: [community] }), () => inC],
      ['a grid and a member\'s surname', () => ({ gridIds: [grid], name: '王' }), () => (h) => householdIn(h, (b) => b.grid === grid) && some(h, (p) => p.name.startsWith('王'))],
      ['address text with a room prefix', () => ({ address: `${buildingText()}${roomPrefix}` }),
        () => (h) => householdIn(h, (b) => b.address.includes(buildingText())) && h.room.startsWith(roomPrefix)],
      ['a member living alone aged 60+', () => ({ communityCodes: [community], tags: ['ELDERLY_LIVING_ALONE'] }), () => (h) => inC(h) && some(h, (p) => p.tags.has('ELDERLY_LIVING_ALONE'))],
      ['a low-income household with a disabled member (tags met by different members)', () => ({ communityCodes: [community], tags: ['LOW_INCOME', 'DISABLED'] }),
        () => (h) => inC(h) && some(h, (p) => p.tags.has('LOW_INCOME')) && some(h, (p) => p.tags.has('DISABLED'))],
      ['a member needing a health follow-up, and one aged 80+', () => ({ communityCodes: [community], tags: ['NEEDS_HEALTH_FOLLOW_UP'], minAge: 80 }),
        () => (h) => inC(h) && some(h, (p) => p.tags.has('NEEDS_HEALTH_FOLLOW_UP')) && some(h, (p) => p.age >= 80)],
      ['a member living away (人户分离)', () => ({ communityCodes: [community], livesAwayFromRegisteredAddress: true }), () => (h) => inC(h) && some(h, (p) => p.livesAway)],
      ['no member living away', () => ({ communityCodes: [community], livesAwayFromRegisteredAddress: false }), () => (h) => inC(h) && !some(h, (p) => p.livesAway)],
      ['a child in difficulty, city-wide by a member\'s pinyin initial and surname', () => ({ name: 'wang', tags: ['CHILD_IN_DIFFICULTY'] }),
        () => (h) => some(h, (p) => p.pinyin.startsWith('wang') || p.initials.startsWith('wang')) && some(h, (p) => p.tags.has('CHILD_IN_DIFFICULTY'))],      ['a member by pinyin initials in a community (the initials match must stay tied to the household)', () => ({ communityCodes: [community], name: 'zw' }),
        () => (h) => inC(h) && some(h, (p) => p.pinyin.startsWith('zw') || p.initials.startsWith('zw'))],
    ];

    it.each(cases)('finds exactly the households matching %s', async (_label, filter, keep) => {
      const expected = households(keep());
      expect(expected.length).toBeGreaterThan(0);
      expect(await found('searchHouseholds', filter())).toEqual(expected);
    });
  });

  describe('names in pinyin', () => {
    it('reads polyphonic surnames as surnames (曾 zeng, 单 shan) and matches full pinyin, initials and mixed forms', async () => {
      const person = truth.persons.find((p) => p.name.startsWith('曾')) ?? truth.persons.find((p) => p.name.startsWith('单'))!;
      expect(person.pinyin).toMatch(/^(zeng|shan)/);
      for (const typed of [person.pinyin, person.initials, person.pinyin.slice(0, person.pinyin.length - 1), person.pinyin.toUpperCase()]) {
        const { ids } = await collectAll(t.as(OFFICER), 'searchPersons', { name: typed });
        expect({ typed, found: ids.includes(person.hubId) }).toEqual({ typed, found: true });
      }
    });

    it('returns each matching person with the name police hold', async () => {
      const res = await t.as(OFFICER)(`{ searchPersons(filter: { name: "zw" }, first: 50) { edges { node { id name } } } }`);
      expect(res.errors).toBeUndefined();
      for (const { node } of res.data!.searchPersons.edges) {
        const p = truth.byHubId.get(node.id)!;
        expect(node.name).toBe(p.name);
        expect(p.initials.startsWith('zw') || p.pinyin.startsWith('zw')).toBe(true);
      }
    });
  });
});
