/**
 * A small SRTP/SRTCP endpoint for tests, built on Node's `crypto` alone, so the mediasoup worker's SRTP (libsrtp)
 * can be checked against an implementation that shares no code with it: RFC 3711 (AES-CM key derivation,
 * AES-CM encryption, HMAC-SHA1 authentication) and RFC 7714 (AES-GCM for SRTP and SRTCP).
 *
 * One `SrtpSession` is one direction's keys, as in mediasoup's `srtpParameters`: the sender protects with it and
 * the receiver unprotects with the same parameters. It keeps the state each side needs (rollover counter, SRTCP
 * index, replay list) per SSRC. Not for production: no MKI, no key derivation rate, no key lifetime.
 */
import { createCipheriv, createDecipheriv, createHmac, type Decipher, randomBytes, timingSafeEqual } from 'node:crypto';

/** The four suites mediasoup's routers offer (`types.SrtpCryptoSuite`). */
export const SRTP_SUITES = ['AEAD_AES_256_GCM', 'AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'] as const;
export type SrtpSuite = (typeof SRTP_SUITES)[number];

interface SuiteSpec {
  /** Master (and session) key length in bytes. */
  keyLength: number;
  /** Master (and session) salt length in bytes. */
  saltLength: number;
  aead: boolean;
  rtpTagLength: number;
  /** SRTCP keeps the 80-bit tag even for AES_CM_128_HMAC_SHA1_32 (RFC 5764 section 4.1.2). */
  rtcpTagLength: number;
}

const SUITES: Record<SrtpSuite, SuiteSpec> = {
  AEAD_AES_256_GCM: { keyLength: 32, saltLength: 12, aead: true, rtpTagLength: 16, rtcpTagLength: 16 },
  AEAD_AES_128_GCM: { keyLength: 16, saltLength: 12, aead: true, rtpTagLength: 16, rtcpTagLength: 16 },
  AES_CM_128_HMAC_SHA1_80: { keyLength: 16, saltLength: 14, aead: false, rtpTagLength: 10, rtcpTagLength: 10 },
  AES_CM_128_HMAC_SHA1_32: { keyLength: 16, saltLength: 14, aead: false, rtpTagLength: 4, rtcpTagLength: 10 },
};

const AUTH_KEY_LENGTH = 20;
const SRTCP_INDEX_LENGTH = 4;
const RTCP_HEADER_LENGTH = 8;
/** The replay window mediasoup gives libsrtp (`window_size = 1024`); SRTCP uses the same here. */
const REPLAY_WINDOW = 1024;

/** Why a packet was refused: a failed tag, an index already seen (or too old), or bytes that are not a packet. */
export type SrtpFailure = 'auth' | 'replay' | 'malformed';

export class SrtpError extends Error {
  constructor(
    readonly reason: SrtpFailure,
    message: string,
  ) {
    super(`${reason}: ${message}`);
    this.name = 'SrtpError';
  }
}

/** What a protect or unprotect call refused with, or 'none' when it passed (tests compare the reasons). */
export function failureOf(run: () => unknown): SrtpFailure | 'none' {
  try {
    run();
    return 'none';
  } catch (err) {
    if (err instanceof SrtpError) return err.reason;
    throw err;
  }
}

/** A copy of the packet with the lowest bit of one byte flipped (a tampered packet). */
export function flipBit(packet: Buffer, at: number): Buffer {
  const copy = Buffer.from(packet);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

/** Key lengths of a suite, for building `srtpParameters` and for the tests of this module. */
export function suiteLengths(suite: SrtpSuite): { keyLength: number; saltLength: number; rtpTagLength: number; rtcpTagLength: number } {
  const { keyLength, saltLength, rtpTagLength, rtcpTagLength } = SUITES[suite];
  return { keyLength, saltLength, rtpTagLength, rtcpTagLength };
}

/** A fresh random master key ‖ master salt, base64, as `srtpParameters.keyBase64` carries it. */
export function randomKeyBase64(suite: SrtpSuite): string {
  const spec = SUITES[suite];
  return randomBytes(spec.keyLength + spec.saltLength).toString('base64');
}

function aesCtr(key: Buffer): string {
  return key.length === 32 ? 'aes-256-ctr' : 'aes-128-ctr';
}

function aesGcm(key: Buffer): 'aes-256-gcm' | 'aes-128-gcm' {
  return key.length === 32 ? 'aes-256-gcm' : 'aes-128-gcm';
}

/**
 * RFC 3711 section 4.3 key derivation with a key derivation rate of 0: the AES-CM PRF keyed with the master key,
 * run from IV = (master salt XOR label at byte 7) ‖ 0x0000. A 12-byte (AES-GCM) master salt is padded with zeros
 * to the 14 bytes the PRF expects, as RFC 7714 section 11 and libsrtp do.
 */
export function deriveSessionKey(masterKey: Buffer, masterSalt: Buffer, label: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  masterSalt.copy(iv, 0, 0, Math.min(masterSalt.length, 14));
  iv[7] = iv[7]! ^ label;
  return createCipheriv(aesCtr(masterKey), masterKey, iv).update(Buffer.alloc(length));
}

/**
 * The AES-CM keystream of RFC 3711 section 4.1.1 for one packet: counter block = (session salt ‖ 0x0000) XOR
 * (SSRC at bytes 4..7) XOR (packet index at bytes 8..13), incremented per 16-byte block.
 */
export function aesCmKeystream(sessionKey: Buffer, sessionSalt: Buffer, ssrc: number, index: number, length: number): Buffer {
  return aesCm(sessionKey, sessionSalt, ssrc, index, Buffer.alloc(length));
}

function aesCm(sessionKey: Buffer, sessionSalt: Buffer, ssrc: number, index: number, data: Buffer): Buffer {
  const iv = Buffer.alloc(16);
  sessionSalt.copy(iv, 0, 0, 14);
  xorInto(iv, 4, u32(ssrc));
  xorInto(iv, 8, u48(index));
  return createCipheriv(aesCtr(sessionKey), sessionKey, iv).update(data);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function u48(n: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUIntBE(n, 0, 6);
  return b;
}

function xorInto(target: Buffer, offset: number, bytes: Buffer): void {
  for (let i = 0; i < bytes.length; i++) target[offset + i] = target[offset + i]! ^ bytes[i]!;
}

/** The 12-byte AES-GCM IV of RFC 7714 sections 8.1 (RTP) and 9.1 (RTCP): salt XOR the packet's own fields. */
function gcmIv(sessionSalt: Buffer, ssrc: number, high: number, low: number, lowLength: 2 | 4): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(ssrc >>> 0, 2);
  if (lowLength === 2) {
    iv.writeUInt32BE(high >>> 0, 6);
    iv.writeUInt16BE(low, 10);
  } else {
    iv.writeUInt32BE(low >>> 0, 8);
  }
  xorInto(iv, 0, sessionSalt.subarray(0, 12));
  return iv;
}

function hmacTag(authKey: Buffer, length: number, ...parts: Buffer[]): Buffer {
  const mac = createHmac('sha1', authKey);
  for (const part of parts) mac.update(part);
  return mac.digest().subarray(0, length);
}

/** The RTP header's length: fixed header, CSRCs, and the header extension if the X bit is set. */
export function rtpHeaderLength(packet: Buffer): number {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) throw new SrtpError('malformed', 'not an RTP packet');
  let length = 12 + 4 * (packet[0]! & 0x0f);
  if (packet[0]! & 0x10) {
    if (packet.length < length + 4) throw new SrtpError('malformed', 'truncated header extension');
    length += 4 + 4 * packet.readUInt16BE(length + 2);
  }
  if (packet.length < length) throw new SrtpError('malformed', 'truncated RTP header');
  return length;
}

/** Session keys of one of RTP or RTCP; `authKey` is empty for the AES-GCM suites. */
export interface SessionKeys {
  encKey: Buffer;
  authKey: Buffer;
  salt: Buffer;
}

interface ReplayList {
  highest: number;
  seen: Set<number>;
}

interface RtpStreamState {
  /** Sender: the rollover counter and the last sequence number sent. Receiver: RFC 3711's ROC and s_l. */
  roc: number;
  lastSeq: number;
  replay: ReplayList;
}

/** Accepts an index once, inside a window below the highest seen (RFC 3711 section 3.3.2). */
function checkReplay(list: ReplayList, index: number): void {
  if (list.seen.has(index)) throw new SrtpError('replay', `index ${index} already received`);
  if (index <= list.highest - REPLAY_WINDOW) throw new SrtpError('replay', `index ${index} is older than the window`);
}

function markReceived(list: ReplayList, index: number): void {
  list.seen.add(index);
  if (index > list.highest) list.highest = index;
  for (const old of list.seen) if (old <= list.highest - REPLAY_WINDOW) list.seen.delete(old);
}

/** One direction's SRTP and SRTCP keys (master key ‖ master salt, as mediasoup's `keyBase64`) and its state. */
export class SrtpSession {
  readonly suite: SrtpSuite;
  private readonly spec: SuiteSpec;
  private readonly rtp: SessionKeys;
  private readonly rtcp: SessionKeys;
  private readonly rtpStreams = new Map<number, RtpStreamState>();
  private readonly rtcpSendIndex = new Map<number, number>();
  private readonly rtcpReplay = new Map<number, ReplayList>();

  /**
   * Keys from `keyBase64` (master key ‖ master salt, derived as RFC 3711 says), or session keys given directly,
   * which is how the published test vectors state them.
   */
  constructor(suite: SrtpSuite, keys: string | { rtp: SessionKeys; rtcp: SessionKeys }) {
    this.suite = suite;
    this.spec = SUITES[suite];
    if (typeof keys !== 'string') {
      this.rtp = keys.rtp;
      this.rtcp = keys.rtcp;
      return;
    }
    const material = Buffer.from(keys, 'base64');
    if (material.length !== this.spec.keyLength + this.spec.saltLength) {
      throw new Error(`${suite} needs ${this.spec.keyLength + this.spec.saltLength} bytes of key and salt, got ${material.length}`);
    }
    const masterKey = material.subarray(0, this.spec.keyLength);
    const masterSalt = material.subarray(this.spec.keyLength);
    const derive = (label: number, length: number): Buffer => deriveSessionKey(masterKey, masterSalt, label, length);
    const authLength = this.spec.aead ? 0 : AUTH_KEY_LENGTH;
    this.rtp = { encKey: derive(0, this.spec.keyLength), authKey: derive(1, authLength), salt: derive(2, this.spec.saltLength) };
    this.rtcp = { encKey: derive(3, this.spec.keyLength), authKey: derive(4, authLength), salt: derive(5, this.spec.saltLength) };
  }

  /** Encrypts an RTP packet's payload and appends its tag; the rollover counter follows the sequence numbers. */
  protectRtp(packet: Buffer): Buffer {
    const headerLength = rtpHeaderLength(packet);
    const seq = packet.readUInt16BE(2);
    const ssrc = packet.readUInt32BE(8);
    let state = this.rtpStreams.get(ssrc);
    if (!state) {
      state = { roc: 0, lastSeq: seq, replay: { highest: -1, seen: new Set() } };
      this.rtpStreams.set(ssrc, state);
    } else if (seq < state.lastSeq && state.lastSeq - seq > 0x8000) {
      state.roc = (state.roc + 1) >>> 0;
    }
    state.lastSeq = seq;
    const header = packet.subarray(0, headerLength);
    const payload = packet.subarray(headerLength);
    if (this.spec.aead) {
      const cipher = createCipheriv(aesGcm(this.rtp.encKey), this.rtp.encKey, gcmIv(this.rtp.salt, ssrc, state.roc, seq, 2));
      cipher.setAAD(header);
      const encrypted = Buffer.concat([cipher.update(payload), cipher.final()]);
      return Buffer.concat([header, encrypted, cipher.getAuthTag()]);
    }
    const encrypted = aesCm(this.rtp.encKey, this.rtp.salt, ssrc, state.roc * 0x10000 + seq, payload);
    const tag = hmacTag(this.rtp.authKey, this.spec.rtpTagLength, header, encrypted, u32(state.roc));
    return Buffer.concat([header, encrypted, tag]);
  }

  /**
   * Authenticates and decrypts an SRTP packet, estimating its rollover counter as RFC 3711 Appendix A does.
   * Throws an `SrtpError` for a bad tag or a replayed index; state only moves for packets that pass.
   */
  unprotectRtp(packet: Buffer): Buffer {
    const tagLength = this.spec.rtpTagLength;
    const headerLength = rtpHeaderLength(packet);
    if (packet.length < headerLength + tagLength) throw new SrtpError('malformed', 'shorter than header and tag');
    const seq = packet.readUInt16BE(2);
    const ssrc = packet.readUInt32BE(8);
    const state = this.rtpStreams.get(ssrc) ?? { roc: 0, lastSeq: seq, replay: { highest: -1, seen: new Set<number>() } };
    const roc = estimateRoc(state, seq);
    const index = roc * 0x10000 + seq;
    checkReplay(state.replay, index);
    const header = packet.subarray(0, headerLength);
    const body = packet.subarray(headerLength, packet.length - tagLength);
    const tag = packet.subarray(packet.length - tagLength);
    let payload: Buffer;
    if (this.spec.aead) {
      const decipher = createDecipheriv(aesGcm(this.rtp.encKey), this.rtp.encKey, gcmIv(this.rtp.salt, ssrc, roc, seq, 2));
      decipher.setAAD(header);
      decipher.setAuthTag(tag);
      payload = gcmFinish(decipher, body);
    } else {
      const expected = hmacTag(this.rtp.authKey, tagLength, header, body, u32(roc));
      if (!timingSafeEqual(expected, tag)) throw new SrtpError('auth', `RTP tag mismatch (ssrc ${ssrc}, seq ${seq})`);
      payload = aesCm(this.rtp.encKey, this.rtp.salt, ssrc, index, body);
    }
    if (roc > state.roc || (roc === state.roc && seq > state.lastSeq) || !this.rtpStreams.has(ssrc)) {
      state.roc = roc;
      state.lastSeq = seq;
    }
    markReceived(state.replay, index);
    this.rtpStreams.set(ssrc, state);
    return Buffer.concat([header, payload]);
  }

  /**
   * Encrypts an RTCP compound packet (E bit set) with the next SRTCP index of its sender SSRC, or with the index
   * given (test vectors state theirs).
   */
  protectRtcp(packet: Buffer, atIndex?: number): Buffer {
    if (packet.length < RTCP_HEADER_LENGTH) throw new SrtpError('malformed', 'shorter than an RTCP header');
    const ssrc = packet.readUInt32BE(4);
    const index = (atIndex ?? (this.rtcpSendIndex.get(ssrc) ?? 0) + 1) & 0x7fffffff;
    this.rtcpSendIndex.set(ssrc, index);
    const trailer = u32(0x80000000 | index);
    const header = packet.subarray(0, RTCP_HEADER_LENGTH);
    const body = packet.subarray(RTCP_HEADER_LENGTH);
    if (this.spec.aead) {
      const cipher = createCipheriv(aesGcm(this.rtcp.encKey), this.rtcp.encKey, gcmIv(this.rtcp.salt, ssrc, 0, index, 4));
      cipher.setAAD(Buffer.concat([header, trailer]));
      const encrypted = Buffer.concat([cipher.update(body), cipher.final()]);
      return Buffer.concat([header, encrypted, cipher.getAuthTag(), trailer]);
    }
    const encrypted = aesCm(this.rtcp.encKey, this.rtcp.salt, ssrc, index, body);
    const tag = hmacTag(this.rtcp.authKey, this.spec.rtcpTagLength, header, encrypted, trailer);
    return Buffer.concat([header, encrypted, trailer, tag]);
  }

  /**
   * Authenticates and (if its E bit says so) decrypts an SRTCP packet. AES-CM carries index then tag at the end
   * (RFC 3711 section 3.4); AES-GCM carries tag then index (RFC 7714 section 9). Throws an `SrtpError` for a bad
   * tag or a replayed index.
   */
  unprotectRtcp(packet: Buffer): Buffer {
    const tagLength = this.spec.rtcpTagLength;
    if (packet.length < RTCP_HEADER_LENGTH + SRTCP_INDEX_LENGTH + tagLength) throw new SrtpError('malformed', 'shorter than header, index and tag');
    const ssrc = packet.readUInt32BE(4);
    const header = packet.subarray(0, RTCP_HEADER_LENGTH);
    const trailerAt = this.spec.aead ? packet.length - SRTCP_INDEX_LENGTH : packet.length - tagLength - SRTCP_INDEX_LENGTH;
    const trailer = packet.subarray(trailerAt, trailerAt + SRTCP_INDEX_LENGTH);
    const word = trailer.readUInt32BE(0);
    const encrypted = (word & 0x80000000) !== 0;
    const index = word & 0x7fffffff;
    const replay = this.rtcpReplay.get(ssrc) ?? { highest: -1, seen: new Set<number>() };
    checkReplay(replay, index);
    let body: Buffer;
    if (this.spec.aead) {
      const tag = packet.subarray(trailerAt - tagLength, trailerAt);
      const sealed = packet.subarray(RTCP_HEADER_LENGTH, trailerAt - tagLength);
      const decipher = createDecipheriv(aesGcm(this.rtcp.encKey), this.rtcp.encKey, gcmIv(this.rtcp.salt, ssrc, 0, index, 4));
      decipher.setAuthTag(tag);
      if (encrypted) {
        decipher.setAAD(Buffer.concat([header, trailer]));
        body = gcmFinish(decipher, sealed);
      } else {
        // RFC 7714 section 9.2: unencrypted SRTCP authenticates the whole packet as AAD, with nothing to decrypt.
        decipher.setAAD(Buffer.concat([header, sealed, trailer]));
        gcmFinish(decipher, Buffer.alloc(0));
        body = sealed;
      }
    } else {
      const tag = packet.subarray(packet.length - tagLength);
      const sealed = packet.subarray(RTCP_HEADER_LENGTH, trailerAt);
      const expected = hmacTag(this.rtcp.authKey, tagLength, header, sealed, trailer);
      if (!timingSafeEqual(expected, tag)) throw new SrtpError('auth', `RTCP tag mismatch (ssrc ${ssrc}, index ${index})`);
      body = encrypted ? aesCm(this.rtcp.encKey, this.rtcp.salt, ssrc, index, sealed) : sealed;
    }
    markReceived(replay, index);
    this.rtcpReplay.set(ssrc, replay);
    return Buffer.concat([header, body]);
  }
}

/** RFC 3711 Appendix A: the receiver's guess v of the sender's ROC from s_l and the packet's sequence number. */
function estimateRoc(state: RtpStreamState, seq: number): number {
  if (state.replay.highest < 0) return state.roc;
  if (state.lastSeq < 0x8000) {
    return seq - state.lastSeq > 0x8000 && state.roc > 0 ? state.roc - 1 : state.roc;
  }
  return state.lastSeq - 0x8000 > seq ? (state.roc + 1) >>> 0 : state.roc;
}

function gcmFinish(decipher: Decipher, sealed: Buffer): Buffer {
  const out = decipher.update(sealed);
  try {
    return Buffer.concat([out, decipher.final()]);
  } catch {
    throw new SrtpError('auth', 'AES-GCM tag mismatch');
  }
}
