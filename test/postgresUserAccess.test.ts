import fs from 'node:fs';
import path from 'node:path';
import { firstUnenterable } from '../src/db/postgresUserAccess';

/** Run as root, the embedded PostgreSQL runs as `postgres`, who must be able to enter every folder on the way. */
describe('which folder another user cannot enter', () => {
  const base = path.resolve('.data', `test-private-${process.pid}`);
  const privateDir = path.join(base, 'clone');
  const nobody = { uid: 65534, gid: 65534 };
  beforeAll(() => {
    fs.mkdirSync(path.join(privateDir, '.data'), { recursive: true });
    fs.chmodSync(base, 0o755);
    fs.chmodSync(privateDir, 0o700);
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('names a private (0700) folder on the way to the data folder', () => {
    expect(firstUnenterable(path.join(privateDir, '.data', 'pg'), nobody.uid, nobody.gid)).toBe(privateDir);
  });

  it('finds none once others may enter (o+x), nor for the folder owner', () => {
    fs.chmodSync(privateDir, 0o711);
    expect(firstUnenterable(path.join(privateDir, '.data', 'pg'), nobody.uid, nobody.gid)).toBeUndefined();
    fs.chmodSync(privateDir, 0o700);
    const st = fs.statSync(privateDir);
    expect(firstUnenterable(path.join(privateDir, '.data'), st.uid, st.gid)).toBeUndefined();
  });
});
