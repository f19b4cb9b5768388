import knexFactory from 'knex';
import { signerDatabaseUrl } from '../../src/audit/auditLogins';
import { CheckpointSigner } from '../../src/audit/signer';
import { FileWitness, Witness } from '../../src/audit/witness';
import { knexConfig } from '../../knexfile';
import { testCheckpointKeys } from './auth';
import { testDatabaseUrls } from './testDatabases';

/** The witness file of this test run (global setup names it; every test hub's signer appends to it). */
export function testWitnessFile(): string {
  const file = process.env.ONEFILE_TEST_WITNESS_FILE;
  if (!file) throw new Error('ONEFILE_TEST_WITNESS_FILE is set by global setup');
  return file;
}

/**
 * A checkpoint signer as the `onefile_signer` login on `hubUrl` (the test hub database by default),
 * with the test run's signing key, writing to `witnesses` (the run's witness file by default). In
 * process, for tests; `npm start` runs the same class in a child process (test/compiledHub.test.ts).
 */
export function testSigner(hubUrl = testDatabaseUrls().hub, witnesses: Witness[] = [new FileWitness(testWitnessFile())]): CheckpointSigner {
  return new CheckpointSigner(knexFactory(knexConfig('hub', signerDatabaseUrl(hubUrl, {}), { min: 0, max: 1 })), testCheckpointKeys(), witnesses);
}
