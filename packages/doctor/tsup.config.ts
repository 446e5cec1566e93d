import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

const shared = packageBuildConfig({ platform: 'node' });

export default defineConfig([
  { ...shared, entry: ['src/index.ts'], clean: false },
  // The bin: ESM only, with the shebang, no declarations.
  {
    ...shared,
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
