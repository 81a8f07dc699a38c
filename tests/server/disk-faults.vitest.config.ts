import { defineConfig } from 'vitest/config';

// The PGlite full-disk test alone (see pglite-disk.fault.ts): it mounts a
// tmpfs, so it needs root: `npm run test:disk-faults`.
export default defineConfig({
	test: {
		include: ['tests/server/pglite-disk.fault.ts'],
		environment: 'node',
		fileParallelism: false
	}
});
