import Dexie from 'dexie';
import { isQuotaExceeded, StorageQuotaError, ValidationError } from '../../errors';

/**
 * Turns what IndexedDB throws from a write into Rewind's typed errors. The transaction has
 * been aborted by then, so nothing of the write was kept.
 */
export function mapWriteError(error: unknown): unknown {
	if (isQuotaExceeded(error)) return new StorageQuotaError({ cause: error });
	const failures = error instanceof Dexie.BulkError ? error.failures : [error];
	if (failures.some((failure) => (failure as { name?: string })?.name === 'ConstraintError')) {
		return new ValidationError(
			'An event with this id is already stored on this device; each event needs its own id.',
			[{ path: ['eventId'], message: 'duplicate event id' }]
		);
	}
	return error;
}
