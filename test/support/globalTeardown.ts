import fs from 'node:fs';
import path from 'node:path';
import type { EmbeddedCluster } from '../../src/db/embeddedPostgres';
import { compiledHubDir } from './compiledHub';

/** Removes the compiled hub test files share, stops the embedded test cluster (if global setup started one) and removes its data. */
export default async function globalTeardown(): Promise<void> {
  fs.rmSync(compiledHubDir(), { recursive: true, force: true });
  if (process.env.ONEFILE_TEST_KEYS_DIR) fs.rmSync(process.env.ONEFILE_TEST_KEYS_DIR, { recursive: true, force: true });
  if (process.env.ONEFILE_TEST_WITNESS_FILE) fs.rmSync(path.dirname(process.env.ONEFILE_TEST_WITNESS_FILE), { recursive: true, force: true });
  const state = (globalThis as { __ONEFILE_CLUSTER__?: { cluster: EmbeddedCluster; dataDir: string } }).__ONEFILE_CLUSTER__;
  if (!state) return;
  await state.cluster.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
