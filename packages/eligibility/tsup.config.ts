import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

// The core, /store-kit, /xml and /testing are browser-safe (neutral); /node holds the Node-only adapters.
export default defineConfig([
  {
    ...packageBuildConfig({
      platform: 'neutral',
      entry: ['src/index.ts', 'src/store-kit.ts', 'src/xml.ts', 'src/testing.ts'],
    }),
    clean: false,
  },
  { ...packageBuildConfig({ platform: 'node', entry: ['src/node.ts'] }), clean: false },
]);
