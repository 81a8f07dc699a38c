import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					// The library's typed errors (each a few hundred bytes) in one chunk: shared by the
					// first page and by code loaded on use, they were otherwise a file apiece.
					groups: [
						{
							name: 'errors',
							test: /src\/lib\/errors\//
						}
					]
				}
			}
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['fake-indexeddb/auto'],
		// fake-indexeddb is per module graph; isolation keeps each file's databases its own.
		isolate: true
	}
});
