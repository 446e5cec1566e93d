import { describe, it } from 'vitest';
import { runModel } from './support/card-model.js';

describe('model-based: virtual card + driver agree with a model of the real card (memo §1.4, §4.1, §6)', () => {
  it('random select / read / verify / sign / power-cycle / driver sequences (200 runs)', async () => {
    await runModel(200);
  });
});
