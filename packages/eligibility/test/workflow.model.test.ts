// Model-based test of the workflow (issue 7 §1): random cards, PINs, staff decisions, faults,
// service errors and cancellations; the invariants must hold for every sequence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EligibilityError,
  MemoryRececonStore,
  ReceptionWorkflow,
  type CheckHandle,
  type WorkflowEvent,
} from '@onshikit/eligibility';
import { FakeCard, ScriptedService, okResponse } from './support/fakes.js';

const scenario = fc.record({
  mode: fc.constantFrom<'visual' | 'pin'>('visual', 'pin'),
  triesLeft: fc.integer({ min: 0, max: 3 }),
  pinSet: fc.boolean(),
  removeAtOp: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  timeoutAtOp: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  pins: fc.array(fc.constantFrom('1234', '0000', '9999'), { maxLength: 5 }),
  visualOk: fc.boolean(),
  lastTryOk: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  cancelAtEvent: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }),
  service: fc.constantFrom('ok', 'not-found', 'multiple', 'unavailable', 'timeout', 'error-answer'),
});

const RUNS = process.env.ONSHIKIT_SLOW === '1' ? 5000 : 400;

describe('workflow model', () => {
  it(`keeps the invariants for random event sequences (${RUNS} runs)`, { timeout: 300_000 }, async () => {
    // What the random sequences reached, so the test cannot pass by never exercising a path.
    const reached = { lastTryVerify: 0, wrongPin: 0, cancelled: 0, failed: 0, done: 0, faceVisual: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const card = new FakeCard({
          triesLeft: s.triesLeft,
          pinSet: s.pinSet,
          removeAtOp: s.removeAtOp,
          timeoutAtOp: s.timeoutAtOp,
        });
        // One timeline of user actions and card operations.
        const timeline: string[] = [];
        const originalVerify = card.verifyAuthPin.bind(card);
        card.verifyAuthPin = async (pin, o) => {
          timeline.push(`verify:${card.triesLeft}:${o?.allowLastTry === true}`);
          return originalVerify(pin, o);
        };
        let requests = 0;
        const pinSource = {
          requestPin: async () => {
            timeline.push('pin-request');
            return new TextEncoder().encode(s.pins[requests++] ?? '0000');
          },
        };
        const service = new ScriptedService(async (q) => {
          switch (s.service) {
            case 'not-found':
              return okResponse(q, 4);
            case 'multiple':
              return okResponse(q, 5, 2);
            case 'unavailable':
              throw new EligibilityError('SERVICE_UNAVAILABLE');
            case 'timeout':
              throw new EligibilityError('SERVICE_TIMEOUT');
            case 'error-answer': {
              const { validity: _noValidity, ...answer } = okResponse(q);
              return { ...answer, status: 2, results: [] };
            }
            default:
              return okResponse(q);
          }
        });
        let presentations = 0;
        const workflow = new ReceptionWorkflow({
          service,
          store: new MemoryRececonStore(),
          pinSource,
          cards: {
            waitForCard: async () => {
              presentations += 1;
              return card.presented();
            },
          },
          settings: { institutionCode: '1312345678', identityMode: s.mode },
          now: () => new Date('2026-11-26T01:00:00Z'),
        });
        const events: WorkflowEvent[] = [];
        let lastTryIndex = 0;
        let handle: CheckHandle | undefined;
        const controller = new AbortController();
        handle = workflow.startCheck({
          signal: controller.signal,
          onEvent: (e) => {
            events.push(e);
            if (events.length - 1 === s.cancelAtEvent) {
              controller.abort();
              return;
            }
            queueMicrotask(() => {
              if (handle === undefined || handle.waitingFor === undefined) return;
              if (e.type === 'visual-confirmation-required')
                s.visualOk ? handle.confirmVisual() : handle.rejectVisual();
              if (e.type === 'last-try-confirmation-required') {
                const ok = s.lastTryOk[lastTryIndex++] ?? false;
                timeline.push(ok ? 'last-try-confirmed' : 'last-try-declined');
                if (ok) handle.confirmLastTry();
                else handle.declineLastTry();
              }
              if (e.type === 'selection-required') handle.selectResult(1);
            });
          },
        });
        const summary = await handle.done;

        // Exactly one terminal event, and it is the last event.
        const terminal = events.filter((e) => e.type === 'done' || e.type === 'failed' || e.type === 'cancelled');
        expect(terminal).toHaveLength(1);
        expect(events.at(-1)).toBe(terminal[0]);
        expect(terminal[0]?.type).toBe(summary.state);
        // The card is released exactly once when it was presented, and never used afterwards.
        expect(card.released).toBe(presentations);
        const releaseAt = card.log.findIndex((l) => l.op === 'release');
        if (releaseAt >= 0) expect(card.log.slice(releaseAt + 1)).toHaveLength(0);
        // Never two VERIFYs without a user action (a PIN request) in between; never a VERIFY
        // on the last try without the confirmation just before its PIN request.
        let sincePin = 0;
        for (const [i, step] of timeline.entries()) {
          if (step === 'pin-request') sincePin = 0;
          if (step.startsWith('verify:')) {
            sincePin += 1;
            expect(sincePin).toBe(1);
            const [, tries, allow] = step.split(':');
            if (tries === '1') {
              expect(allow).toBe('true');
              expect(timeline[i - 2]).toBe('last-try-confirmed');
            }
          }
        }
        // Verified entries in the card log never happened with triesBefore 1 and no permission.
        for (const v of card.log.filter((l) => l.op === 'verify'))
          if (v.triesBefore === 1) expect(v.allowLastTry).toBe(true);
        // A PIN-less card never sees a VERIFY; visual mode never sees one.
        if (!s.pinSet || s.mode === 'visual') expect(card.log.some((l) => l.op === 'verify')).toBe(false);
        // The state reported by the handle is the terminal one.
        expect(handle.state).toBe(summary.state);
        reached[summary.state] += 1;
        if (timeline.some((t) => t === 'verify:1:true')) reached.lastTryVerify += 1;
        if (events.some((e) => e.type === 'pin-wrong')) reached.wrongPin += 1;
        if (events.some((e) => e.type === 'face-card-detected') && summary.state === 'done') reached.faceVisual += 1;
      }),
      { numRuns: RUNS },
    );
    for (const [path, count] of Object.entries(reached)) expect(count, path).toBeGreaterThan(0);
  });
});
