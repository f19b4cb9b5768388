import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildOneFileSchema } from './buildSchema';

/** Where the emitted SDL is committed; a test fails when it drifts from the code. */
export const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');

/** The SDL of the unified schema, sorted so the committed file diffs cleanly. */
export function printOneFileSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildOneFileSchema()))}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, printOneFileSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
