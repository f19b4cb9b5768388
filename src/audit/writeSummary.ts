import { departmentModules } from '../departments/registry';

/**
 * The sentence a resident's history shows for a write record, e.g. "the street office recorded a
 * visit", from the record's department and the fields written (`Type.field`): the department's
 * module says how residents read the office (`residentName`) and what writing each of its record
 * types means (`writePhrases`). Null when the fields name no known record type.
 */
export function writeSummary(department: string | null, fields: readonly string[]): string | null {
  const modules = departmentModules();
  const phrases: Record<string, string> = Object.assign({}, ...modules.map((m) => m.writePhrases ?? {}));
  const type = fields.map((f) => f.split('.')[0]).find((t) => phrases[t]);
  if (!type) return null;
  const office = (department && modules.find((m) => m.name === department)?.residentName) ?? department ?? 'an office';
  return `${office} ${phrases[type]}`;
}
