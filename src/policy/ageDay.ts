import { newYearsDay, todayInChina } from '../identity/age';
import type { Access } from './access';

/**
 * The day a request's ages are reckoned on: today for a caller who may read the birth date, and
 * 1 January of this year (China time) for everyone else, in every place an age shows or decides
 * something — `Person.age`, `Person.ageBand`, the masked birth date, the `minAge`/`maxAge` search
 * filters and the age part of service tags.
 *
 * Why 1 January: an age reckoned on the day moves on the birthday, so a caller who reads it daily
 * learns the birthday, then the whole birth date, and the masked ID number narrows to ~500. Reckoned
 * on 1 January of the year, an age is a function of the year and of the birth date's place between
 * two 2 Januarys: for age `a` in year `Y` the birth dates are `(Y−a−1)-01-02 … (Y−a)-01-01`, and in
 * year `Y+1` age `a+1` gives the very same dates. Every reading, on any day of any year, falls on
 * one of those fixed 365/366-day windows, so no number of readings narrows the birth date below its
 * window (a band's edges, read over five years, pin the window and nothing more). Everyone's age
 * moves on the same day, which tells nothing about anyone.
 */
export function ageDayFor(access: Access, today: string = todayInChina()): string {
  return access.decisions.get('Person.birthDate') === 'ALLOW' ? today : newYearsDay(today);
}
