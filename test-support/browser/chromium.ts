/**
 * How the browser tests start Chromium: Debian's package (scripts/setup-test-env.sh installs it),
 * driven by playwright-core, headless, as root in a container. Shared by the reader-ble, forms and
 * reception browser tests; each passes these to its own playwright-core `chromium`.
 */

/** Debian's Chromium; `ONSHIKIT_CHROMIUM` points elsewhere. */
export const CHROMIUM_EXECUTABLE = process.env.ONSHIKIT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags for root in a container (no sandbox, no GPU, /dev/shm too small) and for quiet runs
 * (no background traffic, updates, sync or first-run UI).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launch options for playwright-core's `chromium.launch` / `launchPersistentContext`. */
export function chromiumOptions(extraArgs: readonly string[] = []): {
  executablePath: string;
  headless: true;
  args: string[];
} {
  return { executablePath: CHROMIUM_EXECUTABLE, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] };
}
