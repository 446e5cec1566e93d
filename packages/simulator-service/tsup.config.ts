import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

export default defineConfig(packageBuildConfig({ platform: 'node' }));
