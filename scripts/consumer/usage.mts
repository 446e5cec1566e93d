// Type-checked against the INSTALLED declarations with strict, exactOptionalPropertyTypes and
// skipLibCheck false (see consumer-test.sh). `@ts-expect-error` lines prove a type is not `any`:
// if a declaration degraded to `any`, the expected error disappears and tsc fails.
import { CountingTransport, RecordingTransport, isOnshikitError, type Transport } from '@onshikit/apdu';
import { isEligibilityError, type RececonStore } from '@onshikit/eligibility';
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
}
