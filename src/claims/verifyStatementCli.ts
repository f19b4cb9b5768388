import fs from 'node:fs';
import { runVerifyStatement, STATEMENT_CANNOT_CHECK } from './verifyStatementCommand';

/** `npm run --silent verify:statement -- <file|-> [--jwks <file>]`: see verifyStatementCommand.ts. Exits 0 valid, 1 refused, 2 cannot check. */
runVerifyStatement(process.argv.slice(2), process.env, () => fs.readFileSync(0, 'utf8'), (line) => process.stdout.write(`${line}\n`)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(STATEMENT_CANNOT_CHECK);
  },
);
