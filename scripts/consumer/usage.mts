// Type-checked against the INSTALLED declarations with strict, exactOptionalPropertyTypes and
// skipLibCheck false (see consumer-test.sh). `@ts-expect-error` lines prove a type is not `any`:
// if a declaration degraded to `any`, the expected error disappears and tsc fails.
import { ApduError, isOnshikitError, type Transport } from '@onshikit/apdu';
import { CountingTransport, RecordingTransport } from '@onshikit/apdu/testing';
import { EligibilityError, isEligibilityError, type RececonStore } from '@onshikit/eligibility';
import { CardError } from '@onshikit/mynumber';
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { VirtualMyNumberCard, cardProfiles, createInProcessTransport } from '@onshikit/simulator';

export async function typedUsage(): Promise<void> {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  const inner: Transport = createInProcessTransport(card);
  // The wrappers are Transports under exactOptionalPropertyTypes.
  const recording: Transport = new RecordingTransport(inner);
  const counting: Transport = new CountingTransport(recording);
  await counting.close();

  const store: RececonStore = SqliteRececonStore.open({ filename: ':memory:' });
  // @ts-expect-error filename is a string: this fails only while the options are really typed
  SqliteRececonStore.open({ filename: 42 });
  await store.close();

  const error: unknown = new Error('x');
  if (isOnshikitError(error)) {
    const code: string = error.code;
    const ja: string = error.messages.ja;
    void code;
    void ja;
  }
  if (isEligibilityError(error)) {
    // @ts-expect-error code is a union of string literals, not any string
    const wrong: 'NOT_A_CODE' = error.code;
    void wrong;
  }

  // Each code's detail is typed: hasCode narrows it, a misspelt key or a missing one does not compile.
  const truncated = new ApduError('TLV_TRUNCATED', { detail: { need: 4, have: 1 } });
  if (truncated.hasCode('TLV_TRUNCATED')) {
    const need: number = truncated.detail.need;
    void need;
    // @ts-expect-error TLV_TRUNCATED carries need and have, not nede
    void truncated.detail.nede;
  }
  // @ts-expect-error TLV_TRUNCATED's detail needs need and have
  void new ApduError('TLV_TRUNCATED', { detail: { need: 4 } });
  if (error instanceof CardError && error.hasCode('CARD_PIN_WRONG')) {
    const tries: number | undefined = error.detail.triesLeft;
    void tries;
  }
  if (error instanceof EligibilityError) {
    // @ts-expect-error without narrowing, the detail is the union of every code's detail
    void error.detail.element;
  }
}
