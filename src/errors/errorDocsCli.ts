import fs from 'node:fs';
import path from 'node:path';
import { renderErrorDocs } from './errorDocs';

/** Where the generated error documentation is committed. */
export const ERROR_DOCS_FILE = path.join(__dirname, '..', '..', 'docs', 'errors.md');

if (require.main === module) {
  fs.writeFileSync(ERROR_DOCS_FILE, renderErrorDocs());
  console.log(`wrote ${path.relative(process.cwd(), ERROR_DOCS_FILE)}`);
}
