import fs from 'node:fs';
import path from 'node:path';
import type { AuthConfig, Mode } from '../config';
import { DEV_ALGORITHM, KeyFiles, readPrivateKey } from '../auth/keys';
import type { ConsoleOptions } from './consoleRoutes';
import { readOidcSettings } from './oidcSettings';

/** The repository root: the nearest folder above this file holding package.json (works from src/ and dist/src/). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Where `npm run build:web` writes the console. */
export function consoleAssetsDir(): string {
  return path.join(repositoryRoot(), 'web', 'dist');
}

/** Where `npm run build:web` writes the development IDE (GraphiQL). */
export function consoleIdeDir(): string {
  return path.join(repositoryRoot(), 'web', 'dist-ide');
}

/**
 * The console as `npm start` serves it: the built assets always; development sign-in tokens only
 * when the hub runs in development mode (config.mode, the one switch: src/startup/mode.ts) and on
 * its development key pair, and with them the GraphiQL IDE at `/dev/ide`; sign-in through the
 * city's OpenID Connect provider where OIDC_ISSUER and OIDC_CLIENT_ID are set (src/server/oidcSettings.ts).
 */
export async function consoleOptions(auth: AuthConfig, devKeys: KeyFiles | undefined, mode: Mode, env: NodeJS.ProcessEnv = process.env): Promise<ConsoleOptions> {
  const development = mode === 'development' && devKeys !== undefined;
  return {
    assetsDir: consoleAssetsDir(),
    ideDir: development ? consoleIdeDir() : undefined,
    oidc: readOidcSettings(env, mode),
    devTokens: development
      ? { key: await readPrivateKey(devKeys.privateKeyFile, DEV_ALGORITHM), algorithm: DEV_ALGORITHM, issuer: auth.issuer, audience: auth.audience }
      : undefined,
  };
}
