import { describe, expect, it } from 'vitest';
import { MemoryRececonStore, ReceptionWorkflow, type WorkflowEvent } from '@onshikit/eligibility';
import { EligibilityError, certificateGraceEnd, certificateValidityAt } from '@onshikit/eligibility';
import { FakeCard, ListPinSource, ScriptedService, okResponse } from './support/fakes.js';

const NOW = new Date('2026-11-26T01:00:00Z');

function setup(card: FakeCard, mode: 'visual' | 'pin', pins: string[] = ['1234'], service = new ScriptedService()) {
  const store = new MemoryRececonStore();
  const pinSource = new ListPinSource(pins);
  const workflow = new ReceptionWorkflow({
    service,
    store,
    pinSource,
    cards: { waitForCard: async () => card.presented() },
    settings: { institutionCode: '1312345678', identityMode: mode },
    operator: 'op-1',
    now: () => NOW,
  });
  return { workflow, store, pinSource, service };
}

function autoConfirm(handle: () => { confirmVisual(): void; confirmLastTry(): void }, events: WorkflowEvent[]) {
  return (e: WorkflowEvent) => {
    events.push(e);
    if (e.type === 'visual-confirmation-required') handle().confirmVisual();
    if (e.type === 'last-try-confirmation-required') handle().confirmLastTry();
  };
}

describe('ReceptionWorkflow', () => {
  it('visual mode: reads the certificate, waits for the staff, queries, saves', async () => {
    const card = new FakeCard();
    const { workflow, store, service } = setup(card, 'visual');
    const events: WorkflowEvent[] = [];
    const check = workflow.startCheck({ onEvent: autoConfirm(() => check, events) });
    const summary = await check.done;
    expect(summary).toMatchObject({ state: 'done', outcome: 'valid', mode: 'visual', saved: true });
    expect(events.filter((e) => e.type === 'state').map((e) => (e as { state: string }).state)).toEqual([
      'waiting-for-card',
      'card-detected',
      'identity-check',
      'querying',
      'result',
      'saving',
      'done',
    ]);
    const percents = events.flatMap((e) => (e.type === 'progress' ? [e.percent] : []));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(card.log.some((l) => l.op === 'verify')).toBe(false);
    expect(card.released).toBe(1);
    expect(service.calls[0]).toMatchObject({
      kind: 'card',
      identity: 'visual',
      fileId: check.checkId,
      checkDate: '2026-11-26',
    });
    const saved = await store.getCheck(check.checkId);
    expect(saved).toMatchObject({ outcome: 'valid', mode: 'visual', certificate: { serial: '0a1b2c' } });
  });

  it('pin mode: checks tries, verifies once, signs the challenge', async () => {
    const card = new FakeCard();
    const { workflow, service } = setup(card, 'pin');
    const check = workflow.startCheck({ onEvent: autoConfirm(() => check, []) });
    const summary = await check.done;
    expect(summary.state).toBe('done');
    expect(card.log.map((l) => l.op)).toEqual(['detect', 'read-cert', 'pin-status', 'verify', 'sign', 'release']);
    const q = service.calls[0];
    expect(q?.kind === 'card' && q.signature?.value.length).toBe(256);
  });

  it('wrong PIN asks the PIN source again (no automatic retry) and asks for confirmation on the last try', async () => {
    const card = new FakeCard();
    const { workflow, pinSource } = setup(card, 'pin', ['0000', '1111', '1234']);
    const events: WorkflowEvent[] = [];
    const check = workflow.startCheck({ onEvent: autoConfirm(() => check, events) });
    const summary = await check.done;
    expect(summary.state).toBe('done');
    expect(pinSource.requests).toBe(3);
    const verifies = card.log.filter((l) => l.op === 'verify');
    expect(verifies.map((v) => [v.triesBefore, v.allowLastTry])).toEqual([
      [3, false],
      [2, false],
      [1, true],
    ]);
    expect(events.filter((e) => e.type === 'pin-wrong').map((e) => (e as { triesLeft: number }).triesLeft)).toEqual([
      2, 1,
    ]);
    expect(events.some((e) => e.type === 'last-try-confirmation-required')).toBe(true);
  });

  it('declining the last try stops without a VERIFY', async () => {
    const card = new FakeCard({ triesLeft: 1 });
    const { workflow } = setup(card, 'pin');
    const check = workflow.startCheck({
      onEvent: (e) => e.type === 'last-try-confirmation-required' && check.declineLastTry(),
    });
    const summary = await check.done;
    expect(summary.error?.code).toBe('LAST_TRY_DECLINED');
    expect(card.log.filter((l) => l.op === 'verify')).toHaveLength(0);
  });

  it('a blocked PIN stops with CARD_PIN_BLOCKED and municipal office advice', async () => {
    const card = new FakeCard({ triesLeft: 0 });
    const { workflow, store } = setup(card, 'pin');
    const summary = await workflow.startCheck().done;
    expect(summary.state).toBe('failed');
    expect(summary.error?.code).toBe('CARD_PIN_BLOCKED');
    expect(summary.error?.messages.ja).toContain('市区町村');
    expect(card.released).toBe(1);
    const audit = await store.listAudit({});
    expect(audit.at(-1)).toMatchObject({ action: 'check', outcome: 'CARD_PIN_BLOCKED', mode: 'pin' });
  });

  it('a face-authentication card (no PIN) is checked visually even in PIN mode', async () => {
    const card = new FakeCard({ pinSet: false });
    const { workflow } = setup(card, 'pin');
    const events: WorkflowEvent[] = [];
    const check = workflow.startCheck({ onEvent: autoConfirm(() => check, events) });
    const summary = await check.done;
    expect(summary).toMatchObject({ state: 'done', mode: 'visual' });
    expect(events.some((e) => e.type === 'face-card-detected')).toBe(true);
    expect(card.log.some((l) => l.op === 'verify')).toBe(false);
  });

  it('an expired certificate stops with the renewal message; a missing one too', async () => {
    for (const [card, code] of [
      [new FakeCard({ notAfter: new Date('2026-01-01T00:00:00Z') }), 'CERTIFICATE_EXPIRED'],
      [new FakeCard({ certMissing: true }), 'CERTIFICATE_MISSING'],
    ] as const) {
      const { workflow } = setup(card, 'pin');
      const summary = await workflow.startCheck().done;
      expect(summary.error?.code).toBe(code);
      expect(summary.error?.messages.ja).toContain('市区町村');
      expect(card.log.some((l) => l.op === 'verify')).toBe(false);
      expect(card.released).toBe(1);
    }
  });

  it('rejecting the visual check fails with VISUAL_REJECTED', async () => {
    const card = new FakeCard();
    const { workflow } = setup(card, 'visual');
    const check = workflow.startCheck({
      onEvent: (e) => e.type === 'visual-confirmation-required' && check.rejectVisual(),
    });
    expect((await check.done).error?.code).toBe('VISUAL_REJECTED');
  });

  it('cancel while waiting for the staff releases the card and ends cancelled', async () => {
    const card = new FakeCard();
    const { workflow } = setup(card, 'visual');
    const controller = new AbortController();
    const check = workflow.startCheck({
      signal: controller.signal,
      onEvent: (e) => e.type === 'visual-confirmation-required' && controller.abort(),
    });
    const summary = await check.done;
    expect(summary.state).toBe('cancelled');
    expect(card.released).toBe(1);
    expect(() => check.confirmVisual()).toThrow(EligibilityError);
  });

  it('a card that arrives after a cancel is released; the check ends cancelled', async () => {
    const card = new FakeCard();
    let deliver: (() => void) | undefined;
    const workflow = new ReceptionWorkflow({
      service: new ScriptedService(),
      // A card source that ignores the signal and answers late.
      cards: { waitForCard: () => new Promise((resolve) => (deliver = () => resolve(card.presented()))) },
      settings: { institutionCode: '1312345678', identityMode: 'visual' },
    });
    const check = workflow.startCheck();
    check.cancel();
    setTimeout(() => deliver?.(), 10);
    const summary = await check.done;
    expect(summary.state).toBe('cancelled');
    expect(card.released).toBe(1);
    expect(card.log.map((l) => l.op)).toEqual(['release']);
  });

  it('warns when the certificate expires soon', async () => {
    const soon = new FakeCard({ notAfter: new Date('2026-12-20T00:00:00Z') });
    const events: WorkflowEvent[] = [];
    const first = setup(soon, 'visual').workflow.startCheck({ onEvent: autoConfirm(() => first, events) });
    expect((await first.done).state).toBe('done');
    expect(events.find((e) => e.type === 'certificate-expiring')).toMatchObject({
      notAfter: '2026-12-20T00:00:00.000Z',
    });
    expect(events.find((e) => e.type === 'certificate-expiring')).not.toHaveProperty('graceUntil');
  });

  const lapsedWorkflow = (notAfter: string, certificateGraceDays?: number) => {
    const lapsed = new FakeCard({ notAfter: new Date(notAfter) });
    return new ReceptionWorkflow({
      service: new ScriptedService(),
      store: new MemoryRececonStore(),
      cards: { waitForCard: async () => lapsed.presented() },
      settings: { institutionCode: '1312345678', identityMode: 'visual' },
      now: () => NOW,
      ...(certificateGraceDays === undefined ? {} : { certificateGraceDays }),
    });
  };

  it('MHLW 3-month grace (docs/reference/card-protocol.md#certificate-validity): by default a lapsed certificate warns, not refuses', async () => {
    const events: WorkflowEvent[] = [];
    const workflow = lapsedWorkflow('2026-10-01T00:00:00Z');
    const check = workflow.startCheck({ onEvent: autoConfirm(() => check, events) });
    expect((await check.done).state).toBe('done');
    const warning = events.find((e) => e.type === 'certificate-expiring');
    expect(warning).toMatchObject({ notAfter: '2026-10-01T00:00:00.000Z', graceUntil: '2027-01-01T14:59:59.999Z' });
    expect(warning?.message.ja).toContain('3か月');
    // Just inside and just past the grace (NOW is 2026-11-26 10:00 JST).
    const inside = lapsedWorkflow('2026-08-25T15:00:00Z');
    const last = inside.startCheck({ onEvent: autoConfirm(() => last, []) });
    expect((await last.done).state).toBe('done');
    expect((await lapsedWorkflow('2026-08-25T14:59:59Z').startCheck().done).error?.code).toBe('CERTIFICATE_EXPIRED');
  });

  it('certificateGraceDays overrides the grace: 0 refuses any lapsed certificate at the desk', async () => {
    expect((await lapsedWorkflow('2026-10-01T00:00:00Z', 0).startCheck().done).error?.code).toBe('CERTIFICATE_EXPIRED');
    const workflow = lapsedWorkflow('2026-10-01T00:00:00Z', 90);
    const check = workflow.startCheck({ onEvent: autoConfirm(() => check, []) });
    expect((await check.done).state).toBe('done');
  });

  it('certificateGraceEnd: three calendar months after the JST expiry date, through that day; short months clamp', () => {
    expect(certificateGraceEnd(new Date('2026-08-26T00:00:00Z')).toISOString()).toBe('2026-11-26T14:59:59.999Z');
    expect(certificateGraceEnd(new Date('2026-11-30T14:59:59Z')).toISOString()).toBe('2027-02-28T14:59:59.999Z');
    expect(certificateGraceEnd(new Date('2027-11-30T15:00:00Z')).toISOString()).toBe('2028-03-01T14:59:59.999Z');
    expect(certificateGraceEnd(new Date('2027-11-29T15:00:00Z')).toISOString()).toBe('2028-02-29T14:59:59.999Z');
    const cert = { notBefore: new Date('2021-01-01T00:00:00Z'), notAfter: new Date('2026-08-26T00:00:00Z') };
    expect(certificateValidityAt(cert, new Date('2020-01-01T00:00:00Z'))).toBe('not-yet-valid');
    expect(certificateValidityAt(cert, new Date('2026-08-26T00:00:00Z'))).toBe('valid');
    expect(certificateValidityAt(cert, new Date('2026-11-26T14:59:59Z'))).toBe('in-grace');
    expect(certificateValidityAt(cert, new Date('2026-11-26T15:00:00Z'))).toBe('expired');
  });

  it('card removed mid-read fails with CARD_REMOVED and releases', async () => {
    const card = new FakeCard({ removeAtOp: 1 });
    const { workflow } = setup(card, 'visual');
    const summary = await workflow.startCheck().done;
    expect(summary.error?.code).toBe('CARD_REMOVED');
    expect(card.released).toBe(1);
  });

  it('several results wait for the staff to choose; the choice is saved', async () => {
    const card = new FakeCard();
    const service = new ScriptedService(async (q) => okResponse(q, 5, 3));
    const { workflow, store } = setup(card, 'visual', [], service);
    const check = workflow.startCheck({
      onEvent: (e) => {
        if (e.type === 'visual-confirmation-required') check.confirmVisual();
        if (e.type === 'selection-required') check.selectResult(2);
      },
    });
    const summary = await check.done;
    expect(summary).toMatchObject({ state: 'done', outcome: 'multiple' });
    expect(summary.result?.number).toBe('1002');
    expect((await store.getCheck(check.checkId))?.result?.number).toBe('1002');
  });

  it('manual fallback queries by numbers after validating them', async () => {
    const { workflow, service } = setup(new FakeCard(), 'visual');
    expect(() =>
      workflow.startManualCheck({ insurerNumber: '01130013', number: '1', birthDate: '1980-01-01' }),
    ).toThrow(/INVALID_MANUAL_ENTRY/);
    const check = workflow.startManualCheck({
      insurerNumber: '０１１３００１２',
      symbol: '１２３',
      number: '45',
      branch: '01',
      birthDate: '1980-02-17',
    });
    const summary = await check.done;
    expect(summary).toMatchObject({ state: 'done', mode: 'manual' });
    expect(service.calls[0]).toMatchObject({
      kind: 'numbers',
      insurerNumber: '01130012',
      symbol: '123',
      number: '45',
      branch: '01',
    });
  });

  it('refuses to start while the desk is locked', async () => {
    const card = new FakeCard();
    const workflow = new ReceptionWorkflow({
      service: new ScriptedService(),
      cards: { waitForCard: async () => card.presented() },
      settings: { institutionCode: '1312345678', identityMode: 'visual' },
      session: { locked: true, touch: () => undefined },
    });
    const summary = await workflow.startCheck().done;
    expect(summary.error?.code).toBe('SESSION_LOCKED');
    expect(card.log).toHaveLength(0);
  });

  it('a service error answer ends failed with the service message', async () => {
    const service = new ScriptedService(async (q) => {
      const { validity: _noValidity, ...answer } = okResponse(q);
      return { ...answer, status: 2, results: [], processingResultCode: 'E001' };
    });
    const { workflow } = setup(new FakeCard(), 'visual', [], service);
    const check = workflow.startCheck({
      onEvent: (e) => e.type === 'visual-confirmation-required' && check.confirmVisual(),
    });
    expect((await check.done).error?.code).toBe('SERVICE_PROCESSING_ERROR');
  });
});
