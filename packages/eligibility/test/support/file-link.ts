/**
 * The terminal's side of eligibility's file-link tests, played in-process: the share's folders
 * and a found patient's answer as a 資格確認端末 writes it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildEligibilityResult, type EligibilityResponse, type NumbersQuery } from '@onshikit/eligibility';
import { sampleResultInput } from '@onshikit/eligibility/testing';

/** The client's folders under `root`: the share's `req/`, `res/` and `face/` (created) and the local `local/` (not). */
export async function terminalFolders(
  root: string,
): Promise<{ req: string; res: string; face: string; state: string }> {
  const folders = {
    req: path.join(root, 'req'),
    res: path.join(root, 'res'),
    face: path.join(root, 'face'),
    state: path.join(root, 'local'),
  };
  for (const d of [folders.req, folders.res, folders.face]) await mkdir(d);
  return folders;
}

/** A found patient's answer to `q`, named `name`, as a 資格確認端末 writes it. */
export const foundAnswer = (q: NumbersQuery, name: string): EligibilityResponse => ({
  header: {
    processedAt: `${q.checkDate}T10:00:00`,
    checkDate: q.checkDate,
    institutionCode: q.institutionCode,
    fileId: q.fileId,
    referenceClassification: 2,
    segmentOfResult: 1,
  },
  status: 1,
  validity: 1,
  results: [
    buildEligibilityResult(
      sampleResultInput({
        checkDate: q.checkDate,
        referenceClassification: 2,
        insurerNumber: q.insurerNumber,
        number: q.number,
        birthDate: q.birthDate,
        name,
        insuredName: name,
      }),
    ),
  ],
});
