import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { WebhookRefusedError } from '../errors';
import { isPrivateAddress } from './private-address';

export interface DestinationRules {
	allowPrivate: boolean;
}

/**
 * Refuses a destination that is not `https:`, resolves to nothing, or has any private,
 * loopback, link-local or unique-local address among those it resolves to (one bad address is
 * enough: the connection may pick it). With `allowPrivate` such addresses are let through, and
 * plain `http:` too when every address is private (a receiver on this machine or network).
 * Run at registration and again before each delivery, since what a name resolves to changes.
 */
export async function checkDestination(rawUrl: string, rules: DestinationRules): Promise<URL> {
	let url: URL;
	try {
		url = new URL(rawUrl);
	} catch {
		throw new WebhookRefusedError(`"${rawUrl}" is not a URL.`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new WebhookRefusedError(`A webhook URL must start with https://, not ${url.protocol}.`);
	}
	if (url.username || url.password) {
		throw new WebhookRefusedError('A webhook URL must not carry a user name or password.');
	}
	const addresses = await resolveAll(url.hostname);
	const privateOnes = addresses.filter(isPrivateAddress);
	if (privateOnes.length > 0 && !rules.allowPrivate) {
		throw new WebhookRefusedError(
			`${url.hostname} resolves to ${privateOnes.join(', ')}, a private or local address; ` +
				'webhooks only reach public addresses unless the server allows private ones.'
		);
	}
	if (
		url.protocol === 'http:' &&
		!(rules.allowPrivate && privateOnes.length === addresses.length)
	) {
		throw new WebhookRefusedError('A webhook URL must use https://.');
	}
	return url;
}

async function resolveAll(hostname: string): Promise<string[]> {
	const bare = hostname.replace(/^\[|\]$/g, '');
	if (isIP(bare)) return [bare];
	try {
		const found = await lookup(bare, { all: true, verbatim: true });
		if (found.length > 0) return found.map((entry) => entry.address);
	} catch {
		// Said below, in the same words as an empty answer.
	}
	throw new WebhookRefusedError(`${hostname} does not resolve to any address.`);
}
