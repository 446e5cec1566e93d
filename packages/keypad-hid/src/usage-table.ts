/**
 * Keyboard/Keypad page (HID Usage Tables 1.5, §10, page 0x07) usages a numeric keypad sends,
 * and what each means for PIN entry.
 * @module
 */

/** What one key press means for PIN entry. */
export type KeypadKey =
  | { readonly kind: 'digit'; readonly digit: number }
  | { readonly kind: 'enter' }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'numlock' }
  /**
   * A navigation key that a keypad sends for a digit key when its own NumLock is off
   * (Keypad 1 = End, 2 = Down, …); `digit` is the legend printed on that key.
   */
  | { readonly kind: 'navigation'; readonly digit: number }
  | { readonly kind: 'other' };

/** Usage ids on the Keyboard/Keypad page (0x07) that matter here. */
export const KeyboardUsage = {
  /** Keyboard ErrorRollOver: every slot reads 0x01 when too many keys are down (phantom state). */
  ErrorRollOver: 0x01,
  /** Keyboard 1 and ! … Keyboard 9 and ( : 0x1E-0x26; Keyboard 0 and ) : 0x27. */
  Digit1: 0x1e,
  Digit0: 0x27,
  Enter: 0x28,
  Escape: 0x29,
  Backspace: 0x2a,
  Insert: 0x49,
  Home: 0x4a,
  PageUp: 0x4b,
  DeleteForward: 0x4c,
  End: 0x4d,
  PageDown: 0x4e,
  RightArrow: 0x4f,
  LeftArrow: 0x50,
  DownArrow: 0x51,
  UpArrow: 0x52,
  NumLock: 0x53,
  KeypadEnter: 0x58,
  /** Keypad 1 and End … Keypad 9 and PageUp: 0x59-0x61; Keypad 0 and Insert: 0x62. */
  Keypad1: 0x59,
  Keypad0: 0x62,
  Clear: 0x9c,
  KeypadBackspace: 0xbb,
  KeypadClear: 0xd8,
} as const;

/**
 * Navigation usages that keypads with an internal NumLock send in place of the digit keys
 * when NumLock is off, mapped back to the digit printed on the key (the usage names of
 * 0x59-0x62: "Keypad 1 and End", "Keypad 2 and Down Arrow", …). Keypad 5 has no navigation
 * meaning; some keypads send Clear (0x9C) for it.
 */
const NAVIGATION_LEGEND: ReadonlyMap<number, number> = new Map([
  [KeyboardUsage.Insert, 0],
  [KeyboardUsage.End, 1],
  [KeyboardUsage.DownArrow, 2],
  [KeyboardUsage.PageDown, 3],
  [KeyboardUsage.LeftArrow, 4],
  [KeyboardUsage.RightArrow, 6],
  [KeyboardUsage.Home, 7],
  [KeyboardUsage.UpArrow, 8],
  [KeyboardUsage.PageUp, 9],
]);

/** Classifies one usage id from a boot keyboard report. */
export function classifyUsage(usage: number): KeypadKey {
  if (usage >= KeyboardUsage.Keypad1 && usage <= KeyboardUsage.Keypad0) {
    return { kind: 'digit', digit: (usage - KeyboardUsage.Keypad1 + 1) % 10 };
  }
  if (usage >= KeyboardUsage.Digit1 && usage <= KeyboardUsage.Digit0) {
    return { kind: 'digit', digit: (usage - KeyboardUsage.Digit1 + 1) % 10 };
  }
  switch (usage) {
    case KeyboardUsage.Enter:
    case KeyboardUsage.KeypadEnter:
      return { kind: 'enter' };
    case KeyboardUsage.Backspace:
    case KeyboardUsage.KeypadBackspace:
    case KeyboardUsage.DeleteForward:
      return { kind: 'backspace' };
    case KeyboardUsage.Escape:
    case KeyboardUsage.Clear:
    case KeyboardUsage.KeypadClear:
      return { kind: 'clear' };
    case KeyboardUsage.NumLock:
      return { kind: 'numlock' };
    default: {
      const legend = NAVIGATION_LEGEND.get(usage);
      return legend === undefined ? { kind: 'other' } : { kind: 'navigation', digit: legend };
    }
  }
}
