import {
  AirTimeMeter,
  airTimeModel,
  apduTime,
  cardProfiles,
  createInProcessTransport,
  VirtualMyNumberCard,
} from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('air-time model (ISO/IEC 14443 framing + documented assumptions)', () => {
  it('a SELECT at 106 kbit/s: bits, framing, processing and USB add up as documented', () => {
    const model = airTimeModel({ bitRateKbps: 106 });
    const select = new Uint8Array(15);
    const ok = Uint8Array.of(0x90, 0x00);
    const bit = 1000 / 106;
    // Two frames (command, response), 3 bytes of PCB + CRC each, 10 bits a byte, 24 etu SOF/EOF + 100 µs turnaround per frame.
    const air = (15 + 2 + 2 * 3) * 10 * bit + 2 * (24 * bit + 100);
    const time = apduTime(select, ok, model);
    expect(time.totalUs).toBeCloseTo(air + 2_000 + 2_000, 6);
    expect(time.floorUs).toBeCloseTo(17 * 8 * bit, 6);
    expect(time.bytes).toBe(17);
  });

  it('a 256-byte answer is chained over two frames with one R(ACK)', () => {
    const model = airTimeModel();
    const chained = apduTime(new Uint8Array(5), new Uint8Array(258), model);
    const single = apduTime(new Uint8Array(5), new Uint8Array(253), model);
    const bit = 1000 / model.bitRateKbps;
    // 5 more bytes plus one more response block and one R(ACK): 2 frames × 3 bytes, 2 × (SOF/EOF + turnaround).
    expect(chained.totalUs - single.totalUs).toBeCloseTo((5 + 6) * 10 * bit + 2 * (24 * bit + 100), 6);
  });

  it('the card signature carries the signing assumption', () => {
    const sign = Uint8Array.of(0x80, 0x2a, 0x00, 0x80, 0x33, ...new Uint8Array(0x33), 0x00);
    expect(apduTime(sign, new Uint8Array(258)).totalUs).toBeGreaterThan(250_000);
  });

  it('more bytes never cost less, a faster bit rate never costs more, the floor is never above the total', () => {
    const rates = [106, 212, 424, 848] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 70_000 }),
        fc.integer({ min: 2, max: 70_000 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 2 }),
        (c, r, more, i) => {
          const slow = airTimeModel({ bitRateKbps: rates[i]! });
          const fast = airTimeModel({ bitRateKbps: rates[i + 1]! });
          const a = apduTime(new Uint8Array(c), new Uint8Array(r), slow);
          expect(apduTime(new Uint8Array(c + more), new Uint8Array(r + more), slow).totalUs).toBeGreaterThanOrEqual(
            a.totalUs,
          );
          expect(apduTime(new Uint8Array(c), new Uint8Array(r), fast).totalUs).toBeLessThanOrEqual(a.totalUs);
          expect(a.floorUs).toBeLessThanOrEqual(a.totalUs);
        },
      ),
    );
  });

  it('the in-process transport feeds a meter with every exchange (and never sleeps)', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const meter = new AirTimeMeter(airTimeModel({ bitRateKbps: 424 }));
    const transport = createInProcessTransport(card, { airTime: meter });
    await transport.transmit(
      Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01),
    );
    await transport.transmit(Uint8Array.of(0x00, 0xb0, 0x8a, 0x00, 0x00));
    expect(meter.apdus).toBe(2);
    expect(meter.bytes).toBe(15 + 2 + 5 + 258);
    expect(meter.totalUs).toBeGreaterThan(meter.floorUs);
    meter.reset();
    expect(meter.totalUs).toBe(0);
  });
});
