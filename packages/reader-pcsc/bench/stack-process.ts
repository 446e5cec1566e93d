/**
 * The simulator's pcscd + vpcd stack with the virtual card in a child process, driven over IPC.
 * A binding whose calls block the JavaScript thread (smartcard's `disconnect()` is synchronous)
 * would otherwise also block the in-process card it waits for: with the card in another process,
 * as a real card is, such a call costs what it costs on hardware instead of deadlocking.
 *
 * Parent: `await startStackProcess()`. Child: this file run with `--child` (under tsx).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the parent can ask of the card and the stack. */
export type StackOp =
  | 'insert'
  | 'remove'
  | 'removeIn2s'
  | 'pullAtNextApdu'
  | 'mute'
  | 'unmute'
  | 'stopPcscd'
  | 'startPcscd'
  | 'stop';
type Request = { id: number; op: StackOp };
type Reply = { id: number; ok: true } | { id: number; ok: false; error: string };
type Ready =
  | { ready: true; readerName: string; quickAck: boolean; pcscdPid: number | undefined }
  | { ready: false; error: string };

/** The stack running in a child process. */
export interface StackProcess {
  readonly readerName: string;
  readonly quickAck: boolean;
  /** pid of the stack's pcscd (started by the child). */
  readonly pcscdPid: number | undefined;
  insertCard(): Promise<void>;
  removeCard(): Promise<void>;
  /** Fault injection: `pullAtNextApdu` (the card leaves during the next command), `removeIn2s`
   * (answers now, pulls the card 2 s later, whatever the parent's thread is doing), `mute` /
   * `unmute` (the card stops answering: the reader keeps waiting), `stopPcscd` / `startPcscd`. */
  control(op: Exclude<StackOp, 'stop'>): Promise<void>;
  /** Stops the stack (pcscd, bridge, lock) and the child. */
  stop(): Promise<void>;
}

/** Forks this file as the stack's process and waits until pcscd sees the card. */
export function startStackProcess(): Promise<StackProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--child'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, (reply: Reply) => void>();
  const call = (op: Request['op']): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (reply) => (reply.ok ? resolve() : reject(new Error(reply.error))));
      child.send({ id, op } satisfies Request);
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stack process exited (${code}) before it was ready`)));
    child.on('message', (message: Reply | Ready) => {
      if ('ready' in message) {
        if (!message.ready) return reject(new Error(message.error));
        resolve({
          readerName: message.readerName,
          quickAck: message.quickAck,
          pcscdPid: message.pcscdPid,
          insertCard: () => call('insert'),
          removeCard: () => call('remove'),
          control: (op) => call(op),
          stop: async () => {
            if (child.exitCode !== null) return;
            const exited = new Promise((done) => child.once('exit', done));
            // biome-ignore lint/plugin/no-swallowed-rejection: the child's exit below is what the bench waits for; a failed stop request changes nothing
            await call('stop').catch(() => undefined);
            await exited;
          },
        });
        return;
      }
      const done = waiting.get(message.id);
      waiting.delete(message.id);
      done?.(message);
    });
  });
}

async function runChild(): Promise<void> {
  const { VirtualMyNumberCard, cardProfiles, startPcscStack } = await import('@onshikit/simulator');
  const send = (message: Reply | Ready): void => void process.send?.(message);
  const inner = await VirtualMyNumberCard.create(cardProfiles.standard());
  let mute = false;
  const card = {
    get atr(): Uint8Array {
      return inner.atr;
    },
    powerOn: (): void => inner.powerOn(),
    powerOff: (): void => inner.powerOff(),
    process: (command: Uint8Array): Promise<Uint8Array> =>
      mute ? new Promise<Uint8Array>(() => {}) : inner.process(command),
  };
  let stack: Awaited<ReturnType<typeof startPcscStack>>;
  try {
    stack = await startPcscStack({ card });
  } catch (error) {
    send({ ready: false, error: (error as Error).message });
    process.exit(1);
  }
  process.on('disconnect', () => void stack.stop().then(() => process.exit(0)));
  process.on('message', (request: Request) => {
    const ops: Record<StackOp, () => Promise<void>> = {
      insert: () => stack.insertCard(),
      remove: () => stack.removeCard(),
      removeIn2s: async () => void setTimeout(() => void stack.removeCard(), 2000),
      pullAtNextApdu: async () => stack.bridge.pullCardAtApdu(0),
      mute: async () => void (mute = true),
      unmute: async () => void (mute = false),
      stopPcscd: () => stack.stopPcscd(),
      startPcscd: () => stack.startPcscd(),
      stop: () => stack.stop(),
    };
    const run = ops[request.op]();
    run.then(
      () => {
        send({ id: request.id, ok: true });
        if (request.op === 'stop') process.disconnect();
      },
      (error: unknown) => send({ id: request.id, ok: false, error: (error as Error).message }),
    );
  });
  send({ ready: true, readerName: stack.readerName, quickAck: stack.quickAck, pcscdPid: stack.pcscdPid });
}

if (process.argv.includes('--child')) await runChild();
