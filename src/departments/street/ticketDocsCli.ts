import fs from 'node:fs';
import path from 'node:path';
import { renderTicketDocs } from './ticketDocs';

/** Where the generated ticket documentation is committed. */
export const TICKET_DOCS_FILE = path.join(__dirname, '..', '..', '..', 'docs', 'tickets.md');

if (require.main === module) {
  fs.writeFileSync(TICKET_DOCS_FILE, renderTicketDocs());
  console.log(`wrote ${path.relative(process.cwd(), TICKET_DOCS_FILE)}`);
}
