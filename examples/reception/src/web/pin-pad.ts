/**
 * The on-screen PIN pad (a demo: in production the PIN comes from a USB keypad read over HID or an
 * in-process PinSource, see docs/security.md). Digits come from the pad's buttons, the keyboard's
 * digit keys or a USB テンキー (its keys arrive as `Numpad0`-`Numpad9`, with NumLock on or off):
 * Backspace removes one digit, Delete clears, Enter sends. Only dots are shown; the digits stay in
 * this closure until sent and are dropped right after.
 */

/** What the pad needs from the page. */
export interface PinPadOptions {
  readonly dialog: HTMLDialogElement;
  readonly pad: HTMLElement;
  readonly dots: HTMLElement;
  readonly digits: number;
  /** Labels of the clear and OK keys in the current language. */
  labels(): { clear: string; ok: string };
  /** Called once with the complete PIN. */
  submit(digits: string): void;
}

/** The pad's controls. */
export interface PinPad {
  /** Empties the entry (a new request or a cancel). */
  reset(): void;
  /** Rebuilds the keys (after a language switch). */
  render(): void;
}

const NUMPAD = /^Numpad([0-9])$/;

/** Builds the pad into `options.pad` and listens for keys on `options.dialog`. */
export function createPinPad(options: PinPadOptions): PinPad {
  let entered = '';
  const paint = () => {
    const spans = options.dots.querySelectorAll('span');
    for (const [i, dot] of [...spans].entries()) dot.classList.toggle('filled', i < entered.length);
    options.dots.setAttribute('aria-label', `${entered.length} / ${options.digits}`);
  };
  const press = (key: string) => {
    if (key === 'clear') entered = '';
    else if (key === 'back') entered = entered.slice(0, -1);
    else if (key === 'ok') {
      if (entered.length !== options.digits) return;
      const digits = entered;
      entered = '';
      paint();
      options.submit(digits);
      return;
    } else if (entered.length < options.digits) entered += key;
    paint();
  };
  const render = () => {
    const { clear, ok } = options.labels();
    const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'ok'];
    options.pad.replaceChildren(
      ...keys.map((key) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.key = key;
        button.textContent = key === 'clear' ? clear : key === 'ok' ? ok : key;
        if (key === 'ok') button.classList.add('primary');
        button.addEventListener('click', () => press(key));
        return button;
      }),
    );
  };
  options.dialog.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const numpad = NUMPAD.exec(event.code);
    const digit = /^[0-9]$/.test(event.key) ? event.key : numpad?.[1];
    let key: string | undefined;
    if (digit !== undefined) key = digit;
    else if (event.key === 'Backspace') key = 'back';
    else if (event.key === 'Delete' || event.code === 'NumpadDecimal') key = 'clear';
    else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) key = 'ok'; // a focused button handles its own Enter
    if (key === undefined) return;
    event.preventDefault();
    press(key);
  });
  render();
  paint();
  return {
    reset() {
      entered = '';
      paint();
    },
    render,
  };
}
