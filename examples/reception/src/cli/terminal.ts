/**
 * Small terminal helpers for the demo: a spinner/progress line, prompts (with hidden input for
 * the PIN), and a table that lines up Japanese (full-width) text.
 */
import { createInterface } from 'node:readline';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Display width of a string: full-width characters count as 2 columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Renders rows of [label, value] as a boxed two-column table. */
export function renderTable(title: string, rows: readonly (readonly [string, string])[]): string {
  const left = Math.max(...rows.map(([l]) => displayWidth(l)), 4);
  const right = Math.max(...rows.map(([, v]) => displayWidth(v)), displayWidth(title) - left - 3, 4);
  const line = (l: string, m: string, r: string) => `${l}${'─'.repeat(left + 2)}${m}${'─'.repeat(right + 2)}${r}`;
  const out = [
    `┌${'─'.repeat(left + right + 5)}┐`,
    `│ ${pad(title, left + right + 3)} │`,
    line('├', '┬', '┤'),
    ...rows.map(([l, v]) => `│ ${pad(l, left)} │ ${pad(v, right)} │`),
    line('└', '┴', '┘'),
  ];
  return out.join('\n');
}

/** A one-line spinner with a message and an optional percentage; plain lines when not a TTY. */
export class Spinner {
  #timer: ReturnType<typeof setInterval> | undefined;
  #frame = 0;
  #text = '';
  readonly #stream: NodeJS.WriteStream;
  readonly #interactive: boolean;

  constructor(stream: NodeJS.WriteStream = process.stdout) {
    this.#stream = stream;
    this.#interactive = stream.isTTY === true;
  }

  /** Shows `text` (and `percent` as a bar) until the next update or stop. */
  update(text: string, percent?: number): void {
    const bar = percent === undefined ? '' : ` ${progressBar(percent)}`;
    const next = `${text}${bar}`;
    if (!this.#interactive) {
      if (next !== this.#text && (percent === undefined || percent === 100 || percent === 0))
        this.#stream.write(`… ${next}\n`);
      this.#text = next;
      return;
    }
    this.#text = next;
    this.#timer ??= setInterval(() => this.#render(), 80);
    this.#render();
  }

  #render(): void {
    this.#frame = (this.#frame + 1) % FRAMES.length;
    this.#stream.write(`\r\x1b[2K${FRAMES[this.#frame]} ${this.#text}`);
  }

  /** Clears the line (TTY) and stops; writes `final` on its own line when given. */
  stop(final?: string): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#interactive) this.#stream.write('\r\x1b[2K');
    if (final) this.#stream.write(`${final}\n`);
  }
}

/** `[██████░░░░]  60%` */
export function progressBar(percent: number, width = 20): string {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round((p / 100) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(p).padStart(3)}%`;
}

/** Line-based input that works with a TTY and with piped stdin (tests answer prompts that way). */
export class Prompter {
  readonly #lines: AsyncIterator<string>;
  readonly #rl: ReturnType<typeof createInterface>;

  constructor(input: NodeJS.ReadStream = process.stdin) {
    this.#rl = createInterface({ input, terminal: false });
    this.#lines = this.#rl[Symbol.asyncIterator]();
  }

  /** Asks a question and resolves with the trimmed answer ('' at end of input). */
  async ask(question: string): Promise<string> {
    process.stdout.write(question);
    const next = await this.#lines.next();
    return next.done ? '' : next.value.trim();
  }

  /** Yes/no question; anything but y/yes/はい is no. */
  async confirm(question: string): Promise<boolean> {
    const answer = (await this.ask(`${question} [y/N] `)).toLowerCase();
    return answer === 'y' || answer === 'yes' || answer === 'はい';
  }

  /**
   * Reads a PIN. On a TTY the digits are not echoed (●● is shown); the returned bytes belong to
   * the caller, who zeroes them after use.
   */
  async askPin(question: string, digits: number): Promise<Uint8Array> {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      const answer = await this.ask(question);
      const bytes = new TextEncoder().encode(answer);
      return bytes;
    }
    process.stdout.write(question);
    this.#rl.pause();
    stdin.setRawMode(true);
    const pin = new Uint8Array(digits);
    let count = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          for (const byte of chunk) {
            if (byte === 0x03) {
              stdin.off('data', onData);
              reject(new Error('cancelled'));
              return;
            }
            if (byte === 0x0d || byte === 0x0a) {
              if (count === digits) {
                stdin.off('data', onData);
                resolve();
                return;
              }
            } else if ((byte === 0x7f || byte === 0x08) && count > 0) {
              pin[--count] = 0;
              process.stdout.write('\b \b');
            } else if (byte >= 0x30 && byte <= 0x39 && count < digits) {
              pin[count++] = byte;
              process.stdout.write('●');
            }
          }
          chunk.fill(0);
        };
        stdin.on('data', onData);
      });
    } finally {
      stdin.setRawMode(false);
      process.stdout.write('\n');
      this.#rl.resume();
    }
    return pin;
  }

  close(): void {
    this.#rl.close();
  }
}
