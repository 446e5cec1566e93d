// docs/relay-openapi.yaml: onshi-kit's own relay protocol, whose examples decode with the codec.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  eligibilityRequestFromTree,
  eligibilityRequestToTree,
  eligibilityResponseFromTree,
  eligibilityResponseToTree,
} from '@onshikit/eligibility/xml';
import { describe, expect, it } from 'vitest';

const repo = path.join(import.meta.dirname, '../../..');

describe('docs/relay-openapi.yaml', () => {
  it('is marked as ours, names the two paths the client calls, and its examples decode with the codec', async () => {
    const text = await readFile(path.join(repo, 'docs/relay-openapi.yaml'), 'utf8');
    expect(text).toContain('x-onshikit-protocol: ours');
    expect(text).toMatch(/title: .*ours, not an official API/);
    expect(text).toMatch(/^ {2}\/challenge:\n {4}get:/m);
    expect(text).toMatch(/^ {2}\/qualification:\n {4}post:/m);
    const examples = [...text.matchAll(/example: (\{.*\})$/gm)].map(
      (m) => JSON.parse(m[1]!) as Record<string, unknown>,
    );
    expect(examples).toHaveLength(3);
    const [challenge, request, response] = examples as [
      { challenge: string },
      { XmlMsg: Record<string, unknown> },
      { XmlMsg: Record<string, unknown> },
    ];
    expect(typeof challenge.challenge).toBe('string');
    const query = eligibilityRequestFromTree(request.XmlMsg);
    expect(eligibilityRequestToTree(query)).toEqual(request.XmlMsg);
    const answer = eligibilityResponseFromTree(response.XmlMsg);
    expect(answer.results).toHaveLength(1);
    expect(eligibilityResponseToTree(answer)).toEqual(response.XmlMsg);
  });
});
