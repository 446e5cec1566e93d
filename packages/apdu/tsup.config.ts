import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

// `./events`: the emitter and event iterator the reader packages share (src/events.ts).
export default defineConfig(packageBuildConfig({ platform: 'neutral', entry: ['src/index.ts', 'src/events.ts'] }));
