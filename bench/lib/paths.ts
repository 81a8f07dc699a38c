import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BENCH = join(ROOT, 'bench');
/** Git-ignored: results and everything the bench builds. */
export const RESULTS = join(BENCH, 'results');
export const PAGE_BUILD = join(RESULTS, 'page');
/** The bench's own copy of the built app: other work may rebuild `build/` during a run. */
export const APP_BUILD = join(RESULTS, 'app');
