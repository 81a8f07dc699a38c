import { BlockList, isIP } from 'node:net';

// Where a webhook must not reach without the operator's say-so: this machine, its networks and
// the cloud metadata services on them (RFC 6890's special-purpose ranges that route locally).
const blocked = new BlockList();
for (const [prefix, bits] of [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8],
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8],
	['169.254.0.0', 16], // link-local, where cloud metadata lives
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15], // benchmarking
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, and broadcast
] as const) {
	blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
	['::', 128], // unspecified
	['::1', 128],
	['64:ff9b:1::', 48], // local-use NAT64
	['fc00::', 7], // unique-local
	['fe80::', 10], // link-local
	['fec0::', 10], // site-local (deprecated, still routed by some)
	['ff00::', 8] // multicast
] as const) {
	blocked.addSubnet(prefix, bits, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`) or -compatible IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
	const dotted = /^(?:0*:)*(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (dotted) return dotted[1];
	const hex = /^(?:0*:)*ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
	if (!hex) return undefined;
	const high = parseInt(hex[1]!, 16);
	const low = parseInt(hex[2]!, 16);
	return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * Whether `address` (an IP literal) is private, loopback, link-local, unique-local or otherwise
 * not a public destination. IPv4 inside IPv6 is checked as the IPv4 it carries, since that is
 * where the connection goes. Anything that is not an IP address counts as private: refuse what
 * cannot be judged.
 */
export function isPrivateAddress(address: string): boolean {
	const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const version = isIP(bare);
	if (version === 4) return blocked.check(bare, 'ipv4');
	if (version !== 6) return true;
	const ipv4 = embeddedIpv4(bare);
	if (ipv4 !== undefined) return isIP(ipv4) !== 4 || blocked.check(ipv4, 'ipv4');
	return blocked.check(bare, 'ipv6');
}
