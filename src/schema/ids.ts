import { BadInputError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Normalises an opaque hub id (a UUID from the person or household index) or throws
 * INVALID_ID. Hub ids carry no personal data, so they can appear in URLs and logs.
 */
export function parseHubId(id: string, kind: 'person' | 'household' | 'object'): string {
  if (!UUID.test(id)) throw new BadInputError('INVALID_ID', `Not a valid ${kind} id.`, { argument: 'id' });
  return id.toLowerCase();
}
