// Issue 14: HttpEligibilityService read the whole response before checking its size (300 MB
// read before "too large"). It must stream with a byte limit (error bodies too), stop as soon
// as the limit is passed, and honour its timeout and the caller's abort while reading.
import { EligibilityError, HttpEligibilityService, type EligibilityQuery } from '@onshikit/eligibility';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const QUERY: EligibilityQuery = {
  kind: 'numbers',
  checkDate: '2026-11-26',
  institutionCode: '1312345678',
  fileId: 'f-1',
  insurerNumber: '01130012',
  number: '1',
  birthDate: '1980-01-01',
};
const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A body of `total` bytes in 64 KiB chunks that counts what the reader pulled. */
function countedBody(total: number): {
  stream: ReadableStream<Uint8Array>;
  pulled: () => number;
  cancelled: () => boolean;
} {
  let sent = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        const size = Math.min(CHUNK, total - sent);
        sent += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => sent, cancelled: () => cancelled };
}

/** One chunk, then a body that never ends and ignores every signal (a stalled relay). */
function stalledBody(): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let first = true;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (first) {
          first = false;
          controller.enqueue(new TextEncoder().encode('{"challenge":'));
          return;
        }
        return new Promise<void>(() => undefined);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, cancelled: () => cancelled };
}

function service(
  body: ReadableStream<Uint8Array> | string,
  init: ResponseInit = {},
  extra: Partial<ConstructorParameters<typeof HttpEligibilityService>[0]> = {},
): HttpEligibilityService {
  return new HttpEligibilityService({
    baseUrl: 'http://relay.invalid',
    retries: 0,
    fetch: async () => new Response(body, init),
    ...extra,
  });
}

async function codeOf(call: Promise<unknown>): Promise<{ code: string; reason?: unknown }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EligibilityError);
  const detail: Readonly<Record<string, unknown>> = (error as EligibilityError).detail;
  return { code: (error as EligibilityError).code, reason: detail.reason };
}

describe('security: HttpEligibilityService reads with a byte limit', () => {
  it('stops reading a 64 MiB success body just past the 4 MiB limit', async () => {
    const body = countedBody(64 * MiB);
    expect(await codeOf(service(body.stream).query(QUERY))).toEqual({
      code: 'SERVICE_BAD_RESPONSE',
      reason: 'too large',
    });
    expect(body.pulled()).toBeLessThanOrEqual(4 * MiB + 2 * CHUNK);
    expect(body.cancelled()).toBe(true);
  });

  it.each([500, 404, 401])('does not read a 64 MiB error body (status %i) past the limit', async (status) => {
    const body = countedBody(64 * MiB);
    expect((await codeOf(service(body.stream, { status }).query(QUERY))).code).toMatch(
      /^SERVICE_(UNAVAILABLE|REJECTED|UNAUTHORIZED)$/,
    );
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024 + 2 * CHUNK);
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const body = countedBody(8 * MiB);
    const fetch = async (): Promise<Response> =>
      new Response(body.stream, { headers: { 'content-length': String(8 * MiB) } });
    expect(await codeOf(new HttpEligibilityService({ baseUrl: 'http://relay.invalid', fetch }).challenge())).toEqual({
      code: 'SERVICE_BAD_RESPONSE',
      reason: 'too large',
    });
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('honours the timeout while the body stalls, even when fetch ignores the signal', async () => {
    const body = stalledBody();
    expect((await codeOf(service(body.stream, {}, { timeoutMs: 50 }).challenge())).code).toBe('SERVICE_TIMEOUT');
    expect(body.cancelled()).toBe(true);
  });

  it('honours the caller abort while the body stalls', async () => {
    const body = stalledBody();
    const controller = new AbortController();
    const pending = service(body.stream, {}, { timeoutMs: 60_000 }).challenge({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await codeOf(pending)).code).toBe('SERVICE_ABORTED');
    expect(body.cancelled()).toBe(true);
  });

  it('refuses a body that is not UTF-8', async () => {
    expect(await codeOf(service(new Blob([new Uint8Array([0x7b, 0xff, 0x7d])]).stream()).challenge())).toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
    });
  });

  it('accepts exactly maxResponseBytes and refuses one byte more', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 64, max: 4096 }), fc.integer({ min: 1, max: 3 }), async (limit, over) => {
        const exact = JSON.stringify({ challenge: 'A'.repeat(24) }).padEnd(limit, ' ');
        const ok = await service(exact, {}, { maxResponseBytes: limit }).challenge();
        expect(ok.length).toBe(18);
        expect(await codeOf(service(exact + ' '.repeat(over), {}, { maxResponseBytes: limit }).challenge())).toEqual({
          code: 'SERVICE_BAD_RESPONSE',
          reason: 'too large',
        });
      }),
      { numRuns: 50 },
    );
  });
});
