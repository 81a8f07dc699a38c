import { describe, expect, it } from 'vitest';
import { describeDatabaseError, isDatabaseUnavailable } from './is-database-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it('recognises a lost, refused or shut-down connection and a full or failing disk', () => {
		for (const error of [
			withCode('terminating connection due to administrator command', '57P01'),
			withCode('the database system is starting up', '57P03'),
			withCode('connection failure', '08006'),
			withCode('too many connections for database "x"', '53300'),
			// What PGlite says on a full disk (seen on a 40 MB tmpfs).
			withCode('could not extend file "base/5/16384": No space left on device', '53100'),
			withCode('could not write to file', '58030'),
			withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
			withCode('read ECONNRESET', 'ECONNRESET'),
			new Error('Connection terminated unexpectedly'),
			new Error('Client has encountered a connection error and is not queryable'),
			new Error('timeout exceeded when trying to connect'),
			new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
			new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') })
		]) {
			expect(isDatabaseUnavailable(error), error.message).toBe(true);
		}
	});

	it("leaves a request's own faults and bugs alone", () => {
		for (const error of [
			withCode('duplicate key value violates unique constraint', '23505'),
			withCode('syntax error at or near "x"', '42601'),
			withCode('canceling statement due to statement timeout', '57014'),
			new TypeError("Cannot read properties of undefined (reading 'x')"),
			undefined,
			'Connection terminated'
		]) {
			expect(isDatabaseUnavailable(error)).toBe(false);
		}
	});
});

describe('describeDatabaseError', () => {
	it('is one line: the message with its code, or the first reason of an empty AggregateError', () => {
		expect(
			describeDatabaseError(withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'))
		).toBe('connect ECONNREFUSED 127.0.0.1:1');
		expect(describeDatabaseError(withCode('too many connections', '53300'))).toBe(
			'too many connections (53300)'
		);
		expect(
			describeDatabaseError(
				new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')
			)
		).toBe('connect ECONNREFUSED ::1:5432');
	});
});
