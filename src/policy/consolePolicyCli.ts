import fs from 'node:fs';
import path from 'node:path';
import { buildOneFileSchema } from '../schema/buildSchema';
import { renderConsolePolicy } from './consolePolicy';
import { readDeclarations } from './declarations';

/** Where the console's copy of the policy is committed (imported by web/src). */
export const CONSOLE_POLICY_FILE = path.join(__dirname, '..', '..', 'web', 'src', 'generated', 'policy.json');

/** The console policy for the current code. */
export function currentConsolePolicy(): string {
  return renderConsolePolicy(readDeclarations(buildOneFileSchema()));
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(CONSOLE_POLICY_FILE), { recursive: true });
  fs.writeFileSync(CONSOLE_POLICY_FILE, currentConsolePolicy());
  console.log(`wrote ${path.relative(process.cwd(), CONSOLE_POLICY_FILE)}`);
}
