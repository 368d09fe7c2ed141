import type { HandlerMap } from './types.ts';

type MediaEvent =
  | 'media:createTransport'
  | 'media:connectTransport'
  | 'media:produce'
  | 'media:consume'
  | 'media:resumeConsumer'
  | 'media:restartIce'
  | 'media:pauseProducer'
  | 'media:resumeProducer'
  | 'media:requestKeyFrame'
  | 'media:renewConsumer'
  | 'media:reset';

/** media:* — every call goes through the room, which checks the objects belong to the caller. */
export const mediaHandlers: HandlerMap<MediaEvent> = {
  async 'media:createTransport'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    return room.createTransport(peer, p.direction);
  },
  async 'media:connectTransport'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    await room.connectTransport(peer, p);
    return {};
  },
  async 'media:produce'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    return { producerId: await room.produce(peer, p) };
  },
  async 'media:consume'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    return room.consume(peer, p);
  },
  async 'media:restartIce'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    return { iceParameters: await room.restartIce(peer, p.transportId) };
  },
  async 'media:resumeConsumer'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    await room.resumeConsumer(peer, p.consumerId);
    return {};
  },
  async 'media:pauseProducer'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    await room.setProducerPaused(peer, p.producerId, true);
    return {};
  },
  async 'media:resumeProducer'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    await room.setProducerPaused(peer, p.producerId, false);
    return {};
  },
  async 'media:requestKeyFrame'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    await room.requestKeyFrame(peer, p.consumerId);
    return {};
  },
  async 'media:renewConsumer'(ctx, p) {
    const { room, peer } = ctx.conn.inCall();
    return room.renewConsumer(peer, p);
  },
  async 'media:reset'(ctx) {
    const { room, peer } = ctx.conn.inCall();
    room.resetMedia(peer);
    return {};
  },
};
