/**
 * The server-sent-event streams of the reception page. Bounded in every direction: at most
 * `maxClients` streams (a new one closes the oldest, so a reloaded page always gets in), a
 * heartbeat that finds dead connections, and a cap on what may wait in a stream's buffer: a
 * client that does not read is disconnected rather than buffered for without limit.
 */
import type { ServerResponse } from 'node:http';
import { BASE_HEADERS } from './http-errors.js';

/** Bounds of an {@link SseHub}. */
export interface SseLimits {
  /** Streams open at once; the oldest is closed when a new one arrives. */
  readonly maxClients: number;
  /** Bytes that may wait in one stream's buffer before it is dropped. */
  readonly maxBufferedBytes: number;
  /** Interval of the heartbeat comment, in milliseconds. */
  readonly heartbeatMs: number;
}

/** Fan-out of events to the page's streams. */
export class SseHub {
  readonly #clients = new Set<ServerResponse>();
  readonly #limits: SseLimits;
  readonly #heartbeat: ReturnType<typeof setInterval>;
  #dropped = 0;

  constructor(limits: SseLimits) {
    this.#limits = limits;
    this.#heartbeat = setInterval(() => this.#send(': ping\n\n'), limits.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Streams open now. */
  get size(): number {
    return this.#clients.size;
  }

  /** Streams closed because they did not read (backpressure) since the hub started. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Starts a stream on `res`. */
  add(res: ServerResponse): void {
    while (this.#clients.size >= this.#limits.maxClients) {
      const oldest = this.#clients.values().next().value as ServerResponse;
      this.#clients.delete(oldest);
      oldest.end();
    }
    res.writeHead(200, {
      ...BASE_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
    res.on('error', () => this.#clients.delete(res));
  }

  /** Sends one event (JSON) to every stream. */
  broadcast(payload: unknown): void {
    this.#send(`data: ${JSON.stringify(payload)}\n\n`);
  }

  #send(frame: string): void {
    const size = Buffer.byteLength(frame);
    for (const client of this.#clients) {
      if (client.destroyed || client.writableEnded) {
        this.#clients.delete(client);
      } else if (client.writableLength + size > this.#limits.maxBufferedBytes) {
        this.#clients.delete(client);
        this.#dropped += 1;
        client.destroy();
      } else {
        client.write(frame);
      }
    }
  }

  /** Ends every stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}
