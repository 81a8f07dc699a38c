import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, requireChromium } from '../../tests/e2e/chromium.js';

/** The system's Chromium with the end-to-end tests' flags; never a downloaded one. */
export async function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: requireChromium(),
		headless: true,
		args: CHROMIUM_FLAGS
	});
}

/** A browser profile on disk, as a person's is, and how to close it and delete its folder. */
export interface DiskProfile {
	context: BrowserContext;
	close(): Promise<void>;
}

/**
 * A Chromium of its own with a profile on disk. A context of a shared browser is off the
 * record: its IndexedDB lives in memory under a quota of its own, which a million events
 * outgrow (QuotaExceededError) where a person's profile, on disk, has room.
 */
export async function launchDiskProfile(): Promise<DiskProfile> {
	const folder = await mkdtemp(join(tmpdir(), 'rewind-bench-profile-'));
	try {
		const context = await chromium.launchPersistentContext(folder, {
			executablePath: requireChromium(),
			headless: true,
			args: CHROMIUM_FLAGS,
			serviceWorkers: 'allow'
		});
		return {
			context,
			async close() {
				await context.close();
				await rm(folder, { recursive: true, force: true });
			}
		};
	} catch (error) {
		await rm(folder, { recursive: true, force: true });
		throw error;
	}
}
