import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './private-address';

describe('isPrivateAddress', () => {
	it.each([
		'127.0.0.1',
		'127.8.9.10',
		'10.1.2.3',
		'172.16.0.1',
		'172.31.255.255',
		'192.168.1.1',
		'169.254.169.254',
		'100.64.0.1',
		'0.0.0.0',
		'224.0.0.1',
		'255.255.255.255',
		'::1',
		'::',
		'fe80::1',
		'fe80::1%eth0',
		'fd12:3456:789a::1',
		'fc00::1',
		'::ffff:127.0.0.1',
		'::ffff:7f00:1',
		'::ffff:10.0.0.1',
		'::ffff:a9fe:a9fe',
		'::127.0.0.1',
		'::7f00:1',
		'0:0:0:0:0:ffff:7f00:1',
		'64:ff9b::7f00:1',
		'64:ff9b::a00:1',
		'64:ff9b::10.0.0.1',
		'2002:7f00:1::1',
		'2002:a00:1::1',
		'2002:c0a8:101::',
		'2001:db8::1',
		'100::1',
		'2001:0:4136:e378:8000:63bf:3fff:fdd2',
		'2001:20::1',
		'[::1]',
		'localhost',
		'not an address'
	])('refuses %s', (address) => {
		expect(isPrivateAddress(address)).toBe(true);
	});

	it.each([
		'8.8.8.8',
		'93.184.215.14',
		'172.32.0.1',
		'2606:4700::1111',
		'::ffff:8.8.8.8',
		'64:ff9b::808:808',
		'2002:808:808::1',
		'2a00:1450:4001:82a::200e'
	])('lets %s through', (address) => {
		expect(isPrivateAddress(address)).toBe(false);
	});
});
