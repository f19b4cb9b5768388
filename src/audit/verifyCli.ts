import { ConfigError } from '../config';
import { runVerify, VERIFY_CANNOT_RUN } from './verifyCommand';

/**
 * `npm run --silent audit:verify`: checks the access log's hash chain against its head, its signed
 * checkpoints and the witnesses outside the hub database, read-only (see verifyCommand.ts). Exits 0
 * when intact, 1 naming the first broken or missing record, 2 when it cannot verify (no database, no
 * key, or the wrong verification key).
 */
runVerify(process.env, (line) => process.stdout.write(`${line}\n`)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? 'Configuration error: ' : ''}${(err as Error).message}\n`);
    process.exit(VERIFY_CANNOT_RUN);
  },
);
