import fs from 'node:fs';
import path from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { checkStatement } from './statement';
import { STATEMENT_JWKS_FILE } from './statementKeys';

/** Exit codes of `npm run verify:statement`: valid, refused, cannot check (no statement or key set). */
export const STATEMENT_VALID = 0;
export const STATEMENT_REFUSED = 1;
export const STATEMENT_CANNOT_CHECK = 2;

/** Where the published key set is read from: `--jwks <file>`, CLAIMS_JWKS_FILE, else the keys folder's `claims-jwks.json`. */
export function jwksFileOf(args: readonly string[], env: NodeJS.ProcessEnv): string {
  const flag = args.indexOf('--jwks');
  if (flag >= 0 && args[flag + 1]) return args[flag + 1];
  return env.CLAIMS_JWKS_FILE || path.join(env.ONEFILE_KEYS_DIR || '.data/keys', STATEMENT_JWKS_FILE);
}

/**
 * `npm run verify:statement -- <file|-> [--jwks <file>]`: checks a claim statement (a compact JWS,
 * as kept in a case file) offline with the published key set, and prints what it says — claims,
 * answers, answering departments, service item, resident hub id, time, key id — or why it is
 * refused. Reads no database and needs no hub. Returns the exit code.
 */
export async function runVerifyStatement(args: readonly string[], env: NodeJS.ProcessEnv, readStdin: () => string, print: (line: string) => void): Promise<number> {
  const source = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--jwks');
  if (!source) {
    print('usage: npm run verify:statement -- <statement file | -> [--jwks <published key set file>]');
    return STATEMENT_CANNOT_CHECK;
  }
  let jws: string;
  let jwks: JSONWebKeySet;
  const jwksFile = jwksFileOf(args, env);
  try {
    jws = source === '-' ? readStdin() : fs.readFileSync(source, 'utf8');
  } catch {
    print(`cannot read the statement: ${source}`);
    return STATEMENT_CANNOT_CHECK;
  }
  try {
    jwks = JSON.parse(fs.readFileSync(jwksFile, 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys)) throw new Error('no keys');
  } catch {
    print(`cannot read the published key set (a JWKS): ${jwksFile}`);
    return STATEMENT_CANNOT_CHECK;
  }
  const result = await checkStatement(jws, jwks);
  if (!result.ok) {
    print(`REFUSED (${result.reason}): ${result.message}`);
    return STATEMENT_REFUSED;
  }
  const s = result.statement;
  print(`VALID statement, key ${result.keyId}`);
  print(`resident (hub id): ${s.sub}`);
  print(`service item: ${s.serviceItem}`);
  for (const [claim, answer] of Object.entries(s.answers)) print(`  ${claim}: ${answer ? 'yes' : 'no'} (${s.sources[claim] ?? 'unknown'})`);
  print(`verified by: ${s.verifier.role}${s.verifier.department ? ` (${s.verifier.department})` : ''}`);
  print(`issued: ${new Date(s.iat * 1000).toISOString()}, valid until ${new Date(s.exp * 1000).toISOString()}; request ${s.jti}`);
  return STATEMENT_VALID;
}
