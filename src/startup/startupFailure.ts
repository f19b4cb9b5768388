import { ConfigError } from './configError';

/**
 * The one line to print (then exit 2) when start failed for a reason the operator can fix, or
 * undefined for anything else (logged as a fatal error, exit 1). Covers ConfigError and the
 * listen errors of the HTTP port, should it be taken between the preflight check and listening.
 */
export function startupFailure(err: unknown): string | undefined {
  if (err instanceof ConfigError) return err.message;
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e && e.syscall === 'listen' && e.code === 'EADDRINUSE') return `PORT=${e.port} on ${e.address} is already in use`;
  if (e && e.syscall === 'listen' && e.code === 'EACCES') return `PORT=${e.port} needs privileges this process lacks`;
  return undefined;
}
