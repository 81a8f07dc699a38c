import { describe, expect, it } from 'vitest';
import { matchRoute } from './match-route';

const routes = {
	'/api/workspace/members': 'list',
	'/api/workspace/members/:userId': 'one',
	'/api/auth/sessions/:sessionId': 'session'
};

describe('matchRoute', () => {
	it('matches an exact path before a pattern, and fills :name segments, decoded', () => {
		expect(matchRoute(routes, '/api/workspace/members')).toEqual({
			route: '/api/workspace/members',
			methods: 'list',
			params: {}
		});
		expect(matchRoute(routes, '/api/workspace/members/u%201')).toEqual({
			route: '/api/workspace/members/:userId',
			methods: 'one',
			params: { userId: 'u 1' }
		});
		expect(matchRoute(routes, '/api/auth/sessions/abc')?.params).toEqual({ sessionId: 'abc' });
	});

	it('matches nothing for an empty segment, extra segments, another prefix or a bad escape', () => {
		for (const path of [
			'/api/workspace/members/',
			'/api/workspace/members/a/b',
			'/api/workspace/people/a',
			'/api/workspace/members/%E0%A4%A'
		]) {
			expect(matchRoute(routes, path), path).toBeUndefined();
		}
	});
});
