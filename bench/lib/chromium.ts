import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The flags every bench browser starts with (the same as the end-to-end tests'). */
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/** The system's Chromium (`CHROMIUM_PATH`, else `/usr/bin/chromium`); never a downloaded one. */
export async function launchChromium(): Promise<Browser> {
	const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	try {
		accessSync(executablePath, constants.X_OK);
	} catch {
		throw new Error(
			`No Chromium at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH.`
		);
	}
	return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}
