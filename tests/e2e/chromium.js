// @ts-check
/**
 * Where the browser tests find Chromium. They drive the system's Chromium and never download
 * one. Run directly (`node tests/e2e/chromium.js`), it fails at once when there is none, so
 * `npm run test:e2e` stops before it spends time on a build.
 */
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The flags every e2e browser starts with. */
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/** `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath() {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * The path of an executable Chromium, or an error that says how to get one.
 * @returns {string}
 */
export function requireChromium() {
	const path = chromiumPath();
	try {
		accessSync(path, constants.X_OK);
	} catch {
		throw new Error(
			`No Chromium at ${path}${process.env.CHROMIUM_PATH ? ' (from CHROMIUM_PATH)' : ''}. ` +
				'The browser tests drive a system Chromium and never download one. Install it with ' +
				'`apt-get update && apt-get install -y chromium` (Debian/Ubuntu, as root), or set ' +
				'CHROMIUM_PATH to a Chromium or Google Chrome executable.'
		);
	}
	return path;
}

const script = process.argv[1];
if (script && resolve(script) === fileURLToPath(import.meta.url)) {
	try {
		requireChromium();
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
