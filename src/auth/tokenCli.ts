import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { issueToken } from './issueToken';
import { devKeyFiles, DEV_ALGORITHM, ensureDevKeys, readPrivateKey } from './keys';
import { isPurpose, isRole, Purpose, ROLES } from './vocabulary';

/** The demo street's first grid (东华门街道, 多福巷社区), used when `--grid` is not given. */
export const DEMO_GRID_ID = '110101001001-G01';

const USAGE = `usage: npm run --silent token -- --role ROLE [--grid GRID_ID ...] [--subject SUBJECT] [--purposes P1,P2] [--ttl SECONDS]
roles: ${ROLES.join(', ')}
RESIDENT needs --subject <their hub person id>; STREET_STAFF defaults to --grid ${DEMO_GRID_ID}.`;

/**
 * `npm run --silent token -- --role STREET_STAFF --grid <gridId>` prints a development token signed
 * with the dev key pair (created on first use, as `npm start` does). Exit 2 on bad arguments.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      grid: { type: 'string', multiple: true },
      subject: { type: 'string' },
      purposes: { type: 'string' },
      ttl: { type: 'string' },
      'client-app': { type: 'string' },
    },
  });
  if (!isRole(values.role)) throw new UsageError('--role is required and must be one of the roles');
  const role = values.role;
  if (role === 'RESIDENT' && !values.subject) throw new UsageError('RESIDENT needs --subject <hub person id>');
  const purposes = values.purposes?.split(',').map((p) => p.trim());
  if (purposes && !purposes.every(isPurpose)) throw new UsageError('--purposes lists unknown purposes');
  const ttl = values.ttl ? Number(values.ttl) : 8 * 3600;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new UsageError('--ttl must be a positive number of seconds');

  const config = loadConfig();
  if (config.mode === 'production') throw new UsageError('NODE_ENV=production: tokens come from the identity provider; development keys are never used');
  if (ttl > config.auth.maxTokenSeconds) throw new UsageError(`--ttl must not exceed AUTH_MAX_TOKEN_SECONDS (${config.auth.maxTokenSeconds})`);
  const files = await ensureDevKeys(devKeyFiles(config.auth.keysDir));
  const key = await readPrivateKey(files.privateKeyFile, DEV_ALGORITHM);
  const token = await issueToken(key, DEV_ALGORITHM, config.auth.issuer, config.auth.audience, {
    role,
    subject: values.subject ?? `dev-${role.toLowerCase().replace(/_/g, '-')}`,
    grids: role === 'STREET_STAFF' ? (values.grid?.length ? values.grid : [DEMO_GRID_ID]) : undefined,
    purposes: purposes as Purpose[] | undefined,
    clientApp: values['client-app'] ?? 'onefile-cli',
    ttlSeconds: ttl,
  });
  process.stdout.write(`${token}\n`);
}

class UsageError extends Error {}

main().catch((err) => {
  process.stderr.write(`${err instanceof UsageError ? err.message : (err as Error).message}\n${USAGE}\n`);
  process.exit(err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1);
});
