import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

// `./events`: the emitter and event iterator the reader packages share (src/events.ts);
// `./testing`: the test doubles (recording, replaying, counting transports) and the trace format.
export default defineConfig(
  packageBuildConfig({ platform: 'neutral', entry: ['src/index.ts', 'src/events.ts', 'src/testing.ts'] }),
);
