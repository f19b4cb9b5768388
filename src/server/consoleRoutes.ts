import { devTokenRoutes, DevTokenSigner } from './devToken';
import type { Databases } from '../db/databases';
import { RouteHandler, staticAssets } from './staticAssets';

/** What the hub serves besides the API: the console's built assets and, in development only, sign-in tokens. */
export interface ConsoleOptions {
  /** Folder of the built console (web/dist); omitted: no console. */
  assetsDir?: string;
  /** Signs development tokens at `/dev/token`; omitted (always in production): no such route. */
  devTokens?: DevTokenSigner;
}

/** The console's routes, tried in order after the API's own; the first that answers wins. */
export function consoleRoutes(options: ConsoleOptions, dbs: Databases): RouteHandler {
  const routes: RouteHandler[] = [];
  if (options.devTokens) routes.push(devTokenRoutes(options.devTokens, dbs));
  if (options.assetsDir) routes.push(staticAssets(options.assetsDir));
  return async (req, res, url) => {
    if (url.pathname.startsWith('/dev/') && !options.devTokens) return false;
    for (const route of routes) if (await route(req, res, url)) return true;
    return false;
  };
}
