/**
 * Where people live, once a street's households and floating units exist: locals who live at
 * another building than their registered one (人户分离), and the grids (网格) that divide each
 * community into ~500 dwelling households for one full-time grid worker each.
 */
import { roomLabel } from './addresses';
import { Community } from './divisions';
import { Flag, Model } from './model';
import { Rng } from './random';

/** Dwelling households (registered or renting) per grid: one full-time grid worker per ~500. */
export const HOUSEHOLDS_PER_GRID = 500;
/** Share of registered households living elsewhere as a whole, and of young adults who moved out alone. */
const AWAY_WHOLE_HOUSEHOLD = 0.14;
const AWAY_YOUNG_ADULT = 0.15;

/**
 * 人户分离 for the households [hhStart, hhEnd) of one street: whole households, or adults aged
 * 18–40 on their own, living in another building of the same street. `keepHome` households stay.
 */
export function assignLivingAway(m: Model, rng: Rng, hhStart: number, hhEnd: number, keepHome: ReadonlySet<number>): void {
  const h = m.households;
  const p = m.persons;
  if (hhEnd - hhStart < 2) return;
  const elsewhere = (own: number): number => {
    for (let i = 0; i < 10; i++) {
      const b = h.building[rng.int(hhStart, hhEnd - 1)];
      if (b !== own) return b;
    }
    return -1;
  };
  for (let hh = hhStart; hh < hhEnd; hh++) {
    if (keepHome.has(hh)) continue;
    const own = h.building[hh];
    const whole = rng.chance(AWAY_WHOLE_HOUSEHOLD);
    let shared = -1;
    let sharedRoom = '';
    for (let person = h.first[hh]; person < h.first[hh] + h.size[hh]; person++) {
      if (!whole && !(p.age[person] >= 18 && p.age[person] <= 40 && rng.chance(AWAY_YOUNG_ADULT))) continue;
      if (!whole || shared < 0) {
        shared = elsewhere(own);
        if (shared < 0) break;
        const b = m.buildings[shared];
        sharedRoom = roomLabel(rng, b.apartment, b.floors);
      }
      p.awayBuilding[person] = shared;
      p.awayRoom.set(person, sharedRoom);
      p.flags[person] |= Flag.LIVING_AWAY;
    }
  }
}

/**
 * Splits a community's buildings [start, end) into grids of ~500 dwelling households (`load` per
 * building), in address order; grid ids are `<communityCode>-G01`, `-G02`, ...
 */
export function assignGrids(m: Model, community: Community, start: number, end: number, load: readonly number[]): void {
  let total = 0;
  for (let b = start; b < end; b++) total += load[b];
  const count = Math.max(1, Math.round(total / HOUSEHOLDS_PER_GRID));
  const firstGrid = m.grids.length;
  for (let g = 1; g <= count; g++) {
    const id = `${community.code}-G${String(g).padStart(2, '0')}`;
    m.grids.push({ id, name: `${community.shortName}社区第${g}网格`, communityCode: community.code });
  }
  let before = 0;
  for (let b = start; b < end; b++) {
    const g = Math.min(count - 1, Math.floor((before * count) / Math.max(1, total)));
    m.buildings[b].gridId = m.grids[firstGrid + g].id;
    before += load[b];
  }
}
