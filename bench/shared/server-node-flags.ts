import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/paths';

/**
 * The flags `npm start` gives Node before `build`, read from package.json's start script: the
 * bench and the tests that start `node build` run the server as a person's `npm start` does.
 */
export function serverNodeFlags(): string[] {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		scripts?: { start?: string };
	};
	const start = manifest.scripts?.start ?? '';
	const command = /(?:^|&&|\s)node((?:\s+--\S+)*)\s+build(?:\s|$)/.exec(start);
	if (!command) throw new Error(`package.json's start script runs no "node … build": ${start}`);
	return command[1]!.trim().split(/\s+/).filter(Boolean);
}
