import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, requireChromium } from '../../tests/e2e/chromium.js';

/** The system's Chromium with the end-to-end tests' flags; never a downloaded one. */
export async function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: requireChromium(),
		headless: true,
		args: CHROMIUM_FLAGS
	});
}
