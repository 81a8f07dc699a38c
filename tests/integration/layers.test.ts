// The library stands alone (DESIGN.md, "Layers and where they live"): no file under a library
// folder of src/lib imports a folder above it — the app's domain, its composition, its
// components or its routes — and nothing outside `server` imports `server`. Tests count too.
// The check reads every import of every file, so a new offender fails here at once.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/lib');

/** Folders of src/lib that are the app, not the library: the library imports none of them. */
const ABOVE_THE_LIBRARY = new Set(['domain', 'app', 'components', 'routes']);
/** The library's folders (and `index.ts`, its public surface, as `(root)`). */
const LIBRARY = readdirSync(LIB, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && !ABOVE_THE_LIBRARY.has(entry.name))
	.map((entry) => entry.name)
	.concat('(root)');

/**
 * Today's offenders, each a file and the folders above it that it imports. They are tests and
 * their fixtures that join the library with the app's domain or with the server, and wait to be
 * moved to tests/integration or re-pointed at src/lib/testing (issue 16, item 7). Shrink this
 * list to empty: an entry that no longer offends fails the check until it is removed.
 */
const ALLOWED: Record<string, readonly string[]> = {
	// Fixtures over the app's orders and accounts (the lead re-points them at src/lib/testing).
	'src/lib/projections/testing.ts': ['domain'],
	'src/lib/sync/testing.ts': ['domain', 'server'],
	// Tests that join the library with the domain or the server: to tests/integration.
	'src/lib/projections/projection-store.test.ts': ['domain'],
	'src/lib/sync/push-batches.test.ts': ['server'],
	'src/lib/sync/sealed-rebase.test.ts': ['server'],
	'src/lib/sync/sync-client.test.ts': ['server'],
	'src/lib/sync/sync-faults.test.ts': ['server'],
	'src/lib/sync/sync-model.test.ts': ['server'],
	'src/lib/sync/sync-scenarios.test.ts': ['domain', 'server'],
	'src/lib/sync/sync-status.test.ts': ['components', 'domain', 'server'],
	'src/lib/sync/workspace-people.test.ts': ['server'],
	'src/lib/undo/undo-model.test.ts': ['domain']
};

function isFolder(name: string): boolean {
	return readdirSync(LIB, { withFileTypes: true }).some(
		(entry) => entry.isDirectory() && entry.name === name
	);
}

/** Every import specifier of a source file: static, re-export, side effect, dynamic, mocked. */
function importsOf(source: string): string[] {
	const patterns = [
		/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
		/^\s*import\s*['"]([^'"]+)['"]/gm,
		/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
		/\bvi\.(?:mock|doMock|importActual)\(\s*['"]([^'"]+)['"]/g
	];
	return patterns.flatMap((pattern) => Array.from(source.matchAll(pattern), (match) => match[1]!));
}

/** The folder of src/lib (or `routes`) a specifier reaches from `file`, or undefined if neither. */
function folderOf(file: string, specifier: string): string | undefined {
	let target: string;
	if (specifier === '$lib') return '(root)';
	if (specifier.startsWith('$lib/')) target = join(LIB, specifier.slice('$lib/'.length));
	else if (specifier.startsWith('.')) target = resolve(dirname(file), specifier);
	else return undefined;
	const inRoutes = relative(join(ROOT, 'src/routes'), target);
	if (!inRoutes.startsWith('..')) return 'routes';
	const inLib = relative(LIB, target);
	if (inLib.startsWith('..')) return undefined;
	const [first = ''] = inLib.split(sep);
	// A file directly in src/lib (`index.ts`) is the library's root, not a folder.
	return inLib === first && !isFolder(first) ? '(root)' : first;
}

function* sourceFiles(folder: string): Generator<string> {
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) yield* sourceFiles(path);
		else if (/\.(ts|js|svelte)$/.test(entry.name)) yield path;
	}
}

function libraryFiles(): string[] {
	return LIBRARY.flatMap((folder) =>
		folder === '(root)'
			? readdirSync(LIB)
					.filter((name) => /\.(ts|js)$/.test(name))
					.map((name) => join(LIB, name))
			: [...sourceFiles(join(LIB, folder))]
	);
}

/** Each library file's imports of folders above its own, by the file's path under the repo. */
function offences(): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const file of libraryFiles()) {
		const own = relative(LIB, file).split(sep)[0]!;
		const above = new Set<string>();
		for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
			const folder = folderOf(file, specifier);
			if (folder === undefined || folder === own) continue;
			if (ABOVE_THE_LIBRARY.has(folder) || folder === 'server') above.add(folder);
		}
		if (above.size > 0) found.set(relative(ROOT, file).split(sep).join('/'), [...above].sort());
	}
	return found;
}

describe('the library stands alone', () => {
	const found = offences();

	it('reads the imports it checks: one sample of each kind of offence is found', () => {
		const file = join(LIB, 'events/example.ts');
		const folders = importsOf(
			[
				"import { x } from '../domain';",
				"export { y } from '$lib/app/rewind-app';",
				"import type { Z } from '../../routes/+page';",
				"const s = await import('../server/sync-server');",
				"vi.mock('$lib/components/Toast.svelte');"
			].join('\n')
		).map((specifier) => folderOf(file, specifier));
		expect(folders).toEqual(['domain', 'app', 'routes', 'server', 'components']);
	});

	it('no library folder imports domain, app, components or routes, nor server from outside it', () => {
		const allowed = Object.entries(ALLOWED);
		if (allowed.length > 0) {
			console.info(
				`Layer check: ${allowed.length} files still allowed to reach above the library ` +
					`(shrink ALLOWED in tests/integration/layers.test.ts to empty):\n` +
					allowed.map(([file, folders]) => `  ${file} -> ${folders.join(', ')}`).join('\n')
			);
		}
		const unexpected = [...found].filter(
			([file, folders]) => !folders.every((folder) => ALLOWED[file]?.includes(folder))
		);
		expect(unexpected, 'imports above the library').toEqual([]);
		const stale = allowed.filter(([file, folders]) =>
			folders.some((folder) => !found.get(file)?.includes(folder))
		);
		expect(stale, 'allowed offences that no longer happen: remove them from ALLOWED').toEqual([]);
	});
});
