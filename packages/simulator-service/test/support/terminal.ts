/**
 * The simulated 資格確認端末 in a fresh temporary folder, and file-link clients on its folders,
 * for simulator-service's tests of eligibility's file-link client. Everything is closed (and the
 * folder removed) after the test through the test file's `Scratch`.
 */
import path from 'node:path';
import { OqsFileLinkService } from '@onshikit/eligibility/node';
import { SimulatedOqsTerminal, type SimulatedPopulation } from '@onshikit/simulator-service';
import type { Scratch } from '../../../../test-support/file-link/scratch.js';

/** The terminal's options beyond its folder and population (faults, result stay time, …). */
export type TerminalOptions = Omit<Parameters<typeof SimulatedOqsTerminal.start>[0], 'root' | 'population'>;

/** A client's options beyond its id (they override the defaults below). */
export type ClientOptions = Partial<ConstructorParameters<typeof OqsFileLinkService>[0]>;

/**
 * Starts a terminal answering for `population` in a new temporary folder (`<prefix>…`). `client(id)`
 * makes a file-link client on the terminal's folders, timeout 5 s, polling every 10 ms, with its
 * local state in `<root>/<state>` (`local-<id>` by default).
 */
export async function startTerminal(
  scratch: Scratch,
  population: SimulatedPopulation,
  options: TerminalOptions = {},
  prefix = 'onshikit-term-',
) {
  const root = await scratch.tempRoot(prefix);
  const terminal = await SimulatedOqsTerminal.start({ root, population, ...options });
  scratch.defer(() => terminal.close());
  const client = (clientId: string, extra: ClientOptions = {}, state = `local-${clientId}`): OqsFileLinkService => {
    const service = new OqsFileLinkService({
      folders: { ...terminal.folders, state: path.join(root, state) },
      clientId,
      timeoutMs: 5000,
      pollMs: 10,
      ...extra,
    });
    scratch.defer(() => service.close());
    return service;
  };
  return { root, terminal, client };
}
