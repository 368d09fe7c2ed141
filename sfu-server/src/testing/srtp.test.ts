import { describe, expect, it } from 'vitest';
import { aesCmKeystream, deriveSessionKey, failureOf, flipBit, randomKeyBase64, SRTP_SUITES, SrtpSession, suiteLengths } from './srtp.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** An RTP packet with a CSRC and a one-byte header extension, so the header length is not the fixed 12. */
function rtp(seq: number, payload: Buffer, ssrc = 0x11223344): Buffer {
  const header = Buffer.alloc(12 + 4 + 8);
  header[0] = 0x80 | 0x10 | 1;
  header[1] = 111;
  header.writeUInt16BE(seq, 2);
  header.writeUInt32BE(seq * 960, 4);
  header.writeUInt32BE(ssrc, 8);
  header.writeUInt32BE(0xcafebabe, 12);
  header.writeUInt16BE(0xbede, 16);
  header.writeUInt16BE(1, 18);
  header.set([0x10, 0x7f, 0, 0], 20);
  return Buffer.concat([header, payload]);
}

/** A receiver report from `ssrc` with one report block. */
function receiverReport(ssrc: number, fractionLost: number): Buffer {
  const packet = Buffer.alloc(32);
  packet[0] = 0x81;
  packet[1] = 201;
  packet.writeUInt16BE(7, 2);
  packet.writeUInt32BE(ssrc, 4);
  packet.writeUInt32BE(0x55667788, 8);
  packet[12] = fractionLost;
  return packet;
}


describe('published test vectors', () => {
  it('RFC 3711 B.2: the AES-CM keystream', () => {
    const keystream = aesCmKeystream(hex('2B7E151628AED2A6ABF7158809CF4F3C'), hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD'), 0, 0, 0xff02 * 16);
    expect(keystream.subarray(0, 48).toString('hex')).toBe(
      'e03ead0935c95e80e166b16dd92b4eb4' + 'd23513162b02d0f72a43a2fe4a5f97ab' + '41e95b3bb0a2e8dd477901e4fca894c0',
    );
    expect(keystream.subarray(0xfeff * 16).toString('hex')).toBe(
      'ec8cdf7398607cb0f2d21675ea9ea1e4' + '362b7c3c6773516318a077d7fc5073ae' + '6a2cc3787889374fbeb4c81b17ba6c44',
    );
  });

  it('RFC 3711 B.3: session key, salt and authentication key derivation', () => {
    const masterKey = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
    const masterSalt = hex('0EC675AD498AFEEBB6960B3AABE6');
    expect(deriveSessionKey(masterKey, masterSalt, 0, 16).toString('hex')).toBe('c61e7a93744f39ee10734afe3ff7a087');
    expect(deriveSessionKey(masterKey, masterSalt, 2, 14).toString('hex')).toBe('30cbbc08863d8c85d49db34a9ae1');
    expect(deriveSessionKey(masterKey, masterSalt, 1, 20).toString('hex')).toBe('cebe321f6ff7716b6fd4ab49af256a156d38baa4');
  });

  // RFC 7714 sections 16 and 17 state session keys directly; the salt is "Quid pro quo" and the RTP payload
  // "Gallia est omnis divisa in partes tres".
  const salt = Buffer.from('Quid pro quo');
  const plainRtp = Buffer.concat([hex('8040f17b 8041f8d3 5501a0b2'), Buffer.from('Gallia est omnis divisa in partes tres')]);
  const gcm = (suite: 'AEAD_AES_128_GCM' | 'AEAD_AES_256_GCM', key: Buffer): SrtpSession => {
    const keys = { encKey: key, authKey: Buffer.alloc(0), salt };
    return new SrtpSession(suite, { rtp: keys, rtcp: keys });
  };
  const key128 = hex('000102030405060708090a0b0c0d0e0f');
  const key256 = hex('000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f');

  it('RFC 7714 16.1: AEAD_AES_128_GCM protects and unprotects the RTP packet', () => {
    const srtp = hex(
      '8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b' +
        '36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce',
    );
    expect(gcm('AEAD_AES_128_GCM', key128).protectRtp(plainRtp).toString('hex')).toBe(srtp.toString('hex'));
    expect(gcm('AEAD_AES_128_GCM', key128).unprotectRtp(srtp).toString('hex')).toBe(plainRtp.toString('hex'));
    expect(failureOf(() => gcm('AEAD_AES_128_GCM', key128).unprotectRtp(flipBit(srtp, 20)))).toBe('auth');
  });

  it('RFC 7714 16.2: AEAD_AES_128_GCM protects and unprotects the RTCP packet (SRTCP index 0x5d4)', () => {
    const plainRtcp = Buffer.concat([
      hex('81c8000d 4d617273'),
      Buffer.from('NTP1NTP2RTP '),
      hex('0000042a 0000e930'),
      Buffer.from('Luna'),
      hex('deadbeef deadbeef deadbeef deadbeef deadbeef'),
    ]);
    const srtcp = hex(
      '81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded' +
        '0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4',
    );
    expect(gcm('AEAD_AES_128_GCM', key128).protectRtcp(plainRtcp, 0x5d4).toString('hex')).toBe(srtcp.toString('hex'));
    expect(gcm('AEAD_AES_128_GCM', key128).unprotectRtcp(srtcp).toString('hex')).toBe(plainRtcp.toString('hex'));
  });

  it('RFC 7714 17.1: AEAD_AES_256_GCM protects and unprotects the RTP packet', () => {
    const srtp = hex(
      '8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa b1801238 9a58e2f3 b50b2a02 76ffae0f' +
        '1ba63799 b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13',
    );
    expect(gcm('AEAD_AES_256_GCM', key256).protectRtp(plainRtp).toString('hex')).toBe(srtp.toString('hex'));
    expect(gcm('AEAD_AES_256_GCM', key256).unprotectRtp(srtp).toString('hex')).toBe(plainRtp.toString('hex'));
  });
});

describe.each(SRTP_SUITES)('%s', (suite) => {
  const { keyLength, saltLength, rtpTagLength, rtcpTagLength } = suiteLengths(suite);

  it('takes master key and salt of the suite’s lengths', () => {
    expect(Buffer.from(randomKeyBase64(suite), 'base64')).toHaveLength(keyLength + saltLength);
    expect(() => new SrtpSession(suite, Buffer.alloc(keyLength + saltLength + 1).toString('base64'))).toThrow(/needs/);
  });

  it('round-trips RTP with a CSRC and a header extension, encrypting only the payload', () => {
    const key = randomKeyBase64(suite);
    const sender = new SrtpSession(suite, key);
    const receiver = new SrtpSession(suite, key);
    const payload = Buffer.from('the same payload, twice over: the same payload, twice over');
    const plain = rtp(1000, payload);
    const protectedPacket = sender.protectRtp(plain);
    expect(protectedPacket).toHaveLength(plain.length + rtpTagLength);
    expect(protectedPacket.subarray(0, 24).equals(plain.subarray(0, 24))).toBe(true);
    expect(protectedPacket.includes(payload)).toBe(false);
    expect(receiver.unprotectRtp(protectedPacket).equals(plain)).toBe(true);
  });

  it('refuses a replayed, a tampered and a wrongly keyed RTP packet, and accepts the next good one', () => {
    const key = randomKeyBase64(suite);
    const sender = new SrtpSession(suite, key);
    const receiver = new SrtpSession(suite, key);
    const first = sender.protectRtp(rtp(7, Buffer.from('first')));
    expect(failureOf(() => receiver.unprotectRtp(first))).toBe('none');
    expect(failureOf(() => receiver.unprotectRtp(first))).toBe('replay');
    const second = sender.protectRtp(rtp(8, Buffer.from('second')));
    expect(failureOf(() => receiver.unprotectRtp(flipBit(second, 25)))).toBe('auth');
    expect(failureOf(() => receiver.unprotectRtp(flipBit(second, second.length - 1)))).toBe('auth');
    expect(failureOf(() => receiver.unprotectRtp(flipBit(second, 4)))).toBe('auth');
    expect(failureOf(() => new SrtpSession(suite, randomKeyBase64(suite)).unprotectRtp(second))).toBe('auth');
    expect(receiver.unprotectRtp(second).subarray(24).toString()).toBe('second');
  });

  it('follows the rollover counter across a sequence number wrap', () => {
    const key = randomKeyBase64(suite);
    const sender = new SrtpSession(suite, key);
    const receiver = new SrtpSession(suite, key);
    for (const seq of [65533, 65534, 65535, 0, 1]) {
      expect(receiver.unprotectRtp(sender.protectRtp(rtp(seq, Buffer.from(`seq ${seq}`)))).subarray(24).toString()).toBe(`seq ${seq}`);
    }
  });

  it(`round-trips SRTCP with a ${rtcpTagLength * 8}-bit tag and refuses a replayed or tampered one`, () => {
    const key = randomKeyBase64(suite);
    const sender = new SrtpSession(suite, key);
    const receiver = new SrtpSession(suite, key);
    const report = receiverReport(0x0a0b0c0d, 42);
    const first = sender.protectRtcp(report);
    expect(first).toHaveLength(report.length + 4 + rtcpTagLength);
    expect(first.subarray(8, report.length).equals(report.subarray(8))).toBe(false);
    expect(receiver.unprotectRtcp(first).equals(report)).toBe(true);
    expect(failureOf(() => receiver.unprotectRtcp(first))).toBe('replay');
    const second = sender.protectRtcp(receiverReport(0x0a0b0c0d, 43));
    expect(failureOf(() => receiver.unprotectRtcp(flipBit(second, 12)))).toBe('auth');
    expect(failureOf(() => receiver.unprotectRtcp(flipBit(second, second.length - 5)))).toBe('auth');
    expect(failureOf(() => new SrtpSession(suite, randomKeyBase64(suite)).unprotectRtcp(second))).toBe('auth');
    expect(receiver.unprotectRtcp(second)[12]).toBe(43);
  });
});
