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
	['100::', 64], // discard-only
	['2001::', 32], // Teredo: the IPv4 it reaches is hidden in the address
	['2001:10::', 28], // ORCHID, deprecated
	['2001:20::', 28], // ORCHIDv2: identifiers, not destinations
	['2001:db8::', 32], // documentation
	['fc00::', 7], // unique-local
	['fe80::', 10], // link-local
	['fec0::', 10], // site-local (deprecated, still routed by some)
	['ff00::', 8] // multicast
] as const) {
	blocked.addSubnet(prefix, bits, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (`isIP` said it is one), a dotted tail included. */
function groupsOf(address: string): number[] {
	let text = address.toLowerCase();
	const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (dotted) {
		const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
		text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head = '', tail] = text.split('::');
	const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
	const front = parse(head);
	const back = tail === undefined ? [] : parse(tail);
	return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const ipv4Of = (high: number, low: number) =>
	[high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * The IPv4 address an IPv6 address carries to, where the connection would go: IPv4-mapped
 * (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64's well-known prefix
 * (`64:ff9b::a.b.c.d`, which a NAT64 gateway forwards to the IPv4 address) and 6to4
 * (`2002:AABB:CCDD::`, which a relay forwards to a.b.c.d).
 */
function embeddedIpv4(address: string): string | undefined {
	const g = groupsOf(address);
	const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
	if (zeros(0, 5) && g[5] === 0xffff) return ipv4Of(g[6]!, g[7]!);
	// `::` and `::1` are IPv6's own (unspecified, loopback), checked as such below.
	if (zeros(0, 6) && (g[6]! > 0 || g[7]! > 1)) return ipv4Of(g[6]!, g[7]!);
	if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4Of(g[6]!, g[7]!);
	if (g[0] === 0x2002) return ipv4Of(g[1]!, g[2]!);
	return undefined;
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
