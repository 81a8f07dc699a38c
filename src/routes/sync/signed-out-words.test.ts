import { describe, expect, it } from 'vitest';
import { keptWords, signedOutWords } from './signed-out-words';

describe('signedOutWords', () => {
	it('says plainly that an owner removed the person, and offers no sign-in', () => {
		const words = signedOutWords('removed', 'Corner Shop');
		expect(words.title).toBe('You were removed from Corner Shop');
		expect(words.canSignIn).toBe(false);
	});

	it('tells a changed password and a signed-out session apart, both able to sign in again', () => {
		expect(signedOutWords('password_changed', 'Corner Shop').what).toMatch(/password was changed/);
		expect(signedOutWords('revoked', 'Corner Shop').what).toMatch(/signed out/);
		expect(signedOutWords('revoked', 'Corner Shop').canSignIn).toBe(true);
	});

	it('keeps the old words when the server gave no reason', () => {
		expect(signedOutWords(undefined, 'Corner Shop').title).toBe('Sign in again to keep syncing');
	});
});

describe('keptWords', () => {
	it('counts what only this device holds, and says where it is after a removal', () => {
		expect(keptWords(3, false)).toMatch(/3 changes that had not reached the server yet stay/);
		expect(keptWords(1, false)).toMatch(/1 change that had not reached the server yet stays/);
		expect(keptWords(1, true)).toMatch(/your change is safe/);
		expect(keptWords(0, false)).toMatch(/Nothing is lost/);
	});
});
