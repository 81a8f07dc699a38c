/** Keys of the `meta` table that sync keeps. */
export const PULL_CURSOR = 'sync:pull-cursor';
export const SESSION = 'sync:session';
export const LAST_SYNCED_AT = 'sync:last-synced-at';
export const MEMBERS = 'sync:members';
