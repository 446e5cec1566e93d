/**
 * Polling for the file-link tests: the client and the terminal exchange files, so a test waits for
 * a file or a state to appear instead of sleeping a fixed time.
 */

/** The first defined value `probe` gives, polled every 10 ms; fails after 500 tries (about 5 s). */
export async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}
