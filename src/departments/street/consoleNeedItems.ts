import fs from 'node:fs';
import path from 'node:path';
import { NEED_CATEGORIES, NEED_ITEMS } from './tickets/needItems';

/** Where the console's copy of the need-item catalogue is committed (imported by web/src/pages/street). */
export const CONSOLE_NEED_ITEMS_FILE = path.join(__dirname, '..', '..', '..', 'web', 'src', 'generated', 'needItems.json');

/** One item as the console shows it: its code, category and title in each language. */
export interface ConsoleNeedItem {
  code: string;
  category: string;
  zh: string;
  en: string;
}

/**
 * The need-item catalogue (tickets/needItems.ts) as the street worker's visit form lists it: codes
 * and titles only (never the routing reasons), grouped in catalogue order. A title is written
 * "中文 english": the first word is the Chinese title, the rest the English one.
 */
export function renderConsoleNeedItems(): string {
  const items: ConsoleNeedItem[] = NEED_ITEMS.map((i) => {
    const space = i.title.indexOf(' ');
    return { code: i.code, category: i.category, zh: i.title.slice(0, space), en: i.title.slice(space + 1) };
  });
  return `${JSON.stringify({ categories: NEED_CATEGORIES, items }, null, 2)}\n`;
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(CONSOLE_NEED_ITEMS_FILE), { recursive: true });
  fs.writeFileSync(CONSOLE_NEED_ITEMS_FILE, renderConsoleNeedItems());
  console.log(`wrote ${path.relative(process.cwd(), CONSOLE_NEED_ITEMS_FILE)}`);
}
