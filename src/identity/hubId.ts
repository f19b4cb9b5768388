/** Opaque hub ids (person and household index keys) are UUIDs; they carry no personal data. */
const HUB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the shape of a hub id. */
export function isHubId(value: string): boolean {
  return HUB_ID.test(value);
}
