import { afterAll } from 'vitest';
import { dropTestDatabases } from './test-database.ts';

// Setup file of the integration project: its afterAll runs after each test file's own hooks
// (hooks run as a stack), when the file's apps are closed.
afterAll(async () => {
  await dropTestDatabases();
});
