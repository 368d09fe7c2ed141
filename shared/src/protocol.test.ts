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

describe('names and chat text shown to the other party', () => {
  const send = (body: string) => clientSchemas['chat:send'].safeParse({ sessionId: randomUUID(), clientKey: 'key-12345678', body });

  it('refuses chat text with bidi overrides or isolates (review #25)', () => {
    expect(send("pay to 123\u202E456").success).toBe(false);
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const r = send(`a${c}b`);
      expect(r.success, `U+${c.codePointAt(0)!.toString(16)}`).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/characters/);
    }
    // Joiners that scripts and emoji need stay allowed.
    expect(send('👩\u200D💻 می\u200Cخواهم').success).toBe(true);
  });

  it('fails an over-long chat body on its length alone, before the character checks copy it (review #14)', () => {
    const r = send(`${'長'.repeat(25_000)}\u0000`);
    expect(r.success).toBe(false);
    // One issue: the length. The body checks (which walk and copy the string) never ran.
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.code).toBe('too_big');
    // Within the transport bound, too many characters is still refused by the character count.
    expect(send('字'.repeat(2001)).success).toBe(false);
    expect(send('字'.repeat(2000)).success).toBe(true);
    expect(send('😀'.repeat(2000)).success).toBe(true);
    expect(send('😀'.repeat(2001)).success).toBe(false);
  });

  it('takes a caller display name of letters, spaces and punctuation only (review #25)', () => {
    const join = (displayName: string) => clientSchemas['call:join'].safeParse({ callId: randomUUID(), displayName });
    expect(join('王小明').success).toBe(true);
    expect(join('Mary-Jane O’Neil, Jr.').success).toBe(true);
    expect(join('Nguyễn Văn A').success).toBe(true);
    for (const bad of ['督導\u202E', 'a\u200Bb', 'admin\u0007', '☎ 1999', 'x'.repeat(101)]) expect(join(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
