// adapter-node types `platform.req`, the Node request under the web one.
/// <reference types="@sveltejs/adapter-node" />
import type { Handle, ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { appServer } from '$lib/app/app-server.server';
import { startFailureMessage } from '$lib/server/server-host';
import { discardRestOfBody } from '$lib/server/http/discard-rest-of-body';

/**
 * Starts the sync server with the HTTP server, so that a locked or unusable data folder, an
 * unreachable database or a wrong setting stops the process at once (exit code 1) with one
 * clear line rather than failing the first request.
 */
export const init: ServerInit = async () => {
	if (building) return;
	try {
		await appServer.server();
	} catch (error) {
		const message = startFailureMessage(error);
		if (message === undefined) throw error;
		console.error(message);
		process.exit(1);
	}
	if (dev) return;
	// adapter-node listens after this hook: a taken port would end the process with a stack trace.
	process.on('uncaughtException', (error: NodeJS.ErrnoException & { port?: number }) => {
		if (error.code === 'EADDRINUSE' && error.syscall === 'listen') {
			console.error(
				`[rewind] Port ${error.port ?? process.env.PORT ?? 3000} is already in use: another ` +
					'server is running there. Stop it, or set PORT to another port.'
			);
		} else {
			console.error(error);
		}
		process.exit(1);
	});
	if (!process.env.BODY_SIZE_LIMIT) {
		console.warn(
			'[rewind] BODY_SIZE_LIMIT is not set: adapter-node refuses bodies over 512K, but a push may ' +
				'be up to 1 MiB. Set BODY_SIZE_LIMIT=2M.'
		);
	}
	// adapter-node closes its HTTP server on these signals, but that waits for every open
	// connection: end the live streams now, or shutdown would wait out SHUTDOWN_TIMEOUT.
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => void appServer.shutdown());
	}
	// Emitted by adapter-node once the HTTP server is closed: no request is running any more.
	process.once('sveltekit:shutdown', () => {
		appServer.close().catch((error: unknown) => console.error('[rewind] closing failed', error));
	});
};

/** On every answer, pages and API alike; the page's Content-Security-Policy is `kit.csp`. */
const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin'
};

function withSecurityHeaders(response: Response): Response {
	const set = (target: Response) => {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) target.headers.set(name, value);
		return target;
	};
	try {
		return set(response);
	} catch {
		// Made by Response.redirect() or fetch(), its headers are immutable: answer with a copy.
		return set(new Response(response.body, response));
	}
}

/**
 * A path under /api that is not percent-encoded UTF-8 names no endpoint: the contract's JSON
 * 404, where SvelteKit would answer with its HTML error page.
 */
function undecodableApiPath(url: URL): Response | undefined {
	if (!url.pathname.startsWith('/api/')) return undefined;
	try {
		decodeURI(url.pathname);
		return undefined;
	} catch {
		return Response.json(
			{ error: 'not_found', message: 'There is no endpoint at that path.' },
			{ status: 404, headers: { 'cache-control': 'no-store' } }
		);
	}
}

export const handle: Handle = async ({ event, resolve }) => {
	const response = withSecurityHeaders(undecodableApiPath(event.url) ?? (await resolve(event)));
	// A body left unread (a 413, a 401 before the body) is thrown away rather than reset.
	const request = event.platform?.req;
	if (request) discardRestOfBody(request);
	return response;
};
