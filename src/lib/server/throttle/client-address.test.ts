import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address';

describe('addressKey', () => {
	it('keeps IPv4 as it is, and unwraps IPv4 written as IPv6', () => {
		expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
		expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
	});

	it('counts IPv6 by its /64, however it is written', () => {
		const key = addressKey('2001:db8:0:1::1');
		expect(key).toBe('2001:db8:0:1::/64');
		expect(addressKey('2001:0DB8:0000:0001:ffff:ffff:ffff:ffff')).toBe(key);
		expect(addressKey('2001:db8::1:0:0:0:9%eth0')).toBe(key);
		expect(addressKey('2001:db8:0:2::1')).not.toBe(key);
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
		expect(addressKey('64:ff9b::1.2.3.4')).toBe('64:ff9b:0:0::/64');
	});

	it('passes anything else through, so a strange value still gets a key of its own', () => {
		expect(addressKey(' unknown ')).toBe('unknown');
	});
});
