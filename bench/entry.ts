import path from 'node:path';

/**
 * How to start another benchmark script next to this one (`serve`, `search`): under ts-node when
 * the benchmark itself runs from source, as plain JavaScript when it runs compiled from dist-bench/
 * (as `npm run bench` does, so the servers it measures run as `npm start` runs the hub).
 */
export function benchEntry(name: string): { file: string; execArgv: string[] } {
  const compiled = path.extname(__filename) === '.js';
  return { file: path.join(__dirname, `${name}${compiled ? '.js' : '.ts'}`), execArgv: compiled ? [] : ['-r', 'ts-node/register/transpile-only'] };
}
