import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { BENCH, PAGE_BUILD } from './paths';

/** The bench page's bundle: the built library code, one ES module, no source maps. */
export const BUNDLE = 'bench.js';

/**
 * Bundles `bench/browser/entry.ts` with Vite's production build (library mode, minified) into
 * `bench/results/page`, with an `index.html` that loads it.
 */
export async function buildBenchPage(): Promise<void> {
	await build({
		configFile: false,
		logLevel: 'warn',
		root: BENCH,
		define: { 'process.env.NODE_ENV': JSON.stringify('production') },
		// RxDB pins Dexie 4.0.10, Rewind uses 4.4; Dexie refuses two copies in one page, so
		// RxDB's Dexie storage runs on the same Dexie as Rewind and the Dexie contestant.
		resolve: { dedupe: ['dexie'] },
		build: {
			outDir: PAGE_BUILD,
			emptyOutDir: true,
			minify: true,
			target: 'es2022',
			reportCompressedSize: false,
			lib: {
				entry: join(BENCH, 'browser/entry.ts'),
				formats: ['es'],
				fileName: () => BUNDLE
			}
		}
	});
	writeFileSync(
		join(PAGE_BUILD, 'index.html'),
		`<!doctype html><meta charset="utf-8"><title>Rewind bench</title><script type="module" src="/${BUNDLE}"></script>\n`
	);
}
