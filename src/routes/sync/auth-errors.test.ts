import { describe, expect, it } from 'vitest';
import { SyncCodeLoadError, SyncHttpError, SyncNetworkError } from '$lib/sync';
import { checkAuthFields, describeAuthError } from './auth-errors';

const http = (status: number, message = '', body: unknown = undefined) =>
	new SyncHttpError(status, 'x', message, body);

describe('checkAuthFields', () => {
	const filled = { workspace: 'Shop', name: 'Ada', password: 'secret-123', invite: '' };

	it('passes complete forms', () => {
		expect(checkAuthFields('create', filled)).toBeUndefined();
		expect(checkAuthFields('signin', { ...filled, password: 'x' })).toBeUndefined();
		expect(checkAuthFields('join', { ...filled, workspace: '', invite: 'abc' })).toBeUndefined();
	});

	it('asks for a password of at least 8 characters when making an account', () => {
		expect(checkAuthFields('create', { ...filled, password: 'short' })?.fields).toEqual({
			password: 'Use at least 8 characters.'
		});
	});

	it('names every missing field', () => {
		const empty = { workspace: '', name: ' ', password: '', invite: '' };
		expect(Object.keys(checkAuthFields('join', empty)?.fields ?? {})).toEqual([
			'invite',
			'name',
			'password'
		]);
		expect(Object.keys(checkAuthFields('signin', empty)?.fields ?? {})).toEqual([
			'workspace',
			'name',
			'password'
		]);
	});
});

describe('describeAuthError', () => {
	it('says how long to wait after too many attempts, from Retry-After', () => {
		const refused = (retryAfterMs?: number) =>
			describeAuthError(
				new SyncHttpError(429, 'rate_limited', '', undefined, retryAfterMs),
				'signin'
			).message;
		expect(refused(1000)).toBe('Too many attempts; try again in 1 second.');
		expect(refused(45_000)).toBe('Too many attempts; try again in 45 seconds.');
		expect(refused(60_000)).toBe('Too many attempts; try again in 1 minute.');
		expect(refused(90_000)).toBe('Too many attempts; try again in 2 minutes.');
		expect(refused(900_000)).toBe('Too many attempts; try again in 15 minutes.');
		expect(refused()).toBe('Too many attempts; try again in a minute.');
	});

	it('says wrong credentials plainly', () => {
		expect(describeAuthError(http(401), 'signin').message).toBe(
			'Wrong workspace, name or password.'
		);
		expect(
			describeAuthError(http(401, '', { error: 'unauthorized', reason: 'removed' }), 'signin')
				.message
		).toMatch(/An owner removed you/);
	});

	it('points a taken name or workspace at its field', () => {
		expect(describeAuthError(http(409, 'already a user named "Ada"'), 'join').fields.name).toBe(
			'That name is taken in this workspace.'
		);
		expect(
			describeAuthError(http(409, 'A workspace named "Shop"'), 'create').fields.workspace
		).toMatch(/exists already/);
	});

	it('explains a bad invite', () => {
		expect(describeAuthError(http(403), 'join').fields.invite).toMatch(/invite code doesn't work/);
		expect(describeAuthError(http(404), 'join').fields.invite).toMatch(/Ask for a new one/);
	});

	it('reassures when the server cannot be reached', () => {
		expect(describeAuthError(new SyncNetworkError('down'), 'signin').message).toMatch(
			/Can't reach the server/
		);
		expect(describeAuthError(http(503), 'signin').message).toMatch(/safe on this device/);
	});

	it('asks for a reload when the sign-in code failed to download and the browser is online again', () => {
		const missing = new SyncCodeLoadError('not loaded');
		expect(describeAuthError(missing, 'create', true).message).toMatch(/Reload the page/);
		expect(describeAuthError(missing, 'create', false).message).toMatch(/Can't reach the server/);
	});

	it('maps the server validation issues to fields', () => {
		const body = { issues: [{ path: ['password'], message: 'too short' }] };
		expect(describeAuthError(http(400, 'bad', body), 'create').fields).toEqual({
			password: 'too short'
		});
	});
});
