import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

// The core and /testing are browser-safe (neutral); /node holds the Node-only adapters.
export default defineConfig([
  { ...packageBuildConfig({ platform: 'neutral', entry: ['src/index.ts', 'src/testing.ts'] }), clean: false },
  { ...packageBuildConfig({ platform: 'node', entry: ['src/node.ts'] }), clean: false },
]);
