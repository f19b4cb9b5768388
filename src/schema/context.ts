import type { Access } from '../policy/access';
import type { Loaders } from '../sources/loaders';

/** What every resolver receives: the caller's access state and the request's own loaders. */
export interface Context {
  requestId: string;
  access: Access;
  /** Loaders bound to the caller's row scope; never shared between requests. */
  loaders: Loaders;
}
