import { describe, expect, it } from 'vitest';
import { clientSchemas } from './protocol.ts';

let n = 0;
/** Distinct, well-formed ids without Node or DOM APIs (shared/ is isomorphic). */
const randomUUID = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('client payload schemas', () => {
  it('accepts a well-formed join and refuses a role asked for, extra fields and huge names', () => {
    const callId = randomUUID();
    expect(clientSchemas['call:join'].safeParse({ callId, displayName: '陳' }).success).toBe(true);
    // The call gives each party their role: none may be asked for, known or not.
    expect(clientSchemas['call:join'].safeParse({ callId, role: 'admin' }).success).toBe(false);
    expect(clientSchemas['call:join'].safeParse({ callId, role: 'caller' }).success).toBe(false);
    expect(clientSchemas['call:join'].safeParse({ callId, x: 1 }).success).toBe(false);
    expect(clientSchemas['call:join'].safeParse({ callId, displayName: 'a'.repeat(201) }).success).toBe(false);
    expect(clientSchemas['call:join'].safeParse({ callId: 'abc' }).success).toBe(false);
  });

  it('bounds the open WebRTC objects', () => {
    const transportId = randomUUID();
    const rtp = { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }], encodings: [{ ssrc: 1 }] };
    expect(clientSchemas['media:produce'].safeParse({ transportId, kind: 'video', source: 'camera', rtpParameters: rtp }).success).toBe(true);
    const many = { codecs: Array.from({ length: 17 }, () => ({})) };
    expect(clientSchemas['media:produce'].safeParse({ transportId, kind: 'video', source: 'camera', rtpParameters: many }).success).toBe(false);
    const fp = { algorithm: 'sha-256', value: 'AB:CD:EF' };
    expect(clientSchemas['media:connectTransport'].safeParse({ transportId, dtlsParameters: { fingerprints: [fp] } }).success).toBe(true);
    expect(clientSchemas['media:connectTransport'].safeParse({ transportId, dtlsParameters: { fingerprints: [{ ...fp, value: 'zz' }] } }).success).toBe(false);
  });
});
