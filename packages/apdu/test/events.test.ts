import { TransportError } from '@onshikit/apdu';
import { EventQueue, TypedEmitter } from '@onshikit/apdu/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type Ev = { type: 'a'; n: number } | { type: 'b'; n: number };

async function drain<T>(iterator: AsyncIterator<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for (;;) {
      const r = await iterator.next();
      if (r.done) return { items, error: undefined };
      items.push(r.value);
    }
  } catch (error) {
    return { items, error };
  }
}

describe('EventQueue (the one event iterator: PC/SC monitor, BLE reader)', () => {
  it('an aborted iterator rejects with ABORTED after the queued items, and detaches once', async () => {
    const controller = new AbortController();
    let ends = 0;
    const queue = new EventQueue<number>(() => ends++, controller.signal);
    queue.push(1);
    const pending = queue.next();
    expect(await pending).toEqual({ value: 1, done: false });
    const waiting = queue.next();
    controller.abort(new Error('desk closed'));
    const error = await waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('ABORTED');
    expect((error as TransportError).cause).toEqual(new Error('desk closed'));
    expect(ends).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('an already-aborted signal rejects the first next() at once and never registers', async () => {
    let ends = 0;
    const queue = new EventQueue<number>(() => ends++, AbortSignal.abort());
    expect(queue.ended).toBe(true);
    queue.push(1);
    await expect(queue.next()).rejects.toMatchObject({ code: 'ABORTED' });
    expect(ends).toBe(0);
  });

  it('return() (break) ends it, drops what is queued and detaches', async () => {
    let ends = 0;
    const queue = new EventQueue<number>(() => ends++);
    queue.push(1);
    queue.push(2);
    for await (const n of queue) {
      expect(n).toBe(1);
      break;
    }
    expect(ends).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('property: every pushed item comes out in order, then the end or the failure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { maxLength: 30 }),
        fc.constantFrom('end', 'fail', 'abort'),
        fc.nat(30),
        async (items, how, readFirst) => {
          const controller = new AbortController();
          const queue = new EventQueue<number>(() => undefined, controller.signal);
          const early: number[] = [];
          const split = Math.min(readFirst, items.length);
          for (const n of items.slice(0, split)) queue.push(n);
          for (let i = 0; i < split; i++) early.push((await queue.next()).value as number);
          for (const n of items.slice(split)) queue.push(n);
          const failure = new TransportError('READER_GONE');
          if (how === 'end') queue.end();
          else if (how === 'fail') queue.fail(failure);
          else controller.abort();
          queue.push(-1); // ignored after the end
          const rest = await drain(queue);
          expect([...early, ...rest.items]).toEqual(items);
          if (how === 'end') expect(rest.error).toBeUndefined();
          else if (how === 'fail') expect(rest.error).toBe(failure);
          else expect(rest.error).toMatchObject({ code: 'ABORTED' });
        },
      ),
    );
  });
});

describe('TypedEmitter', () => {
  it('delivers to typed and * listeners and to iterators; a throwing listener breaks nothing', async () => {
    const emitter = new TypedEmitter<Ev>();
    const seen: string[] = [];
    emitter.on('a', () => {
      throw new Error('listener bug');
    });
    const off = emitter.on('a', (e) => seen.push(`a${e.n}`));
    emitter.on('*', (e) => seen.push(`*${e.type}${e.n}`));
    const events = emitter.iterate();
    emitter.emit({ type: 'a', n: 1 });
    off();
    emitter.emit({ type: 'b', n: 2 });
    emitter.end();
    expect(seen).toEqual(['a1', '*a1', '*b2']);
    expect((await drain(events)).items).toEqual([
      { type: 'a', n: 1 },
      { type: 'b', n: 2 },
    ]);
  });

  it('abort rejects the iterator with ABORTED; an already-aborted signal at once (the reader-pcsc behaviour)', async () => {
    const emitter = new TypedEmitter<Ev>();
    const controller = new AbortController();
    const events = emitter.iterate(controller.signal);
    const next = events.next();
    controller.abort();
    await expect(next).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(emitter.iterate(AbortSignal.abort()).next()).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('an iterator opened after end() ends at once; after fail() it rejects with the failure', async () => {
    const ended = new TypedEmitter<Ev>();
    ended.end();
    expect(await ended.iterate().next()).toEqual({ value: undefined, done: true });
    const failed = new TypedEmitter<Ev>();
    const open = failed.iterate();
    const failure = new TransportError('READER_GONE');
    failed.fail(failure);
    await expect(open.next()).rejects.toBe(failure);
    await expect(failed.iterate().next()).rejects.toBe(failure);
  });
});
