import {
  formatWareki,
  parseJapaneseDate,
  toFieldErrors,
  toWareki,
  userRegistrationSchema,
  validateForm,
  validateInsurerNumber,
} from '@onshikit/portal-forms';

// What a practitioner typed into the vendor's set-up screen (full-width, hyphens, IME on …).
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

const ok = validateForm(userRegistrationSchema, typed);
if (ok.success) console.log(ok.data.registrationSymbolNumber, ok.data.phoneNumber); // normalised for the portal

const wrong = validateForm(userRegistrationSchema, {
  ...typed,
  phoneNumber: '078-123-456',
  passwordConfirmation: 'judo2024ok',
});
if (!wrong.success) for (const e of wrong.errors) console.log(e.path, e.code, e.message.ja);
console.log(toFieldErrors(wrong.success ? [] : wrong.errors, 'en').passwordConfirmation?.message);

const insurer = validateInsurerNumber('01130013');
if (!insurer.ok) console.log(insurer.error.code, insurer.error.position, insurer.error.messages.en);

const birth = parseJapaneseDate('S55.2.17');
if (birth.ok) console.log(birth.value.iso, formatWareki(toWareki(birth.value.date)));
