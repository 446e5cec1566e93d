import {
  EligibilityError,
  type EligibilityQuery,
  type EligibilityResponse,
  type EligibilityService,
  type ServiceCallOptions,
} from '@onshikit/eligibility';

// The port the official API連携 will plug into once its interface is published. Until then an
// adapter can only say so plainly; the workflow shows SERVICE_UNAVAILABLE's message to the staff.
class OfficialAppLink implements EligibilityService {
  readonly name = 'official-app-link';
  async query(_query: EligibilityQuery, _options?: ServiceCallOptions): Promise<EligibilityResponse> {
    throw new EligibilityError('SERVICE_UNAVAILABLE', { detail: { reason: 'the official API連携 is not public yet' } });
  }
}

const service: EligibilityService = new OfficialAppLink();
const error = await service
  .query({
    kind: 'numbers',
    checkDate: '2026-12-03',
    institutionCode: '1312345678',
    fileId: 'x',
    insurerNumber: '06270015',
    number: '456',
    birthDate: '1980-02-17',
  })
  .catch((e: unknown) => e);
console.log(service.name, (error as EligibilityError).code);
// → official-app-link SERVICE_UNAVAILABLE
