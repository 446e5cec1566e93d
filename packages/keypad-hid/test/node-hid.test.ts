import { describe, expect, it } from 'vitest';
import { loadNodeHidBackend } from '@onshikit/keypad-hid';

describe('node-hid on this machine', () => {
  it('loads its native module and lists devices without crashing when no keypad is attached', async () => {
    const backend = await loadNodeHidBackend();
    const devices = await backend.devices();
    expect(Array.isArray(devices)).toBe(true);
  });
});
