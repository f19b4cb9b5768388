import fs from 'node:fs';
import path from 'node:path';
import { renderTagDocs } from './tagDocs';

/** Where the generated tag documentation is committed. */
export const TAG_DOCS_FILE = path.join(__dirname, '..', '..', 'docs', 'tags.md');

if (require.main === module) {
  fs.writeFileSync(TAG_DOCS_FILE, renderTagDocs());
  console.log(`wrote ${path.relative(process.cwd(), TAG_DOCS_FILE)}`);
}
