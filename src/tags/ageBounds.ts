/**
 * Birth-date bounds for ages, matching `ageOn` in identity/age.ts exactly: a person is at least
 * `years` old on `today` when born on or before `yearsBefore(today, years)` (the tag rules in
 * tagRules.ts compare with it). A 29 February that does not exist in the target year becomes
 * 28 February (no valid date lies between them).
 */
export function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
