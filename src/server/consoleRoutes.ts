import { devTokenRoutes, DevTokenSigner } from './devToken';
import { ideRoute } from './ideRoute';
import type { Databases } from '../db/databases';
import { oidcRoutes } from './oidcRoutes';
import type { OidcSettings } from './oidcSettings';
import { RouteHandler, staticAssets } from './staticAssets';

/** What the hub serves besides the API: the console's built assets, OpenID Connect sign-in where configured, and, in development only, sign-in tokens. */
export interface ConsoleOptions {
  /** Folder of the built console (web/dist); omitted: no console. */
  assetsDir?: string;
  /** Signs development tokens at `/dev/token`; omitted (always in production): no such route. */
  devTokens?: DevTokenSigner;
  /** Folder of the built development IDE (web/dist-ide, GraphiQL): served at `/dev/ide` only with `devTokens`. */
  ideDir?: string;
  /** The city's OpenID Connect provider: `/auth/oidc` routes for sign-in (omitted: none). */
  oidc?: OidcSettings;
}

/** The console's routes, tried in order after the API's own; the first that answers wins. */
export function consoleRoutes(options: ConsoleOptions, dbs: Databases): RouteHandler {
  const routes: RouteHandler[] = [];
  if (options.devTokens) routes.push(devTokenRoutes(options.devTokens, dbs));
  if (options.devTokens && options.ideDir) routes.push(ideRoute(options.ideDir));
  if (options.oidc) routes.push(oidcRoutes(options.oidc));
  if (options.assetsDir) {
    const signIn = [...(options.devTokens ? ['dev'] : []), ...(options.oidc ? ['oidc'] : [])];
    const preload = [...(options.devTokens ? ['/dev/principals'] : []), ...(options.oidc ? ['/auth/oidc'] : [])];
    routes.push(staticAssets(options.assetsDir, { signIn, preload }));
  }
  return async (req, res, url) => {
    if (url.pathname.startsWith('/dev/') && !options.devTokens) return false;
    if (url.pathname.startsWith('/auth/') && !options.oidc) return false;
    for (const route of routes) if (await route(req, res, url)) return true;
    return false;
  };
}
