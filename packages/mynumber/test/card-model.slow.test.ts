import { describe, it } from 'vitest';
import { runModel } from './support/card-model.js';

describe('model-based (slow): 10 000 random sequences', () => {
  it('virtual card + driver agree with the model', async () => {
    await runModel(10_000, 30);
  }, 1_800_000);
});
