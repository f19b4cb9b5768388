/**
 * Family compositions with ages that fit together: a registered household (户) of a given size
 * with each member's relation to the head, and a floating-population unit (people renting
 * together). Parents are 20–40 years older than their children, spouses within a few years.
 *
 * A composition is a list of members whose `mother` / `father` / `spouse` point at other members
 * of the same list (or -1), so births, marital status and children in difficulty can follow them.
 */
import { Rng, Weighted } from './random';

export type Relation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'OTHER';

export interface MemberSpec {
  /** Relation to the head; null for a floating-population unit. */
  relation: Relation | null;
  male: boolean;
  age: number;
  mother: number;
  father: number;
  spouse: number;
  /** Inherits the surname of this member (-1: draws its own). */
  surnameFrom: number;
}

/** Registered household sizes 1..9 (Beijing core districts: mean ≈ 2.6, 1- and 2-person households common). */
export const HOUSEHOLD_SIZES = new Weighted<number>([
  [1, 24], [2, 31], [3, 24], [4, 10.5], [5, 6.5], [6, 2.6], [7, 1], [8, 0.45], [9, 0.15],
]);

/**
 * Shape of a household: spouse present, number of head's parents (P), children (C), children's
 * spouses (O, one per married child), grandchildren (G), and whether G live without their parents
 * (skip-generation household, 隔代家庭).
 */
interface Shape {
  spouse: boolean;
  parents: number;
  children: number;
  inLaws: number;
  grandchildren: number;
  skip: boolean;
  /** Sibling or other relative of the head. */
  other: number;
}

const s = (spouse: boolean, parents: number, children: number, inLaws: number, grandchildren: number, skip = false, other = 0): Shape => ({
  spouse, parents, children, inLaws, grandchildren, skip, other,
});

const SHAPES: Record<number, Weighted<Shape>> = {
  1: new Weighted([[s(false, 0, 0, 0, 0), 1]]),
  2: new Weighted([
    [s(true, 0, 0, 0, 0), 50], [s(false, 0, 1, 0, 0), 26], [s(false, 1, 0, 0, 0), 11],
    [s(false, 0, 0, 0, 1, true), 6], [s(false, 0, 0, 0, 0, false, 1), 7],
  ]),
  3: new Weighted([
    [s(true, 0, 1, 0, 0), 62], [s(true, 1, 0, 0, 0), 11], [s(false, 0, 2, 0, 0), 8],
    [s(true, 0, 0, 0, 1, true), 8], [s(false, 0, 1, 0, 1), 11],
  ]),
  4: new Weighted([
    [s(true, 0, 2, 0, 0), 38], [s(true, 1, 1, 0, 0), 30], [s(true, 0, 1, 0, 1), 15], [s(true, 2, 0, 0, 0), 11],
    [s(true, 0, 0, 0, 2, true), 6],
  ]),
  5: new Weighted([[s(true, 0, 1, 1, 1), 45], [s(true, 2, 1, 0, 0), 30], [s(true, 1, 2, 0, 0), 25]]),
  6: new Weighted([[s(true, 0, 1, 1, 2), 50], [s(true, 2, 2, 0, 0), 30], [s(true, 1, 1, 1, 1), 20]]),
  7: new Weighted([[s(true, 1, 1, 1, 2), 50], [s(true, 0, 2, 1, 2), 30], [s(true, 2, 1, 1, 1), 20]]),
  8: new Weighted([[s(true, 0, 2, 2, 2), 60], [s(true, 2, 1, 1, 2), 40]]),
};

function shapeFor(rng: Rng, size: number): Shape {
  if (size <= 8) return SHAPES[size].sample(rng);
  const base = s(true, 0, 2, 2, 2);
  base.grandchildren += size - 8;
  return base;
}

/** Age of a head given what the household holds: grandchildren need an old head, parents a younger one. */
function headAge(rng: Rng, sh: Shape): number {
  if (sh.grandchildren > 0 && sh.skip) return rng.int(56, 80);
  if (sh.grandchildren > 0) return sh.parents > 0 ? rng.int(50, 62) : rng.int(52, 82);
  if (sh.parents > 0) return sh.children > 0 ? rng.int(32, 55) : rng.int(28, 66);
  if (sh.children > 0) {
    // Either young parents with minors or old parents with a grown child still at home.
    return rng.chance(0.5) ? rng.int(28, 52) : rng.int(53, 90);
  }
  if (sh.spouse) return rng.chance(0.77) ? rng.int(60, 92) : rng.int(23, 59);
  if (sh.other > 0) return rng.int(25, 80);
  // One-person household: many are elderly.
  return rng.chance(0.39) ? rng.int(60, 96) : Math.round(rng.normal(38, 11, 20, 59));
}

/** Age of a child of a mother aged `motherAge`: born when she was 22–38, never before she was 20. */
function childAge(rng: Rng, motherAge: number, minAge = 0): number {
  const lo = Math.max(minAge, motherAge - 38);
  const hi = motherAge - 22;
  if (hi < lo) return Math.max(minAge, Math.min(motherAge - 20, lo));
  return rng.int(lo, hi);
}

class Family {
  readonly members: MemberSpec[] = [];
  add(relation: Relation | null, male: boolean, age: number, parts: Partial<MemberSpec> = {}): number {
    this.members.push({ relation, male, age: Math.max(0, Math.min(104, age)), mother: -1, father: -1, spouse: -1, surnameFrom: -1, ...parts });
    return this.members.length - 1;
  }
  marry(a: number, b: number): void {
    this.members[a].spouse = b;
    this.members[b].spouse = a;
  }
  /** Adds a child of the couple (or single parent) `p1`, `p2`. */
  child(rng: Rng, relation: Relation | null, p1: number, p2: number, minAge = 0): number {
    const ps = [p1, p2].filter((p) => p >= 0);
    const mother = ps.find((p) => !this.members[p].male) ?? -1;
    const father = ps.find((p) => this.members[p].male) ?? -1;
    const anchor = mother >= 0 ? this.members[mother].age : this.members[ps[0]].age - rng.int(0, 4);
    const male = rng.chance(0.515);
    const surnameFrom = father >= 0 && rng.chance(0.95) ? father : ps[0];
    return this.add(relation, male, childAge(rng, anchor, minAge), { mother, father, surnameFrom });
  }
}

/** A registered (户籍) family household of `size` members, head first. */
export function composeHousehold(rng: Rng, size: number): MemberSpec[] {
  const sh = shapeFor(rng, size);
  const f = new Family();
  const age = headAge(rng, sh);
  const single = !sh.spouse;
  // Heads are mostly men in couples; elderly single heads are mostly widows.
  const headMale = single ? (age >= 60 ? rng.chance(0.35) : rng.chance(0.55)) : rng.chance(0.78);
  const head = f.add('HEAD', headMale, age);
  let spouse = -1;
  if (sh.spouse) {
    const gap = rng.int(0, 5) * (rng.chance(0.85) ? 1 : -1);
    spouse = f.add('SPOUSE', !headMale, headMale ? age - gap : age + gap);
    f.marry(head, spouse);
  }
  const headAgeNow = f.members[head].age;
  if (sh.parents > 0) {
    const motherAge = headAgeNow + rng.int(22, 36);
    const motherIdx = sh.parents === 2 || rng.chance(0.72)
      ? f.add('PARENT', false, motherAge)
      : f.add('PARENT', true, motherAge + rng.int(0, 4));
    if (sh.parents === 2) {
      const fatherIdx = f.add('PARENT', true, motherAge + rng.int(0, 5));
      f.marry(motherIdx, fatherIdx);
      f.members[head].father = fatherIdx;
      f.members[head].surnameFrom = fatherIdx;
    }
    if (!f.members[motherIdx].male) f.members[head].mother = motherIdx;
    else {
      f.members[head].father = motherIdx;
      f.members[head].surnameFrom = motherIdx;
    }
  }
  const children: number[] = [];
  const needsGrown = sh.inLaws > 0 || (sh.grandchildren > 0 && !sh.skip);
  for (let i = 0; i < sh.children; i++) children.push(f.child(rng, 'CHILD', head, spouse, needsGrown && i < Math.max(1, sh.inLaws) ? 22 : 0));
  const couples: Array<[number, number]> = [];
  for (let i = 0; i < sh.inLaws && i < children.length; i++) {
    const c = f.members[children[i]];
    const o = f.add('OTHER', !c.male, c.age + rng.int(-3, 3));
    f.marry(children[i], o);
    couples.push([children[i], o]);
  }
  for (let i = 0; i < sh.grandchildren; i++) {
    if (sh.skip || children.length === 0) {
      // Grandchildren whose parents live elsewhere: ages from the grandparents' generation.
      const g = f.add('GRANDCHILD', rng.chance(0.515), Math.min(headAgeNow - 40, rng.int(1, 16)));
      f.members[g].surnameFrom = head;
      continue;
    }
    const [p1, p2] = couples.length > 0 ? couples[i % couples.length] : [children[0], -1];
    f.child(rng, 'GRANDCHILD', p1, p2);
  }
  for (let i = 0; i < sh.other; i++) f.add('OTHER', rng.chance(0.5), headAgeNow + rng.int(-8, 8));
  return f.members;
}

/** A collective household (集体户): unrelated working-age adults, the first registered as head. */
export function composeCollective(rng: Rng, size: number): MemberSpec[] {
  const f = new Family();
  for (let i = 0; i < size; i++) f.add(i === 0 ? 'HEAD' : 'OTHER', rng.chance(0.55), Math.round(rng.normal(34, 10, 19, 62)));
  return f.members;
}

const FLOATING_SHAPES = new Weighted<string>([
  ['single', 47], ['couple', 22], ['couple+1', 20], ['couple+2', 7], ['couple+1+grandparent', 4],
]);

/** A floating-population unit of at most `maxSize` people (no relation_to_head: no 户籍 here). */
export function composeFloatingUnit(rng: Rng, maxSize: number): MemberSpec[] {
  const f = new Family();
  let shape = FLOATING_SHAPES.sample(rng);
  if (maxSize < 2) shape = 'single';
  if (shape === 'single') {
    f.add(null, rng.chance(0.56), Math.round(rng.normal(31, 9, 17, 62)));
    return f.members;
  }
  const husbandAge = Math.round(rng.normal(35, 7, 22, 58));
  const husband = f.add(null, true, husbandAge);
  const wife = f.add(null, false, husbandAge - rng.int(-1, 4));
  f.marry(husband, wife);
  const kids = shape === 'couple' ? 0 : shape === 'couple+2' ? 2 : 1;
  for (let i = 0; i < kids && f.members.length < maxSize; i++) {
    f.child(rng, null, husband, wife);
  }
  if (shape === 'couple+1+grandparent' && f.members.length < maxSize) {
    // An elderly parent who came to help raise the grandchild (老漂族).
    f.add(null, rng.chance(0.3), f.members[wife].age + rng.int(24, 32));
  }
  return f.members;
}
