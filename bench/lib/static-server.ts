import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8'
};

export interface StaticServer {
	url: string;
	close(): Promise<void>;
}

/**
 * Serves one folder on 127.0.0.1 at a free port. Answers with CORS allowed, so the bench
 * bundle can also be loaded into a page of the app's origin.
 */
export async function serveStatic(folder: string): Promise<StaticServer> {
	const server: Server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		const file = join(folder, normalize(path === '/' ? '/index.html' : path));
		if (!file.startsWith(folder)) {
			res.writeHead(403).end();
			return;
		}
		readFile(file).then(
			(body) => {
				res.writeHead(200, {
					'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
					'access-control-allow-origin': '*',
					'cache-control': 'no-store'
				});
				res.end(body);
			},
			() => res.writeHead(404).end()
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('the static server has no port');
	return {
		url: `http://127.0.0.1:${address.port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
