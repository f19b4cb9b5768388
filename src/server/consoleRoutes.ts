import { devTokenRoutes, DevTokenSigner } from './devToken';
import { ideRoute } from './ideRoute';
import type { Databases } from '../db/databases';
import { devChoices } from './devChoices';
import type { PageData } from './firstPage';
import { oidcProvider } from './oidcDiscovery';
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

/**
 * The console's routes, tried in order after the API's own; the first that answers wins. The first
 * page carries its sign-in data inline (firstPage.ts): the development picker's choices only where
 * development tokens are enabled (never in production), the provider's public client configuration
 * only where OpenID Connect is configured.
 */
export function consoleRoutes(options: ConsoleOptions, dbs: Databases): RouteHandler {
  const routes: RouteHandler[] = [];
  const data: PageData[] = [];
  if (options.devTokens) {
    const choices = devChoices(dbs);
    routes.push(devTokenRoutes(options.devTokens, dbs, choices));
    data.push({ id: 'onefile-dev-principals', href: '/dev/principals', read: choices });
  }
  if (options.devTokens && options.ideDir) routes.push(ideRoute(options.ideDir));
  if (options.oidc) {
    const provider = oidcProvider(options.oidc);
    routes.push(oidcRoutes(options.oidc, provider));
    data.push({ id: 'onefile-oidc', href: '/auth/oidc', read: provider.clientConfig });
  }
  if (options.assetsDir) {
    const signIn = [...(options.devTokens ? ['dev'] : []), ...(options.oidc ? ['oidc'] : [])];
    routes.push(staticAssets(options.assetsDir, { signIn, data, inline: true }));
  }
  return async (req, res, url) => {
    if (url.pathname.startsWith('/dev/') && !options.devTokens) return false;
    if (url.pathname.startsWith('/auth/') && !options.oidc) return false;
    for (const route of routes) if (await route(req, res, url)) return true;
    return false;
  };
}
