import { DatabaseUrls, readDatabaseUrls } from '../../src/config';
import { Databases, openDatabases } from '../../src/db/databases';

/** Env variable through which global setup hands the databases' URLs to the test files. */
export const TEST_URLS_VARIABLE = 'ONEFILE_TEST_DATABASE_URLS';

/** The URLs global setup prepared: configured databases if set, else the embedded test cluster's. */
export function testDatabaseUrls(): DatabaseUrls {
  const json = process.env[TEST_URLS_VARIABLE];
  if (json) return JSON.parse(json) as DatabaseUrls;
  const configured = readDatabaseUrls();
  if (configured) return configured;
  throw new Error('test databases are not set up: run the suite through jest (global setup)');
}

/** Opens serving pools (hub as the app role) on the test databases; close them in afterAll. */
export function openTestDatabases(): Databases {
  return openDatabases(testDatabaseUrls(), { poolMax: 5 });
}

/** Opens pools with the owner's rights, for tests that play an administrator or an attacker. */
export function openOwnerTestDatabases(): Databases {
  return openDatabases(testDatabaseUrls(), { poolMax: 2, as: 'owner' });
}
