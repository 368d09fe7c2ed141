// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Ack, ClientEventName } from '@sign-relay/shared';
import { errorCodeOf, request, SignalingError } from './socket.ts';
import type { AckEmitter } from './socket.ts';

/** An emitter whose acks come from `answer`; records what was sent and with which timeout. */
function emitter(answer: (event: ClientEventName) => Promise<Ack<unknown>>) {
  const sent: { event: string; payload: unknown; timeout: number }[] = [];
  const socket = {
    timeout: (ms: number) => ({
      emitWithAck: (event: ClientEventName, payload: unknown) => {
        sent.push({ event, payload, timeout: ms });
        return answer(event);
      },
    }),
  } as AckEmitter;
  return { socket, sent };
}

describe('request', () => {
  it('resolves with the data of an ok ack', async () => {
    const { socket, sent } = emitter(async () => ({ ok: true, data: { callId: 'c1' } }));
    await expect(request(socket, 'call:hangup', {})).resolves.toEqual({ callId: 'c1' });
    expect(sent).toEqual([{ event: 'call:hangup', payload: {}, timeout: 10_000 }]);
  });

  it('rejects with the coded error of a failed ack', async () => {
    const { socket } = emitter(async () => ({ ok: false, error: { code: 'CALL_FULL', message: 'full' } }));
    const error: unknown = await request(socket, 'call:leave', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingError);
    expect(errorCodeOf(error)).toBe('CALL_FULL');
  });

  it('rejects with TIMEOUT when no ack arrives', async () => {
    const { socket } = emitter(() => Promise.reject(new Error('operation has timed out')));
    const error: unknown = await request(socket, 'call:hangup', {}, 50).catch((e: unknown) => e);
    expect(errorCodeOf(error)).toBe('TIMEOUT');
  });

  it('reports unknown failures as INTERNAL', () => {
    expect(errorCodeOf(new Error('boom'))).toBe('INTERNAL');
  });
});
