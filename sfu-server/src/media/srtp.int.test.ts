/**
 * The worker's SRTP (libsrtp2, through scripts/mediasoup/patches/0002-libsrtp2.patch) against an independent SRTP
 * session written on Node's crypto (testing/srtp.ts), for every suite a router offers. Per suite one router holds
 * two PlainTransports on loopback: `plain` (no SRTP) and `secure` (SRTP with that suite), each connected to a UDP
 * socket of the test. A producer on `plain` is consumed on `secure` (worker → test: SRTP and SRTCP the test
 * unprotects), and a producer on `secure` is consumed on `plain` (test → worker: SRTP and SRTCP the worker must
 * unprotect, and must refuse when replayed, tampered with or keyed wrongly).
 *
 * What the worker accepted is read from its counters: a transport's `bytesReceived` grows for every datagram it
 * reads, before SRTP; `rtpBytesReceived` grows only for RTP that reached a producer. Once `bytesReceived` shows a
 * datagram, the worker has finished with it (it handles one datagram at a time), so no test waits a fixed time.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { failureOf, flipBit, randomKeyBase64, rtpHeaderLength, SRTP_SUITES, SrtpSession, type SrtpSuite } from '../testing/srtp.ts';
import { loadMediasoup } from './mediasoupLoader.ts';

// The test session speaks exactly the suites mediasoup offers: a suite added to mediasoup fails to compile here.
const _everySuite: [Exclude<types.SrtpCryptoSuite, SrtpSuite>] extends [never] ? true : never = true;

const LOOPBACK = '127.0.0.1';
const OPUS_PT = 111;
const PLAIN_SSRC = 0x1111_0001;
const SECURE_SSRC = 0x2222_0002;
/** The SSRC the test sends its receiver reports from. */
const REPORTER_SSRC = 0x3333_0003;
const RTCP_SR = 200;
const RTCP_RR = 201;

/** A UDP socket of the test on loopback that keeps what it receives until a test takes it. */
class Endpoint {
  private readonly inbox: Buffer[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('message', (packet) => this.inbox.push(packet));
  }

  static async open(): Promise<Endpoint> {
    const socket = createSocket('udp4');
    socket.bind(0, LOOPBACK);
    await once(socket, 'listening');
    return new Endpoint(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  async send(packet: Buffer, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => this.socket.send(packet, port, LOOPBACK, (err) => (err ? reject(err) : resolve())));
  }

  /** Removes and returns every packet received so far that `keep` selects. */
  take(keep: (packet: Buffer) => boolean): Buffer[] {
    const taken = this.inbox.filter(keep);
    for (const packet of taken) this.inbox.splice(this.inbox.indexOf(packet), 1);
    return taken;
  }

  close(): void {
    this.socket.close();
  }
}

/** Polls until `probe` gives a value; fails with `what` after the timeout. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 4000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** RFC 5761: RTCP packet types 192..223 sit where RTP has marker bit and payload type. */
function isRtcp(packet: Buffer): boolean {
  return packet.length >= 8 && packet[1]! >= 192 && packet[1]! <= 223;
}

function rtpPacket(ssrc: number, seq: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = OPUS_PT;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE((seq * 960) >>> 0, 4);
  header.writeUInt32BE(ssrc, 8);
  return Buffer.concat([header, payload]);
}

/** An RTCP receiver report from REPORTER_SSRC about `mediaSsrc`, with a chosen fraction lost (0..255). */
function receiverReport(mediaSsrc: number, fractionLost: number): Buffer {
  const packet = Buffer.alloc(32);
  packet[0] = 0x81;
  packet[1] = RTCP_RR;
  packet.writeUInt16BE(packet.length / 4 - 1, 2);
  packet.writeUInt32BE(REPORTER_SSRC, 4);
  packet.writeUInt32BE(mediaSsrc, 8);
  packet[12] = fractionLost;
  return packet;
}

/** The sender SSRC and sender's packet count of each sender report in an RTCP compound packet. */
function senderReports(compound: Buffer): { ssrc: number; packetCount: number }[] {
  const reports: { ssrc: number; packetCount: number }[] = [];
  for (let at = 0; at + 4 <= compound.length; ) {
    const length = (compound.readUInt16BE(at + 2) + 1) * 4;
    if (compound[at + 1] === RTCP_SR && at + 28 <= compound.length) {
      reports.push({ ssrc: compound.readUInt32BE(at + 4), packetCount: compound.readUInt32BE(at + 20) });
    }
    at += length;
  }
  return reports;
}


const opus: types.RtpParameters['codecs'] = [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }];

let worker: types.Worker;

beforeAll(async () => {
  const { mediasoup, workerBin } = await loadMediasoup(createLogger('silent'));
  worker = await mediasoup.createWorker({ logLevel: 'warn', workerBin });
});

afterAll(() => {
  worker?.close();
});

describe.each(SRTP_SUITES)('SRTP with %s between the worker and an independent session', (suite) => {
  let router: types.Router;
  let plain: types.PlainTransport;
  let secure: types.PlainTransport;
  let plainEnd: Endpoint;
  let secureEnd: Endpoint;
  /** The test's key: the worker unprotects what the test protects with it. */
  let testKey: string;
  let toWorker: SrtpSession;
  /** The worker's key, from `secure.srtpParameters`: the test unprotects what the worker sends. */
  let fromWorker: SrtpSession;
  let secureConsumer: types.Consumer;
  let plainConsumer: types.Consumer;
  let secureConsumerSsrc: number;
  let plainConsumerSsrc: number;

  const transportStats = async (transport: types.PlainTransport): Promise<{ bytesReceived: number; rtpBytesReceived: number }> => {
    const [stats] = await transport.getStats();
    if (!stats) throw new Error('no transport stats');
    return { bytesReceived: stats.bytesReceived, rtpBytesReceived: stats.rtpBytesReceived };
  };

  /**
   * Sends one datagram to a transport and waits until the worker has read it. Returns how many bytes of RTP
   * reached a producer: 0 when refused; when accepted at least the plain packet's length (the worker counts the
   * packet as its producer rewrote it, header extensions included).
   */
  const deliver = async (from: Endpoint, transport: types.PlainTransport, packet: Buffer): Promise<number> => {
    const before = await transportStats(transport);
    await from.send(packet, transport.tuple.localPort);
    const after = await waitFor('the worker to read the datagram', async () => {
      const now = await transportStats(transport);
      return now.bytesReceived >= before.bytesReceived + packet.length ? now : undefined;
    });
    expect(after.bytesReceived).toBe(before.bytesReceived + packet.length);
    return after.rtpBytesReceived - before.rtpBytesReceived;
  };

  const fractionLost = async (consumer: types.Consumer, ssrc: number): Promise<number | undefined> => {
    const stats = await consumer.getStats();
    return stats.find((s) => s.type === 'outbound-rtp' && s.ssrc === ssrc)?.fractionLost;
  };

  beforeAll(async () => {
    router = await worker.createRouter({ mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] });
    [plainEnd, secureEnd] = await Promise.all([Endpoint.open(), Endpoint.open()]);
    const listenInfo = { protocol: 'udp', ip: LOOPBACK } as const;
    plain = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
    secure = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false, enableSrtp: true, srtpCryptoSuite: suite });
    testKey = randomKeyBase64(suite);
    await plain.connect({ ip: LOOPBACK, port: plainEnd.port });
    await secure.connect({ ip: LOOPBACK, port: secureEnd.port, srtpParameters: { cryptoSuite: suite, keyBase64: testKey } });
    const workerParameters = secure.srtpParameters;
    if (!workerParameters) throw new Error('the SRTP transport has no srtpParameters');
    expect(workerParameters.cryptoSuite).toBe(suite);
    toWorker = new SrtpSession(suite, testKey);
    fromWorker = new SrtpSession(suite, workerParameters.keyBase64);

    const plainProducer = await plain.produce({ kind: 'audio', rtpParameters: { codecs: opus, encodings: [{ ssrc: PLAIN_SSRC }] } });
    const secureProducer = await secure.produce({ kind: 'audio', rtpParameters: { codecs: opus, encodings: [{ ssrc: SECURE_SSRC }] } });
    secureConsumer = await secure.consume({ producerId: plainProducer.id, rtpCapabilities: router.rtpCapabilities });
    plainConsumer = await plain.consume({ producerId: secureProducer.id, rtpCapabilities: router.rtpCapabilities });
    secureConsumerSsrc = secureConsumer.rtpParameters.encodings?.[0]?.ssrc ?? 0;
    plainConsumerSsrc = plainConsumer.rtpParameters.encodings?.[0]?.ssrc ?? 0;
    expect(secureConsumerSsrc).not.toBe(0);
    expect(plainConsumerSsrc).not.toBe(0);
  });

  afterAll(() => {
    router?.close();
    plainEnd?.close();
    secureEnd?.close();
  });

  it('worker → test: the consumer’s SRTP unprotects with the worker’s key and carries the payloads sent in plain', async () => {
    const payloads = [0, 1, 2].map(() => randomBytes(60));
    for (const [i, payload] of payloads.entries()) {
      expect(await deliver(plainEnd, plain, rtpPacket(PLAIN_SSRC, 100 + i, payload))).toBeGreaterThanOrEqual(12 + payload.length);
    }
    const fromConsumer = (packet: Buffer): boolean => !isRtcp(packet) && packet.length >= 12 && packet.readUInt32BE(8) === secureConsumerSsrc;
    const received: Buffer[] = [];
    await waitFor('three SRTP packets from the consumer', () => {
      received.push(...secureEnd.take(fromConsumer));
      return received.length >= payloads.length ? true : undefined;
    });
    expect(received).toHaveLength(payloads.length);
    const wrongKey = new SrtpSession(suite, randomKeyBase64(suite));
    for (const [i, packet] of received.entries()) {
      // On the wire the payload is encrypted, and only the worker's key opens the packet.
      expect(packet.includes(payloads[i]!)).toBe(false);
      expect(failureOf(() => wrongKey.unprotectRtp(packet))).toBe('auth');
      expect(failureOf(() => new SrtpSession(suite, testKey).unprotectRtp(packet))).toBe('auth');
      const clear = fromWorker.unprotectRtp(packet);
      expect(clear.subarray(rtpHeaderLength(clear)).equals(payloads[i]!)).toBe(true);
    }
  });

  it('test → worker: SRTP is accepted once; a replayed, tampered or wrongly keyed packet is refused', async () => {
    const plainRtp = (seq: number): Buffer => rtpPacket(SECURE_SSRC, seq, Buffer.from(`${suite} packet ${seq} `.padEnd(48, '.')));
    const accepted = (seq: number): number => plainRtp(seq).length;

    // Control: without SRTP the worker counts a repeated packet as media, so a refusal below is SRTP's doing.
    const control = rtpPacket(PLAIN_SSRC, 200, randomBytes(40));
    expect(await deliver(plainEnd, plain, control)).toBeGreaterThanOrEqual(control.length);
    expect(await deliver(plainEnd, plain, control)).toBeGreaterThanOrEqual(control.length);

    const first = toWorker.protectRtp(plainRtp(5000));
    expect(await deliver(secureEnd, secure, first)).toBeGreaterThanOrEqual(accepted(5000));
    expect(await deliver(secureEnd, secure, first)).toBe(0);

    const second = toWorker.protectRtp(plainRtp(5001));
    expect(await deliver(secureEnd, secure, flipBit(second, 20))).toBe(0);
    expect(await deliver(secureEnd, secure, flipBit(second, second.length - 1))).toBe(0);
    expect(await deliver(secureEnd, secure, flipBit(second, 5))).toBe(0);
    expect(await deliver(secureEnd, secure, second)).toBeGreaterThanOrEqual(accepted(5001));

    const stranger = new SrtpSession(suite, randomKeyBase64(suite)).protectRtp(plainRtp(5002));
    expect(await deliver(secureEnd, secure, stranger)).toBe(0);
    const third = toWorker.protectRtp(plainRtp(5002));
    expect(await deliver(secureEnd, secure, third)).toBeGreaterThanOrEqual(accepted(5002));

    // The worker decrypted what it accepted: the plain consumer forwards exactly those payloads, in order.
    const fromConsumer = (packet: Buffer): boolean => !isRtcp(packet) && packet.length >= 12 && packet.readUInt32BE(8) === plainConsumerSsrc;
    const forwarded: Buffer[] = [];
    await waitFor('the accepted packets on the plain side', () => {
      forwarded.push(...plainEnd.take(fromConsumer));
      return forwarded.length >= 3 ? true : undefined;
    });
    const payloadsOut = forwarded.map((p) => p.subarray(rtpHeaderLength(p)).toString());
    expect(payloadsOut).toEqual([5000, 5001, 5002].map((seq) => plainRtp(seq).subarray(12).toString()));
  });

  it('test → worker: SRTCP receiver reports reach the consumer; replayed, tampered or wrongly keyed ones do not', async () => {
    // Control: without SRTP a replayed report takes effect, so its refusal below is SRTP's doing.
    await deliver(plainEnd, plain, receiverReport(plainConsumerSsrc, 11));
    await deliver(plainEnd, plain, receiverReport(plainConsumerSsrc, 22));
    expect(await fractionLost(plainConsumer, plainConsumerSsrc)).toBe(22);
    await deliver(plainEnd, plain, receiverReport(plainConsumerSsrc, 11));
    expect(await fractionLost(plainConsumer, plainConsumerSsrc)).toBe(11);

    const report = (fl: number): Buffer => toWorker.protectRtcp(receiverReport(secureConsumerSsrc, fl));
    const first = report(10);
    await deliver(secureEnd, secure, first);
    expect(await fractionLost(secureConsumer, secureConsumerSsrc)).toBe(10);
    await deliver(secureEnd, secure, report(20));
    expect(await fractionLost(secureConsumer, secureConsumerSsrc)).toBe(20);
    await deliver(secureEnd, secure, first);
    expect(await fractionLost(secureConsumer, secureConsumerSsrc)).toBe(20);

    const third = report(30);
    await deliver(secureEnd, secure, flipBit(third, 12));
    expect(await fractionLost(secureConsumer, secureConsumerSsrc)).toBe(20);
    await deliver(secureEnd, secure, flipBit(third, third.length - 5));
    expect(await fractionLost(secureConsumer, secureConsumerSsrc)).toBe(20);
    // An SRTCP index never used, so that only the key can be what refuses it (libsrtp checks replay first).
    const stranger = new SrtpSession(suite, randomKeyBase64(suite)).protectRtcp(receiverReport(secureConsumerSsrc, 40), 100);
    await deliver(secureEnd, secure, stranger);
    expect(await fractionLost(secureConsumer, secureConsumerSsrc)).toBe(20);
    await deliver(secureEnd, secure, third);
    expect(await fractionLost(secureConsumer, secureConsumerSsrc)).toBe(30);
  });

  it('worker → test: the consumer’s SRTCP sender report unprotects with the worker’s key', async () => {
    const wrongKey = new SrtpSession(suite, testKey);
    const report = await waitFor(
      'a sender report for the consumer',
      () => {
        for (const packet of secureEnd.take(isRtcp)) {
          expect(failureOf(() => wrongKey.unprotectRtcp(packet))).toBe('auth');
          const found = senderReports(fromWorker.unprotectRtcp(packet)).find((sr) => sr.ssrc === secureConsumerSsrc);
          if (found) return found;
        }
        return undefined;
      },
      8000,
    );
    // The consumer had sent the three packets of the first test (and the control's two) by then.
    expect(report.packetCount).toBeGreaterThanOrEqual(3);
  });
});
