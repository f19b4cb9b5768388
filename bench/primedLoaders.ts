import DataLoader from 'dataloader';
import type { Loaders } from '../src/sources/loaders';

/** Every value a request's loaders resolved, per loader (`group.name`), keyed by the loaded key. */
export type LoadRecording = Map<string, Map<string, unknown>>;

type AnyLoader = DataLoader<string, unknown>;

/** Visits every DataLoader of the request's loader groups (other members, e.g. readers, are skipped). */
function eachLoader(loaders: Loaders, visit: (name: string, loader: AnyLoader) => void): void {
  for (const [group, members] of Object.entries(loaders)) {
    for (const [name, loader] of Object.entries(members as Record<string, unknown>)) {
      if (loader instanceof DataLoader) visit(`${group}.${name}`, loader as AnyLoader);
    }
  }
}

/**
 * Wraps `load` of each loader so every key asked for is recorded with its promise; await
 * `settle()` after the request to get the resolved values. Used once, to capture what a query
 * reads, so later runs can be primed and never touch the database.
 */
export function recordLoads(loaders: Loaders): { settle(): Promise<LoadRecording> } {
  const pending: Array<Promise<void>> = [];
  const recording: LoadRecording = new Map();
  eachLoader(loaders, (name, loader) => {
    const values = new Map<string, unknown>();
    recording.set(name, values);
    const load = loader.load.bind(loader);
    loader.load = (key: string) => {
      const promise = load(key);
      pending.push(promise.then((value) => void values.set(key, value), () => undefined));
      return promise;
    };
  });
  return {
    async settle() {
      await Promise.all(pending);
      return recording;
    },
  };
}

/** Primes fresh loaders with a recording: every key the query reads is then answered from memory. */
export function primeLoaders(loaders: Loaders, recording: LoadRecording): Loaders {
  eachLoader(loaders, (name, loader) => {
    for (const [key, value] of recording.get(name) ?? []) loader.prime(key, value);
  });
  return loaders;
}
