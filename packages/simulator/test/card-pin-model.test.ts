import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardProfiles, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';
import { SELECT_JPKI, send, swOf, verifyApdu } from './card-helpers.js';

/** The real card's auth-PIN state machine as docs/reference/card-protocol.md#command-table describes it (with §6 and §1.4 there). */
interface Model {
  triesLeft: number;
  verified: boolean;
}

interface Real {
  card: VirtualMyNumberCard;
}

type Command = fc.AsyncCommand<Model, Real>;

class VerifyRight implements Command {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const answer = await swOf(real.card, verifyApdu(TEST_PINS.auth, '98'));
    if (model.triesLeft === 0) {
      expect(answer).toBe('69 84');
    } else {
      expect(answer).toBe('90 00');
      model.triesLeft = 3;
      model.verified = true;
    }
  }
  toString = (): string => 'verify(right)';
}

class VerifyWrong implements Command {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const answer = await swOf(real.card, verifyApdu('0000', '98'));
    if (model.triesLeft === 0) {
      expect(answer).toBe('69 84');
    } else {
      model.triesLeft -= 1;
      model.verified = false;
      expect(answer).toBe(`63 C${model.triesLeft}`);
    }
  }
  toString = (): string => 'verify(wrong)';
}

class Query implements Command {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    expect(await swOf(real.card, '00 20 00 98')).toBe(`63 C${model.triesLeft}`);
  }
  toString = (): string => 'query';
}

class Sign implements Command {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const answer = await swOf(real.card, `80 2A 00 97 20 ${'AB '.repeat(32).trim()} 00`);
    expect(answer).toBe(model.verified ? '90 00' : '69 82');
  }
  toString = (): string => 'sign';
}

class WarmReset implements Command {
  check = (): boolean => true;
  async run(_model: Model, real: Real): Promise<void> {
    real.card.warmReset();
    await send(real.card, SELECT_JPKI);
  }
  toString = (): string => 'warmReset';
}

class PowerCycle implements Command {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    real.card.powerOff();
    real.card.powerOn();
    model.verified = false;
    await send(real.card, SELECT_JPKI);
  }
  toString = (): string => 'powerCycle';
}

describe('auth PIN state machine agrees with the model (fc.commands)', async () => {
  const base = await VirtualMyNumberCard.create(cardProfiles.standard());

  it('random sequences of verify/query/sign/reset', async () => {
    const commands = fc.commands(
      [
        fc.constant(new VerifyRight()),
        fc.constant(new VerifyWrong()),
        fc.constant(new Query()),
        fc.constant(new Sign()),
        fc.constant(new WarmReset()),
        fc.constant(new PowerCycle()),
      ],
      { maxCommands: 25 },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        // A fresh card on the same keys and certificates: construction is synchronous and cheap.
        const card = new VirtualMyNumberCard(cardProfiles.standard(), base.material);
        await send(card, SELECT_JPKI);
        await fc.asyncModelRun(() => ({ model: { triesLeft: 3, verified: false }, real: { card } }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});
