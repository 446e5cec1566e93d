/**
 * Report sequences written from the HID Usage Tables 1.5, Keyboard/Keypad page (0x07), in the
 * boot keyboard format [modifiers, reserved, k1..k6]. Each line is one interrupt IN report as a
 * keypad sends it: a report on every change of the set of keys down.
 */
const r = (...keys: number[]): Uint8Array =>
  Uint8Array.from([0, 0, ...keys, ...new Array<number>(6 - keys.length).fill(0)]);
const UP = r();

/** "1234" on the keypad, one key at a time, then Keypad Enter (0x58). */
export const pin1234Enter = [r(0x59), UP, r(0x5a), UP, r(0x5b), UP, r(0x5c), UP, r(0x58), UP];

/** "9870" with rollover: the next key goes down before the previous one is released. */
export const pin9870Rollover = [
  r(0x61), // 9 down
  r(0x61, 0x60), // 8 down while 9 held
  r(0x60), // 9 up
  r(0x60, 0x5f), // 7 down while 8 held
  r(0x5f), // 8 up
  r(0x5f, 0x62), // 0 down while 7 held
  r(0x62), // 7 up
  UP,
  r(0x28), // Keyboard Enter (0x28) rather than Keypad Enter
  UP,
];

/** Auto-repeat is host-side: holding a key sends the same report again, which is not a new press. */
export const heldKeyRepeats = [r(0x59), r(0x59), r(0x59), UP, r(0x5a), UP, r(0x5b), UP, r(0x5c), UP, r(0x58), UP];

/** The keypad's own NumLock off: Keypad 1..4 arrive as End (0x4D), Down (0x51), PgDn (0x4E), Left (0x50). */
export const numLockOff1234 = [r(0x4d), UP, r(0x51), UP, r(0x4e), UP, r(0x50), UP];

/** NumLock (0x53) pressed, then "5678" and Enter. */
export const numLockThen5678 = [r(0x53), UP, r(0x5d), UP, r(0x5e), UP, r(0x5f), UP, r(0x60), UP, r(0x58), UP];

/** "12", Backspace (0x2A), "34", Enter: the PIN is 1 3 4 … needs one more: "5". */
export const backspaceSequence = [
  r(0x59),
  UP,
  r(0x5a),
  UP,
  r(0x2a),
  UP,
  r(0x5b),
  UP,
  r(0x5c),
  UP,
  r(0x5d),
  UP,
  r(0x58),
  UP,
];

/** Enter after two digits (too early), then the rest. */
export const enterEarly = [r(0x59), UP, r(0x5a), UP, r(0x58), UP, r(0x5b), UP, r(0x5c), UP, r(0x58), UP];

/** Top-row digits 0x1E-0x27 ("1", "0", "5", "9") from a full keyboard, Enter. */
export const topRow1059 = [r(0x1e), UP, r(0x27), UP, r(0x22), UP, r(0x26), UP, r(0x28), UP];

/** Too many keys: the keypad reports ErrorRollOver (0x01) in every slot, then recovers. */
export const phantomState = [
  r(0x59),
  r(1, 1, 1, 1, 1, 1),
  r(0x59),
  UP,
  r(0x5a),
  UP,
  r(0x5b),
  UP,
  r(0x5c),
  UP,
  r(0x58),
  UP,
];

/** Two digits and nothing more: the patient walks away. */
export const twoDigitsThenSilence = [r(0x59), UP, r(0x5a), UP];

/** "12", Escape (0x29) clears, then "4321" Enter. */
export const clearThen4321 = [
  r(0x59),
  UP,
  r(0x5a),
  UP,
  r(0x29),
  UP,
  r(0x5c),
  UP,
  r(0x5b),
  UP,
  r(0x5a),
  UP,
  r(0x59),
  UP,
  r(0x58),
  UP,
];
