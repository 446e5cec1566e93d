import { defineProject } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared';

const shared = sharedTestConfig(import.meta.dirname);

// One private PostgreSQL server for the whole run: started by the global setup, stopped by
// its teardown (and by its watchdog if the runner dies).
export default defineProject({
  ...shared,
  test: { ...shared.test, globalSetup: ['test/support/global-setup.ts'] },
});
