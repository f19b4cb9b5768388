import fs from 'node:fs';
import path from 'node:path';
import { buildOneFileSchema } from '../schema/buildSchema';
import { renderAccessMatrix } from './accessMatrix';
import { readDeclarations } from './declarations';

/** Where the generated access matrix is committed. */
export const ACCESS_MATRIX_FILE = path.join(__dirname, '..', '..', 'docs', 'access-matrix.md');

/** The access matrix for the current code. */
export function currentAccessMatrix(): string {
  const schema = buildOneFileSchema();
  return renderAccessMatrix(readDeclarations(schema), schema);
}

if (require.main === module) {
  fs.writeFileSync(ACCESS_MATRIX_FILE, currentAccessMatrix());
  console.log(`wrote ${path.relative(process.cwd(), ACCESS_MATRIX_FILE)}`);
}
