/**
 * How the page talks to its local server: every request carries the launch token the server put
 * in the page's HTML (`<meta name="onshikit-token">`), in a header, never in a URL. The event
 * stream is read with `fetch` (EventSource cannot send headers) and reconnects by itself.
 */

const TOKEN_HEADER = 'x-onshikit-token';

function readToken(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="onshikit-token"]');
  const value = meta?.content ?? '';
  meta?.remove(); // nothing else on the page needs to see it
  return value;
}

const token = readToken();

/** A request to the local server with the token header. */
export function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(TOKEN_HEADER, token);
  return fetch(path, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
}

/** POSTs `body` as JSON. */
export function post(path: string, body: unknown = {}): Promise<Response> {
  return apiFetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** GETs JSON. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await apiFetch(path);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** What the event stream reports besides events. */
export interface StreamHandlers {
  onEvent(data: string): void;
  onOpen(): void;
  /** The server refused the token (it was restarted): the page must be reloaded. */
  onRefused(): void;
}

/** Reads `/api/events` (server-sent events) and reconnects after a dropped connection. */
export function openEventStream(handlers: StreamHandlers): void {
  let delay = 500;
  const connect = async (): Promise<void> => {
    try {
      const response = await apiFetch('/api/events', { headers: { accept: 'text/event-stream' } });
      if (response.status === 403 || response.status === 421) return handlers.onRefused();
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      handlers.onOpen();
      delay = 500;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data !== '') handlers.onEvent(data);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // reconnect below
    }
    setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 10_000);
  };
  void connect();
}
