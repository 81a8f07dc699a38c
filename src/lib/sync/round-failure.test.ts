import { describe, expect, it } from 'vitest';
import { failedRound } from './round-failure';
import { SyncHttpError, SyncNetworkError } from './sync-errors';

describe('failedRound', () => {
	it('keeps the device online when the server answered with a refusal', () => {
		const refusal = new SyncHttpError(500, 'internal', 'The server failed.', undefined);
		expect(failedRound(refusal)).toEqual({ lastError: 'The server failed.' });
	});

	it('shows the device offline when no answer came', () => {
		const offline = new SyncNetworkError('fetch failed');
		expect(failedRound(offline)).toEqual({ lastError: offline.message, online: false });
	});

	it('says what was thrown even when it is not an Error', () => {
		expect(failedRound('gone')).toEqual({ lastError: 'gone', online: false });
	});
});
