import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the built app (`npm run build`) served by `node build`, driven in the
 * system's Chromium. Run with `npm run test:e2e`.
 */
export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		// One browser at a time: the machine has two cores and the server needs one.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 60_000,
		expect: { poll: { timeout: 10_000, interval: 50 } }
	}
});
