// pnpm --filter @onshikit/portal-forms bench: how fast the forms validate as one types, and the
// 和暦 and check-digit helpers against the obvious peers, measured in one run.
import { Bench } from 'tinybench';
import { z } from 'zod';
import {
  checkDigitOf,
  formatWareki,
  toWareki,
  userRegistrationSchema,
  validateForm,
  validateInsurerNumber,
} from '../src/index.js';

const time = Number(process.env.BENCH_TIME_MS ?? 1000);
let sink = 0;

/** Runs a bench and prints ops/s with the ratio of `ours` to every task. */
async function report(title: string, bench: Bench, ours: string): Promise<void> {
  await bench.run();
  const hzOf = (name: string): number => {
    const r = bench.tasks.find((t) => t.name === name)!.result as unknown as {
      throughput?: { mean: number };
      hz?: number;
    };
    return r.throughput?.mean ?? r.hz ?? 0;
  };
  const base = hzOf(ours);
  console.log(`\n${title}`);
  console.table(
    bench.tasks.map((t) => ({
      task: t.name,
      'ops/s': Math.round(hzOf(t.name)).toLocaleString('en-US'),
      [`${ours} ×`]: (base / hzOf(t.name)).toFixed(2),
    })),
  );
}

// 1. A whole registration form, typed with full-width digits and hyphens, against a plain zod
//    object with the same field shapes and no normalisation or domain rules (the cost of ours).
const typed = {
  familyName: '髙橋',
  givenName: '一郎',
  affiliation: 'judo-therapy',
  agreementType: '契',
  practitionerNumber: '１２３４５',
  registrationSymbolNumber: '２８０４４４０－０－０',
  clinicName: 'たかはし整骨院',
  phoneNumber: '０７８ー１２３ー４５６７',
  email: 'info@takahashi.example.jp',
  password: 'Judo2024ok',
  passwordConfirmation: 'Judo2024ok',
  agreeToTerms: true,
};
const plain = {
  ...typed,
  practitionerNumber: '12345',
  registrationSymbolNumber: '契2804440-0-0',
  phoneNumber: '0781234567',
};
const plainZod = z.object({
  familyName: z.string().min(1),
  givenName: z.string().min(1),
  affiliation: z.enum(['judo-therapy', 'ahaki']),
  agreementType: z.enum(['協', '契']),
  practitionerNumber: z.string().regex(/^[0-9]{1,10}$/),
  registrationSymbolNumber: z.string().regex(/^[協契][0-9]{7}-[0-9]-[0-9]$/),
  clinicName: z.string().min(1),
  phoneNumber: z.string().regex(/^0[0-9]{9,10}$/),
  email: z.email(),
  password: z.string().min(8).max(100),
  passwordConfirmation: z.string(),
  agreeToTerms: z.literal(true),
});
const forms = new Bench({ time, warmupTime: Math.min(300, time) });
forms.add(
  'portal-forms validateForm',
  () => void (sink += validateForm(userRegistrationSchema, typed).success ? 1 : 0),
);
forms.add(
  'plain zod object (no normalising, no domain rules)',
  () => void (sink += plainZod.safeParse(plain).success ? 1 : 0),
);
await report('user registration form, one validation', forms, 'portal-forms validateForm');

// 2. 西暦 → 和暦 text: ours against Intl's Japanese calendar.
const dates = Array.from({ length: 1000 }, (_, i) => new Date(Date.UTC(1900 + (i % 200), i % 12, 1 + (i % 28))));
const calendar = dates.map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});
const wareki = new Bench({ time, warmupTime: Math.min(300, time) });
wareki.add('portal-forms toWareki + formatWareki', () => {
  for (const d of calendar) sink += formatWareki(toWareki(d)).length;
});
wareki.add('Intl.DateTimeFormat ja-JP-u-ca-japanese', () => {
  for (const d of dates) sink += intl.format(d).length;
});
await report('1000 dates to 和暦 text', wareki, 'portal-forms toWareki + formatWareki');

// 3. Check digits: ours against a direct split/map/reduce of the same rule.
const bodies = Array.from({ length: 1000 }, (_, i) => String((i * 7919) % 10_000_000).padStart(7, '0'));
const naive = (body: string): number => {
  const sum = body
    .split('')
    .reverse()
    .map((c, i) => (i % 2 === 0 ? Number(c) * 2 : Number(c)))
    .map((p) => (p > 9 ? p - 9 : p))
    .reduce((a, b) => a + b, 0);
  return (10 - (sum % 10)) % 10;
};
const digits = new Bench({ time, warmupTime: Math.min(300, time) });
digits.add('portal-forms checkDigitOf', () => {
  for (const b of bodies) sink += checkDigitOf(b);
});
digits.add('split/map/reduce', () => {
  for (const b of bodies) sink += naive(b);
});
digits.add('portal-forms validateInsurerNumber (full)', () => {
  for (const b of bodies) sink += validateInsurerNumber(b + '0').ok ? 1 : 0;
});
await report('1000 check digits', digits, 'portal-forms checkDigitOf');
console.log(`(checksum ${sink})`);
