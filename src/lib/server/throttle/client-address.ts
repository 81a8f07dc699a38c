import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a per-address limit counts by. An IPv6 host is given a whole /64 by its provider,
 * so one person could otherwise take a fresh address per try: IPv6 counts by its /64. An IPv4
 * address written as IPv6 (`::ffff:1.2.3.4`, how Node reports IPv4 on a dual-stack socket) counts
 * as the IPv4 address.
 */
export function addressKey(address: string): string {
	const plain = address.trim().toLowerCase().replace(/%.*$/, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	if (!isIPv6(plain)) return plain;
	return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
	const [head = '', tail] = address.split('::');
	const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap(ipv4AsGroups));
	const start = groups(head);
	const end = tail === undefined ? [] : groups(tail);
	const zeros = Array.from({ length: 8 - start.length - end.length }, () => '0');
	return [...start, ...zeros, ...end].map((group) => parseInt(group, 16).toString(16));
}

/** An embedded IPv4 tail (`64:ff9b::1.2.3.4`) as its two groups. */
function ipv4AsGroups(group: string): string[] {
	if (!group.includes('.')) return [group];
	const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
	return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
