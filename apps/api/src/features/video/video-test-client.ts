import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { VideoServerMessage } from '@openiop/core';

/** The little of a `ws` client socket the tests use. */
interface WsClient {
  send(data: string): void;
  close(code?: number): void;
  on(event: 'message', fn: (data: Buffer) => void): void;
  on(event: 'close', fn: (code: number) => void): void;
  on(event: 'open', fn: () => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
}
/** The `ws` package (a dependency of @fastify/websocket; it ships no types, so this is the little we use). */
const WebSocketClient = createRequire(import.meta.url)('ws') as new (url: string, opts: { headers: Record<string, string> }) => WsClient;

export interface RoomClient {
  messages: VideoServerMessage[];
  /** Resolves with the close code. */
  closed: Promise<number>;
  send(msg: unknown): void;
  sendRaw(text: string): void;
  /** The next (not yet taken) message of this type that matches, waiting for it if need be. */
  next<T extends VideoServerMessage['type']>(
    type: T,
    match?: (m: Extract<VideoServerMessage, { type: T }>) => boolean,
  ): Promise<Extract<VideoServerMessage, { type: T }>>;
  close(): void;
}

/**
 * A signalling client for int tests of the rooms: a real WebSocket over TCP to the app listening on a loopback port
 * (`app.injectWS`'s in-memory stream never reports a client's disconnect, which is half of what we test).
 */
export async function connectRoom(app: FastifyInstance, occurrenceId: string, headers: Record<string, string> = {}): Promise<RoomClient> {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('listen on a port first');
  const ws = new WebSocketClient(`ws://127.0.0.1:${address.port}/api/v1/video/${occurrenceId}/ws`, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  const messages: VideoServerMessage[] = [];
  const taken = new Set<number>();
  let wake: (() => void)[] = [];
  let resolveClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
  let isClosed = false;
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as VideoServerMessage);
    const w = wake;
    wake = [];
    for (const f of w) f();
  });
  ws.on('close', (code) => {
    isClosed = true;
    resolveClosed(code);
    const w = wake;
    wake = [];
    for (const f of w) f();
  });
  return {
    messages,
    closed,
    send: (msg) => ws.send(JSON.stringify(msg)),
    sendRaw: (text) => ws.send(text),
    close: () => ws.close(),
    async next(type, match) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const i = messages.findIndex((m, k) => !taken.has(k) && m.type === type && (!match || match(m as never)));
        if (i >= 0) {
          taken.add(i);
          return messages[i] as never;
        }
        if (isClosed) throw new Error(`closed while waiting for ${type}: ${JSON.stringify(messages)}`);
        if (Date.now() > deadline) throw new Error(`no ${type} message: ${JSON.stringify(messages)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 200);
          wake.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
  };
}
