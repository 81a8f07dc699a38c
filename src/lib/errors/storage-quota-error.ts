import { RewindError } from './rewind-error';

/** Thrown when the browser refuses to store more data; the write was rolled back as a whole. */
export class StorageQuotaError extends RewindError {
	readonly code = 'storage_quota_exceeded';

	constructor(options?: { cause?: unknown }) {
		super(
			'This device is out of storage space for Rewind, so the change was not saved. ' +
				'Free up space (or sync and clear old data) and try again.',
			options
		);
	}
}

export function isStorageQuotaError(error: unknown): error is StorageQuotaError {
	return error instanceof StorageQuotaError;
}

/** IndexedDB reports a full disk as a DOMException named QuotaExceededError; Dexie wraps it. */
export function isQuotaExceeded(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current instanceof Object; depth++) {
		const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
		if (name === 'QuotaExceededError') return true;
		current = inner ?? cause;
	}
	return false;
}
