/**
 * `load` run on the first call and its value returned from then on. A department module's heavy parts
 * (`parts`, the identity spine, search visits) are loaded by a `require` inside the module's
 * declaration, not imported: the declaration is read by the lowest layers (config, the policy
 * declarations) and must stay free of import cycles and quick to load (module.ts, "Layering"). The
 * `require` stays in each module's index.ts (a relative path is resolved from the file that calls
 * it); this only keeps its value, because `parts()` is called on every request (createLoaders, the
 * read-ahead) and each `require` went through Node's module loader again (Module._load).
 * Nothing is kept until `load` returns a value: a throw, or `undefined` (a module still loading in
 * an import cycle), is tried again on the next call.
 */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
