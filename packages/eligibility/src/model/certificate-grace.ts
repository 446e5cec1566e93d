/**
 * The grace MHLW allows after the 利用者証明用電子証明書 lapses: for three months after the
 * certificate's expiry the card can still be used as a health insurance card
 * (docs/reference/card-protocol.md#certificate-validity). The national service decides; the
 * SDK only mirrors the rule so the desk warns instead of refusing, and the simulated service
 * answers the same way. The exact last day is not published in the sources we hold: the SDK
 * takes "three calendar months after the JST expiry date, through the end of that day"
 * (a choice, not a sourced rule; shorter months clamp to their last day).
 * @module
 */

const JST = 9 * 3_600_000;

/** Length of MHLW's grace, in calendar months. */
export const CERTIFICATE_GRACE_MONTHS = 3;

/** The last instant a lapsed certificate is still accepted: end of the JST day three calendar months after `notAfter`. */
export function certificateGraceEnd(notAfter: Date): Date {
  const jst = new Date(notAfter.getTime() + JST);
  const y = jst.getUTCFullYear();
  const m = jst.getUTCMonth() + CERTIFICATE_GRACE_MONTHS;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(jst.getUTCDate(), last);
  return new Date(Date.UTC(y, m, d + 1) - JST - 1);
}

/** Where an instant falls against a certificate's validity and MHLW's grace. */
export type CertificateValidityStatus = 'not-yet-valid' | 'valid' | 'in-grace' | 'expired';

/** Classifies `now` against `notBefore`/`notAfter` and the grace ({@link certificateGraceEnd}). */
export function certificateValidityAt(
  certificate: { readonly notBefore: Date; readonly notAfter: Date },
  now: Date,
): CertificateValidityStatus {
  const t = now.getTime();
  if (t < certificate.notBefore.getTime()) return 'not-yet-valid';
  if (t <= certificate.notAfter.getTime()) return 'valid';
  return t <= certificateGraceEnd(certificate.notAfter).getTime() ? 'in-grace' : 'expired';
}
