/** How residents read the offices that write records about them. */
const OFFICE_NAMES: Record<string, string> = { street: 'the street office' };

/** What writing a record of each type means, in the resident's words. */
const WRITE_PHRASES: Record<string, string> = { Visit: 'recorded a visit' };

/**
 * The sentence a resident's history shows for a write record, e.g. "the street office recorded a
 * visit", from the record's department and the fields written (`Type.field`). Null when the fields
 * name no known record type.
 */
export function writeSummary(department: string | null, fields: readonly string[]): string | null {
  const type = fields.map((f) => f.split('.')[0]).find((t) => WRITE_PHRASES[t]);
  if (!type) return null;
  const office = (department && OFFICE_NAMES[department]) ?? department ?? 'an office';
  return `${office} ${WRITE_PHRASES[type]}`;
}
