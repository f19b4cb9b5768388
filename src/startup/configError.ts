/**
 * A setting the hub cannot run with. `main` prints its message as one line and exits 2, so the
 * message must name the variable and say what is wrong, never echo a secret.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
