import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared';

// The PC/SC suites share the machine's one pcscd (toolchain.md): run the files one by one.
export default mergeConfig(
  defineProject(sharedTestConfig(import.meta.dirname)),
  defineProject({ test: { fileParallelism: false } }),
);
