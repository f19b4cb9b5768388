import fs from 'node:fs';
import { printOneFileSchema, SCHEMA_FILE } from '../src/schema/emit';

describe('the committed schema', () => {
  it('matches the SDL emitted from the code (run `npm run schema:emit` after changing types)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printOneFileSchema());
  });

  it('exposes the person and household entry points with opaque ids', () => {
    const sdl = printOneFileSchema();
    expect(sdl).toContain('person(id: ID!): Person');
    expect(sdl).toContain('personByIdNumber(idNumber: String!): Person');
    expect(sdl).toContain('household(id: ID!): Household');
  });
});
