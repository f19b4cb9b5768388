import net from 'node:net';
import { ConfigError } from './configError';

/** Refuses a PORT that is taken (or not ours to bind) on HOST; port 0 always passes. */
export function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is already in use' : err.code === 'EACCES' ? 'needs privileges this process lacks' : err.code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : `cannot be used (${err.code})`;
      reject(new ConfigError(err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' ? `HOST=${host} ${why}` : `PORT=${port} on ${host} ${why}`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
