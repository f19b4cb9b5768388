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

/** Opens pools on the test databases; close them with `closeDatabases` in afterAll. */
export function openTestDatabases(): Databases {
  return openDatabases(testDatabaseUrls(), 5);
}
