import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallId, ClientPayload, ProducerId, TransportId } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { CallRoom } from './CallRoom.ts';
import { MEDIA_CODECS } from './codecs.ts';
import type { Peer, PeerSink } from './Peer.ts';

const quiet: PeerSink = { notify: () => undefined };
const opus = (ssrc: number): ClientPayload<'media:produce'>['rtpParameters'] => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
});

/** Counts the settled results of `n` copies of one request made at once. */
async function burst<T>(n: number, make: () => Promise<T>): Promise<{ ok: T[]; refused: unknown[] }> {
  const settled = await Promise.allSettled(Array.from({ length: n }, make));
  return {
    ok: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    refused: settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : [])),
  };
}

/** A call room's media objects, reserved before mediasoup is awaited, so requests made at once cannot exceed them. */
describe('a call room holds its media caps against requests made at once', () => {
  let server: TestServer;
  let room: CallRoom;
  let caller: Peer;
  let interpreter: Peer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(async () => {
    const { router, portRange } = await server.pool.createRouter({ mediaCodecs: MEDIA_CODECS });
    room = new CallRoom(randomUUID() as CallId, router, { listenIp: '127.0.0.1', announcedIp: undefined, portRange, logger: createLogger('silent') });
    caller = room.join('caller', '', quiet).peer;
    interpreter = room.join('interpreter', '', quiet).peer;
  });
  afterAll(async () => {
    room?.close('hangup');
    await server.close();
  });

  it('parallel createTransport makes one transport per direction (review #5)', async () => {
    const send = await burst(20, () => room.createTransport(caller, 'send'));
    expect(send.ok).toHaveLength(1);
    for (const r of send.refused) expect(r).toBeInstanceOf(AppError);
    const recv = await burst(20, () => room.createTransport(caller, 'recv'));
    expect(recv.ok).toHaveLength(1);
    expect(await room.workerCounts()).toMatchObject({ transports: 2 });
    room.close('hangup');
  });

  it('parallel produce makes one producer per source (review #5)', async () => {
    const t = await room.createTransport(caller, 'send');
    let ssrc = 1000;
    // Each with its own SSRC, so only the room's cap can refuse them (mediasoup refuses a repeated SSRC itself).
    const produced = await burst(20, () => room.produce(caller, { transportId: t.id, kind: 'audio', source: 'microphone', rtpParameters: opus(++ssrc) }));
    expect(produced.ok).toHaveLength(1);
    expect(await room.workerCounts()).toMatchObject({ producers: 1 });
    room.close('hangup');
  });

  it('parallel consume of one producer makes one consumer, the same one for every request (review #5)', async () => {
    const send = await room.createTransport(interpreter, 'send');
    const producerId: ProducerId = await room.produce(interpreter, { transportId: send.id as TransportId, kind: 'audio', source: 'microphone', rtpParameters: opus(2222) });
    await room.createTransport(caller, 'recv');
    const rtpCapabilities = room.router.rtpCapabilities as ClientPayload<'media:consume'>['rtpCapabilities'];
    const consumed = await burst(20, () => room.consume(caller, { producerId, rtpCapabilities }));
    expect(consumed.refused).toEqual([]);
    expect(new Set(consumed.ok.map((c) => c.id)).size).toBe(1);
    // A later request gets the same consumer too.
    expect((await room.consume(caller, { producerId, rtpCapabilities })).id).toBe(consumed.ok[0]!.id);
    expect(await room.workerCounts()).toMatchObject({ transports: 2, producers: 1, consumers: 1 });
    room.close('hangup');
  });

  it('a media reset closes one participant\'s transports, producers and consumers, tells the others, and lets new ones be made', async () => {
    const told: { event: string; args: unknown }[] = [];
    const watcher = room.join('interpreter2', '', { notify: (event, ...args) => told.push({ event, args: args[0] }) }).peer;
    const rtpCapabilities = room.router.rtpCapabilities as ClientPayload<'media:consume'>['rtpCapabilities'];
    const send = await room.createTransport(caller, 'send');
    const producerId = await room.produce(caller, { transportId: send.id as TransportId, kind: 'audio', source: 'microphone', rtpParameters: opus(3333) });
    const theirs = await room.createTransport(interpreter, 'send');
    const theirProducer = await room.produce(interpreter, { transportId: theirs.id as TransportId, kind: 'audio', source: 'microphone', rtpParameters: opus(4444) });
    await room.createTransport(caller, 'recv');
    await room.consume(caller, { producerId: theirProducer, rtpCapabilities });
    await room.createTransport(watcher, 'recv');
    await room.consume(watcher, { producerId, rtpCapabilities });
    expect(await room.workerCounts()).toMatchObject({ transports: 4, producers: 2, consumers: 2 });

    room.resetMedia(caller);

    // The caller's two transports, their producer and their consumer are gone, and so is the watcher's consumer of it.
    expect(await room.workerCounts()).toMatchObject({ transports: 2, producers: 1, consumers: 0 });
    expect(told).toContainEqual({ event: 'media:consumerClosed', args: expect.objectContaining({ producerId }) });
    expect(room.size).toBe(3);
    // New ones can be made (the caps count what exists), and the others are told of the new producer.
    const again = await room.createTransport(caller, 'send');
    const next = await room.produce(caller, { transportId: again.id as TransportId, kind: 'audio', source: 'microphone', rtpParameters: opus(5555) });
    expect(told).toContainEqual({ event: 'media:newProducer', args: expect.objectContaining({ producerId: next }) });
    await room.createTransport(caller, 'recv');
    await room.consume(caller, { producerId: theirProducer, rtpCapabilities });
    expect(await room.workerCounts()).toMatchObject({ transports: 4, producers: 2, consumers: 1 });
    // Someone outside the call cannot reset anyone.
    const outsider = room.join('hearing', '', quiet).peer;
    room.leave(outsider);
    expect(() => room.resetMedia(outsider)).toThrow(AppError);
    room.close('hangup');
  });

  it('renews a consumer: the old one closes, a fresh paused one of the same producer takes its place, at most once per interval', async () => {
    const send = await room.createTransport(interpreter, 'send');
    const producerId: ProducerId = await room.produce(interpreter, { transportId: send.id as TransportId, kind: 'audio', source: 'microphone', rtpParameters: opus(3333) });
    await room.createTransport(caller, 'recv');
    const rtpCapabilities = room.router.rtpCapabilities as ClientPayload<'media:consume'>['rtpCapabilities'];
    const first = await room.consume(caller, { producerId, rtpCapabilities });
    const renewed = await room.renewConsumer(caller, { consumerId: first.id, rtpCapabilities });
    expect(renewed).toMatchObject({ producerId, kind: 'audio', source: 'microphone' });
    expect(renewed.id).not.toBe(first.id);
    expect([...caller.consumers.keys()]).toEqual([renewed.id]);
    expect(caller.consumers.get(renewed.id)?.paused).toBe(true);
    expect(await room.workerCounts()).toMatchObject({ consumers: 1 });
    // A consume request now gets the new consumer; a second renewal right away is refused and changes nothing.
    expect((await room.consume(caller, { producerId, rtpCapabilities })).id).toBe(renewed.id);
    await expect(room.renewConsumer(caller, { consumerId: renewed.id, rtpCapabilities })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect([...caller.consumers.keys()]).toEqual([renewed.id]);
    // The old consumer is gone, and nobody renews a consumer that is not theirs.
    await expect(room.renewConsumer(caller, { consumerId: first.id, rtpCapabilities })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(room.renewConsumer(interpreter, { consumerId: renewed.id, rtpCapabilities })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await room.workerCounts()).toMatchObject({ consumers: 1 });
    room.close('hangup');
  });
});
