import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.shared';

// `neutral`: the core and the Web Bluetooth / phone NFC entries run in browsers and React Native;
// only `./noble` touches Node (it loads @stoprocent/noble lazily and uses Buffer for its API).
export default defineConfig(
  packageBuildConfig({
    platform: 'neutral',
    entry: [
      'src/index.ts',
      'src/acr1255.ts',
      'src/noble.ts',
      'src/web-bluetooth.ts',
      'src/phone-nfc.ts',
      'src/capacitor.ts',
      'src/ble-plx.ts',
    ],
  }),
);
