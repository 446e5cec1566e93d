/**
 * How an eligibility service's promise ended, as one comparable string, for the tests of the file
 * link and the HTTP client (eligibility and simulator-service).
 */
import { EligibilityError } from '@onshikit/eligibility';
import { expect } from 'vitest';

async function settle(promise: Promise<unknown>): Promise<EligibilityError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(EligibilityError);
    return error as EligibilityError;
  }
}

/** `'resolved'`, or the code of the EligibilityError the promise rejected with (any other rejection fails the test). */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  return (await settle(promise))?.code ?? 'resolved';
}

/** Like {@link errorCode}, with the error's `detail.reason`: `CODE:reason`. */
export async function errorCodeAndReason(promise: Promise<unknown>): Promise<string> {
  const error = await settle(promise);
  if (error === undefined) return 'resolved';
  const detail: Readonly<Record<string, unknown>> = error.detail;
  return `${error.code}:${String(detail.reason ?? '')}`;
}
