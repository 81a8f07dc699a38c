import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Absolute asset paths: offline, the service worker answers every deep link with one
		// cached shell, whose relative paths would resolve against the link instead of the root.
		paths: { relative: false },
		csrf: {
			// The API authenticates with bearer tokens, never cookies, and the app has no form
			// actions, so there is nothing for an origin check to protect; the sync contract
			// answers a non-JSON body with 415, which the check would turn into a 403.
			trustedOrigins: ['*']
		}
	}
};

export default config;
