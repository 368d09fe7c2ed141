/**
 * The shared protocol keeps mediasoup's parameter objects opaque (`unknown`) so that `shared/`
 * does not depend on mediasoup. They come straight from the server's mediasoup router and
 * transports, so here, in one place, they are given mediasoup-client's types.
 */
import type { types as ms } from 'mediasoup-client';
import type { ConsumerOptions, TransportOptions } from '@sign-relay/shared';

export function routerCapabilities(value: unknown): ms.RtpCapabilities {
  return value as ms.RtpCapabilities;
}

export function transportOptions(t: TransportOptions): ms.TransportOptions {
  return {
    id: t.id,
    iceParameters: t.iceParameters as ms.IceParameters,
    iceCandidates: t.iceCandidates as ms.IceCandidate[],
    dtlsParameters: t.dtlsParameters as ms.DtlsParameters,
  };
}

export function consumerOptions(c: ConsumerOptions): ms.ConsumerOptions {
  return {
    id: c.id,
    producerId: c.producerId,
    kind: c.kind,
    rtpParameters: c.rtpParameters as ms.RtpParameters,
  };
}
