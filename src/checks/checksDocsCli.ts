import fs from 'node:fs';
import path from 'node:path';
import { renderChecksDocs } from './checksDocs';

/** Where the generated catalogue of checks is committed. */
export const CHECKS_DOCS_FILE = path.join(__dirname, '..', '..', 'docs', 'checks.md');

if (require.main === module) {
  fs.writeFileSync(CHECKS_DOCS_FILE, renderChecksDocs());
  console.log(`wrote ${path.relative(process.cwd(), CHECKS_DOCS_FILE)}`);
}
