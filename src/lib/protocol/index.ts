// The wire format of sync, shared by the client (`src/lib/sync`) and the server (`src/lib/server`).
export * from './limits';
export * from './wire-names';
export * from './wire-event';
export * from './push';
export * from './pull';
export * from './auth';
export * from './live';
export * from './errors';
export * from './members';
export * from './webhooks';
export * from './series';
