/** `pnpm --filter @onshikit/example-reception web`: builds the page and serves the web demo. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startReceptionServer } from './reception-server.js';

const port = Number(process.env.PORT ?? 5180);
const server = await startReceptionServer({
  staticDir: path.join(import.meta.dirname, '../../dist'),
  dataDir: await mkdtemp(path.join(tmpdir(), 'onshikit-web-demo-')),
  port,
});
console.log(`onshi-kit 受付デモ (web): ${server.url}  (Ctrl+C で終了 / to stop)`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
