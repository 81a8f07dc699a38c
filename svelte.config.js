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
		// Registered by hooks.client.ts, and only where the browser lets the site keep data:
		// elsewhere the registration is refused, and SvelteKit's own would reject unhandled.
		serviceWorker: { register: false },
		// Hashes, not nonces: offline, the service worker answers with a shell it cached earlier,
		// whose inline script must still match the policy that came with it. The policy is a header,
		// so frame-ancestors holds.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// No 'unsafe-eval': zod compiles its object parsers with `new Function` unless told not
				// to, and its probe for that is reported as a violation. static/zod-without-eval.js
				// tells it (a classic script in <head> runs before every module; kept to one line,
				// as every first visit loads it). 'wasm-unsafe-eval' lets WebAssembly compile and
				// nothing else (JavaScript's eval stays refused): a backup's SHA-256 runs in it
				// (hash-wasm), twice as fast as in JavaScript.
				'script-src': ['self', 'wasm-unsafe-eval'],
				// Svelte and the charts set style attributes.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		csrf: {
			// The API authenticates with bearer tokens, never cookies, and the app has no form
			// actions, so there is nothing for an origin check to protect; the sync contract
			// answers a non-JSON body with 415, which the check would turn into a 403.
			trustedOrigins: ['*']
		}
	}
};

export default config;
