import { spawnSync } from 'node:child_process';

/**
 * vpcd writes the length and the payload of each message separately, so Nagle's algorithm
 * meets delayed ACK on loopback and every APDU costs ~40-60 ms. `quickack 1` on the local
 * 127.0.0.1 route brings it to ~0.1-0.2 ms (toolchain.md "Latency"). Only root may change
 * routes; everyone else gets the slow path (still correct).
 */
const ROUTE = ['local', '127.0.0.1', 'dev', 'lo', 'table', 'local'];
const ROUTE_TAIL = ['proto', 'kernel', 'scope', 'host', 'src', '127.0.0.1'];

/** True when the loopback route currently has `quickack 1`. */
export function loopbackQuickAckEnabled(): boolean {
  const shown = spawnSync('ip', ['route', 'show', 'table', 'local', '127.0.0.1'], { encoding: 'utf8' });
  return shown.status === 0 && /quickack 1/.test(shown.stdout);
}

function replaceRoute(quickAck: boolean): boolean {
  const args = ['route', 'replace', ...ROUTE, ...(quickAck ? ['quickack', '1'] : []), ...ROUTE_TAIL];
  return spawnSync('ip', args, { stdio: 'ignore' }).status === 0;
}

/**
 * Turns `quickack 1` on for the loopback route when running as root and it is not on yet.
 * Returns a function that restores the previous route (a no-op when nothing was changed).
 */
export function enableLoopbackQuickAck(): { enabled: boolean; restore: () => void } {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    return { enabled: loopbackQuickAckEnabled(), restore: () => {} };
  }
  if (loopbackQuickAckEnabled()) return { enabled: true, restore: () => {} };
  if (!replaceRoute(true)) return { enabled: false, restore: () => {} };
  let restored = false;
  return {
    enabled: true,
    restore: () => {
      if (restored) return;
      restored = true;
      replaceRoute(false);
    },
  };
}
