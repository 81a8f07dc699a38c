// The library stands alone (DESIGN.md, "Layers and where they live"): each library folder of
// src/lib imports only the folders its row of the table lists, so the arrows point one way and
// nothing in the library reaches the app's domain, its composition, its components or its routes.
// Test code (a `*.test.ts`, a `testing.ts` seam, a `testing/` folder) sits with src/lib/testing
// in the table: it may import the library, and still nothing above it, nor `server` from outside.
// The check reads every import of every file, so a new offender fails here at once.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/lib');

/** The library's folders that run in the browser: all but `server`. */
const CLIENT_LIBRARY = [
	'errors',
	'events',
	'eventstore',
	'aggregates',
	'projections',
	'undo',
	'sync',
	'reactions',
	'protocol'
] as const;

/** DESIGN.md's table: what each library folder may import besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
	errors: [],
	events: ['errors'],
	eventstore: ['events', 'errors'],
	aggregates: ['eventstore', 'events', 'errors'],
	projections: ['eventstore', 'events', 'errors'],
	undo: ['aggregates', 'eventstore', 'events', 'errors'],
	sync: ['protocol', 'eventstore', 'events', 'errors'],
	// It elects one tab as sync does (`sync/leader`), and runs commands through the aggregates.
	reactions: ['aggregates', 'eventstore', 'events', 'errors', 'sync'],
	protocol: ['events', 'errors'],
	server: ['protocol', 'events', 'errors'],
	// The library's own fixture domain and test helpers: the library, but not the server.
	testing: CLIENT_LIBRARY,
	// `src/lib/index.ts`, the library's public surface, exports every client-side folder.
	'(root)': CLIENT_LIBRARY
};

/** Folders of src/lib that are the app, not the library: the table's rows under it. */
const ABOVE_THE_LIBRARY = ['domain', 'app', 'components'];

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

/** The library folder a file of src/lib belongs to, `(root)` for the files directly in it. */
function ownFolder(file: string): string {
	const parts = relative(LIB, file).split(sep);
	return parts.length === 1 ? '(root)' : parts[0]!;
}

/** Test code: a test, a folder's `testing.ts` seam, or a file in a `testing/` folder. */
function isTestCode(file: string): boolean {
	const parts = relative(LIB, file).split(sep);
	const name = parts.at(-1)!;
	return /\.test\.ts$/.test(name) || name === 'testing.ts' || parts.includes('testing');
}

/** What a file may import besides its own folder: its row, and for test code also the library. */
function mayImport(file: string): readonly string[] {
	const own = MAY_IMPORT[ownFolder(file)] ?? [];
	if (!isTestCode(file)) return own;
	return [...new Set([...own, ...MAY_IMPORT.testing!, 'testing'])];
}

function* sourceFiles(folder: string): Generator<string> {
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) yield* sourceFiles(path);
		else if (/\.(ts|js|svelte)$/.test(entry.name)) yield path;
	}
}

function libraryFiles(): string[] {
	const root = readdirSync(LIB)
		.filter((name) => /\.(ts|js)$/.test(name))
		.map((name) => join(LIB, name));
	const folders = Object.keys(MAY_IMPORT).filter((folder) => folder !== '(root)');
	return [...root, ...folders.flatMap((folder) => [...sourceFiles(join(LIB, folder))])];
}

/** Each library file's imports of folders its row does not list, by its path under the repo. */
function offences(): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const file of libraryFiles()) {
		const own = ownFolder(file);
		const allowed = mayImport(file);
		const outside = new Set<string>();
		for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
			const folder = folderOf(file, specifier);
			if (folder === undefined || folder === own || allowed.includes(folder)) continue;
			outside.add(folder);
		}
		if (outside.size > 0) found.set(relative(ROOT, file).split(sep).join('/'), [...outside].sort());
	}
	return found;
}

describe('the library stands alone', () => {
	it('reads the imports it checks: one sample of each kind of import is found', () => {
		const file = join(LIB, 'events/example.ts');
		const folders = importsOf(
			[
				"import { x } from '../domain';",
				"export { y } from '$lib/app/rewind-app';",
				"import type { Z } from '../../routes/+page';",
				"const s = await import('../server/sync-server');",
				"vi.mock('$lib/components/Toast.svelte');",
				"import '../eventstore/internal/database';",
				"import { lib } from '$lib';"
			].join('\n')
		).map((specifier) => folderOf(file, specifier));
		expect(folders.sort()).toEqual(
			['domain', 'app', 'routes', 'eventstore', 'server', 'components', '(root)'].sort()
		);
	});

	it('holds production code to its row and test code to the library', () => {
		const at = (path: string) => join(LIB, path);
		expect(mayImport(at('eventstore/event-store.ts'))).toEqual(['events', 'errors']);
		expect(mayImport(at('eventstore/testing.ts'))).toContain('testing');
		expect(mayImport(at('server/testing/test-client.ts'))).not.toContain('server');
		expect(mayImport(at('server/sync-server.test.ts'))).toContain('testing');
		expect(mayImport(at('server/sync-server.test.ts'))).not.toContain('domain');
		expect(mayImport(at('index.ts'))).not.toContain('domain');
		for (const file of ['sync/sync-client.ts', 'sync/push.test.ts', 'testing/counter.ts'])
			expect(mayImport(at(file))).not.toContain('server');
	});

	it('knows every folder of src/lib: each is a row of the table or the app above the library', () => {
		const folders = readdirSync(LIB, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.sort();
		expect(folders).toEqual(
			[...Object.keys(MAY_IMPORT), ...ABOVE_THE_LIBRARY]
				.filter((folder) => folder !== '(root)')
				.sort()
		);
	});

	it('no library file imports a folder its row of the table does not list', () => {
		expect(Object.fromEntries(offences()), 'imports outside the layers table').toEqual({});
	});
});
