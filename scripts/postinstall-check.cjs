// Runs after `pnpm install` in the workspace. The PC/SC native binding is an optional dependency:
// where libpcsclite-dev or a compiler is missing its build fails, pnpm prints node-gyp's errors
// and still says "Done". Say plainly what that means and how to fix it, in both languages.
'use strict';
const path = require('node:path');

try {
  require(path.join(__dirname, '..', 'packages', 'reader-pcsc', 'node_modules', '@pokusew', 'pcsclite'));
} catch {
  const linux = process.platform === 'linux';
  console.warn(
    [
      '',
      'onshi-kit: PC/SC のネイティブモジュール (@pokusew/pcsclite) をビルドできませんでした。',
      '  デモとシミュレーターはこのまま動きます。USB カードリーダーを使うには:',
      linux
        ? '  sudo apt-get install libpcsclite-dev g++ make python3 && pnpm rebuild -r @pokusew/pcsclite'
        : '  docs/shipping.md の手順でビルド環境を用意し、pnpm rebuild -r @pokusew/pcsclite',
      'onshi-kit: the PC/SC native binding (@pokusew/pcsclite) was not built (the gyp errors above).',
      '  The demo and the simulator work without it. For USB card readers:',
      linux
        ? '  sudo apt-get install libpcsclite-dev g++ make python3 && pnpm rebuild -r @pokusew/pcsclite'
        : '  set up the build tools as docs/shipping.md says, then pnpm rebuild -r @pokusew/pcsclite',
      '',
    ].join('\n'),
  );
}
