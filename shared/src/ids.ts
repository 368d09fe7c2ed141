/** Branded ids: a CallId cannot be passed where a PeerId is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type CallId = Brand<string, 'CallId'>;
export type PeerId = Brand<string, 'PeerId'>;
export type TransportId = Brand<string, 'TransportId'>;
export type ProducerId = Brand<string, 'ProducerId'>;
export type ConsumerId = Brand<string, 'ConsumerId'>;

/** Ids are UUIDs; this pattern is what every id field is validated against. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
