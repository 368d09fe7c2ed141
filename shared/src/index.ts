export * from './errors.ts';
export * from './ids.ts';
export * from './media.ts';
export * from './protocol.ts';
export * from './queue.ts';
export * from './auth.ts';
export * from './chat.ts';
export * from './hours.ts';
