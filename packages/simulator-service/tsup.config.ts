import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

// Built without the workspace's tsconfig paths (tsconfig.build.json), so `@onshikit/*` resolve as
// installed packages and stay imports: through the paths they would be inlined from source, and with
// them imports of eligibility's own dependencies (fast-xml-parser) that this package does not declare.
export default defineConfig({ ...packageBuildConfig({ platform: 'node' }), tsconfig: 'tsconfig.build.json' });
