import type { Loaders } from '../sources/loaders';

/** What every resolver receives: the request's own loaders (never shared between requests). */
export interface Context {
  requestId: string;
  loaders: Loaders;
}
