import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		// No preload lists: each dynamic import carried the names of every file its chunk imports,
		// 2.5 KiB of the first visit. The service worker precaches every file after the first load,
		// so a chunk loaded on use then waits on the cache, not on one more round trip.
		modulePreload: false,
		rolldownOptions: {
			output: {
				codeSplitting: {
					// The library's typed errors (each a few hundred bytes) in one chunk: shared by the
					// first page and by code loaded on use, they were otherwise a file apiece.
					groups: [
						{
							name: 'errors',
							test: /src\/lib\/errors\//
						},
						// What every list and record page draws with (money, times, badges, numbers, the
						// fold's progress) and acts with (toasts, undoable actions, focus, the address's
						// parameters), with what they import: the app, Dexie and Svelte's runtime. Split by
						// which pages use each, they were a dozen files of a few hundred bytes, each a
						// request and a gzip stream of its own on the first visit.
						{
							name: 'app',
							test: /src\/lib\/(components\/(Money|RelativeTime|StatusBadge|EmptyState|OrderNumber|ShowMore|FoldProgress)\.svelte|app\/(focus|url-param\.svelte|toasts|actions)\.ts)$/
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
