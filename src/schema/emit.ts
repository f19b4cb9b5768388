import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema } from 'graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildOneFileSchema } from './buildSchema';

/** Where the emitted SDL is committed; a test fails when it drifts from the code. */
export const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');

/** The SDL of the unified schema with its `@policy` declarations, sorted so it diffs cleanly. */
export function printOneFileSchema(): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(buildOneFileSchema()))}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, printOneFileSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
