import { BadInputError } from '../errors';
import { isHubId } from '../identity/hubId';


/**
 * Normalises an opaque hub id (a UUID from the person or household index) or throws
 * INVALID_ID. Hub ids carry no personal data, so they can appear in URLs and logs.
 */
export function parseHubId(id: string, kind: 'person' | 'household' | 'object'): string {
  if (!isHubId(id)) throw new BadInputError('INVALID_ID', `Not a valid ${kind} id.`, { argument: 'id' });
  return id.toLowerCase();
}
