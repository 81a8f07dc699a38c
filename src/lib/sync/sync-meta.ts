/** Keys of the device settings sync keeps (`store.sync.readSetting`); the pull's position is the store's own (`remotePosition`). */
export const SESSION = 'sync:session';
export const LAST_SYNCED_AT = 'sync:last-synced-at';
export const MEMBERS = 'sync:members';
/** The workspace this log belongs to, from its first sign-in on: one log never mixes two. */
export const WORKSPACE = 'sync:workspace';
/** The workspace's name as last typed at sign-in (or read from a restored backup), for messages. */
export const WORKSPACE_NAME = 'sync:workspace-name';
