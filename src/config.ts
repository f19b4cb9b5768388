/**
 * Configuration read once from the environment and validated, so a bad value stops the
 * process at start-up with a clear message instead of failing on the first request.
 */
import { caseNumberPatternProblem, DEFAULT_CASE_NUMBER_PATTERN } from './policy/caseNumber';
import { ConfigError } from './startup/configError';
import { readAlgorithm, readHost, readKeySource, readLogLevel, readPostgresUrl, readWholeNumber } from './startup/envReaders';
import { DEFAULT_MAX_TOKEN_SECONDS, IntrospectionPolicy, Mode, readIntrospection, readMode } from './startup/mode';
import { requireProductionSettings } from './startup/productionRequirements';
import { BUILT_IN_DEPARTMENTS, departmentNames } from './departments/registry';

/**
 * The built-in databases the hub talks to (its own and one per department), from the registry of
 * department modules (src/departments/registry.ts). Code that must also see modules registered
 * through ONEFILE_EXTRA_DEPARTMENTS calls `databaseNames()`.
 */
export const DATABASE_NAMES: readonly BuiltInDatabaseName[] = BUILT_IN_DEPARTMENTS.map((m) => m.name);
/** A built-in database's name (typed access such as `dbs.police`). */
export type BuiltInDatabaseName = (typeof BUILT_IN_DEPARTMENTS)[number]['name'];
/** Any registered database's name: a department module's name. */
export type DatabaseName = string;

/** Every registered database, hub first (built-in modules and ONEFILE_EXTRA_DEPARTMENTS). */
export function databaseNames(env: NodeJS.ProcessEnv = process.env): string[] {
  return departmentNames(env);
}

/** Connection strings per database; `undefined` means "use the embedded server". */
export type DatabaseUrls = Record<DatabaseName, string>;

export interface Config {
  host: string;
  port: number;
  /** Set when every `<NAME>_DATABASE_URL` variable is given; otherwise the embedded server is used. */
  databaseUrls?: DatabaseUrls;
  /** Where the embedded PostgreSQL keeps its data (git-ignored). */
  dataDir: string;
  embeddedPort: number;
  auth: AuthConfig;
  /** Seconds between signed checkpoints of the access log (while its head moves): the window of undetectable loss. */
  checkpointSeconds: number;
  /** What the access log may keep from a request (issue 11): the case-number format and the document key. */
  accessLogPrivacy: {
    /** CASE_NUMBER_PATTERN: the format `x-case-number` must have. */
    caseNumberPattern: RegExp;
    /** AUDIT_DOCUMENT_KEY_FILE: the key of the document fingerprints; unset: `keysDir`'s dev key. */
    documentKeyFile?: string;
  };
  /** `child`: `npm start` forks the checkpoint signer; `external`: it runs as a service of its own (`npm run audit:signer`). */
  signer: 'child' | 'external';
  /** Operations: shutdown budget, load shedding, who reads /metrics (see src/server/shutdown.ts). */
  operations: OperationsConfig;
  /** `production` only when NODE_ENV=production (see src/startup/mode.ts). */
  mode: Mode;
  /** pino level, validated (LOG_LEVEL). */
  logLevel: string;
  /** Who may introspect the schema (INTROSPECTION): everyone, ADMIN only, or nobody. */
  introspection: IntrospectionPolicy;
  /** Ed25519 private key (PEM) that signs access-log checkpoints; unset: dev key in `auth.keysDir`. */
  checkpointKeyFile?: string;
}

export interface OperationsConfig {
  /** Seconds from SIGTERM/SIGINT to exit: drain, final checkpoint, pools, embedded database. */
  shutdownSeconds: number;
  /** GraphQL requests in flight past which new ones are answered 503 OVERLOADED. */
  maxInFlight: number;
  /** Static bearer token a Prometheus scrape may use for /metrics (else ADMIN tokens only). */
  metricsToken?: string;
}

/** Token verification settings. Without a public key file or JWKS, development keys are used. */
export interface AuthConfig {
  /** PEM (SPKI) public key that verifies tokens; unset: the dev key pair in `keysDir`. */
  publicKeyFile?: string;
  /** A JWKS document on disk (AUTH_JWKS_FILE) or at a URL (AUTH_JWKS_URL); at most one key source. */
  jwksFile?: string;
  jwksUrl?: string;
  /** Longest accepted token lifetime, exp − iat (AUTH_MAX_TOKEN_SECONDS). */
  maxTokenSeconds: number;
  algorithm: string;
  issuer: string;
  audience: string;
  /** Where development keys are created on first start (git-ignored). */
  keysDir: string;
}

export type { IntrospectionPolicy, Mode } from './startup/mode';

export { ConfigError } from './startup/configError';

/** The env variable that configures one database, e.g. `POLICE_DATABASE_URL`. */
export function databaseUrlVariable(name: DatabaseName): string {
  return `${name.toUpperCase()}_DATABASE_URL`;
}

/** "all four", "both", "the one": how many database URLs the registry asks for, in words. */
function allOf(count: number): string {
  const words = ['no', 'the one', 'both', 'all three', 'all four', 'all five', 'all six', 'all seven', 'all eight', 'all nine', 'all ten', 'all eleven', 'all twelve'];
  return words[count] ?? `all ${count}`;
}

/**
 * Reads the database URLs: one per registered database, all or none. A partial set is a
 * configuration error, because silently mixing an embedded department with a real one would
 * serve the wrong data.
 */
export function readDatabaseUrls(env: NodeJS.ProcessEnv = process.env): DatabaseUrls | undefined {
  const names = databaseNames(env);
  const given = names.filter((n) => env[databaseUrlVariable(n)]);
  if (given.length === 0) return undefined;
  if (given.length !== names.length) {
    const missing = names.filter((n) => !env[databaseUrlVariable(n)]).map(databaseUrlVariable);
    throw new ConfigError(`Set ${allOf(names.length)} database URLs or none; missing: ${missing.join(', ')}`);
  }
  if (env.HUB_APP_DATABASE_URL) readPostgresUrl('HUB_APP_DATABASE_URL', env.HUB_APP_DATABASE_URL);
  const urls = {} as DatabaseUrls;
  for (const n of names) {
    urls[n] = readPostgresUrl(databaseUrlVariable(n), env[databaseUrlVariable(n)] as string);
  }
  return urls;
}

function readPort(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${variable} must be a port number`);
  return port;
}

/** CASE_NUMBER_PATTERN as a RegExp: anchored, and refusing ID, phone and card numbers. */
function readCaseNumberPattern(value: string | undefined): RegExp {
  if (value === undefined || value === '') return DEFAULT_CASE_NUMBER_PATTERN;
  let pattern: RegExp;
  try {
    pattern = new RegExp(value, 'u');
  } catch {
    throw new ConfigError('CASE_NUMBER_PATTERN is not a valid regular expression');
  }
  const problem = caseNumberPatternProblem(pattern);
  if (problem) throw new ConfigError(`CASE_NUMBER_PATTERN ${problem}`);
  return pattern;
}

function readMetricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 16 || /\s/.test(value)) throw new ConfigError('METRICS_TOKEN must be at least 16 characters without spaces');
  return value;
}

function readSignerMode(value: string | undefined): 'child' | 'external' {
  if (value === undefined || value === '' || value === 'child') return 'child';
  if (value === 'external') return 'external';
  throw new ConfigError('AUDIT_SIGNER must be child or external');
}

/**
 * Reads and validates the whole configuration. Throws `ConfigError` with the variable's name.
 * In production (NODE_ENV=production) the required settings are checked too; files, folders and
 * databases are checked by `preflight` (src/startup/preflight.ts).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = readMode(env);
  if (mode === 'production') requireProductionSettings(env, databaseNames(env).map(databaseUrlVariable));
  return {
    mode,
    logLevel: readLogLevel(env),
    introspection: readIntrospection(env, mode),
    checkpointKeyFile: env.AUDIT_SIGNING_KEY_FILE || undefined,
    host: readHost(env.HOST),
    port: readPort(env.PORT, 4000, 'PORT'),
    databaseUrls: readDatabaseUrls(env),
    dataDir: env.ONEFILE_DATA_DIR || '.data/pg',
    embeddedPort: readPort(env.EMBEDDED_PG_PORT, 54329, 'EMBEDDED_PG_PORT'),
    checkpointSeconds: readWholeNumber(env, 'AUDIT_CHECKPOINT_SECONDS', 5),
    signer: readSignerMode(env.AUDIT_SIGNER),
    accessLogPrivacy: { caseNumberPattern: readCaseNumberPattern(env.CASE_NUMBER_PATTERN), documentKeyFile: env.AUDIT_DOCUMENT_KEY_FILE || undefined },
    operations: {
      shutdownSeconds: readWholeNumber(env, 'SHUTDOWN_DRAIN_SECONDS', 10),
      maxInFlight: readWholeNumber(env, 'MAX_IN_FLIGHT', 64),
      metricsToken: readMetricsToken(env.METRICS_TOKEN),
    },
    auth: {
      ...readKeySource(env, mode),
      maxTokenSeconds: readWholeNumber(env, 'AUTH_MAX_TOKEN_SECONDS', DEFAULT_MAX_TOKEN_SECONDS),
      algorithm: readAlgorithm(env.AUTH_ALGORITHM),
      issuer: env.AUTH_ISSUER || 'onefile-dev',
      audience: env.AUTH_AUDIENCE || 'onefile',
      keysDir: env.ONEFILE_KEYS_DIR || '.data/keys',
    },
  };
}
