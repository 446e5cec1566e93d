import { describe, it } from 'vitest';
import { runModel } from './support/card-model.js';

describe('model-based: virtual card + driver agree with a model of the real card (docs/reference/card-protocol.md#reset-behaviour, docs/reference/card-protocol.md#command-table, docs/reference/card-protocol.md#status-words)', () => {
  it('random select / read / verify / sign / power-cycle / driver sequences (200 runs)', async () => {
    await runModel(200);
  });
});
