import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../bench/shared/server-node-flags';

const GIB = 1024 ** 3;

/** What `node` reports of its heap when started with `flags`. */
function heapLimit(flags: string[]): number {
	const run = spawnSync(
		process.execPath,
		[...flags, '-p', 'require("node:v8").getHeapStatistics().heap_size_limit'],
		{ encoding: 'utf8' }
	);
	if (run.status !== 0) throw new Error(`node ${flags.join(' ')} failed: ${run.stderr}`);
	return Number(run.stdout.trim());
}

describe("the server's Node flags (npm start)", () => {
	it("give V8 a heap limit under 2 GiB, where it grows the heap by less than 2× what lives, with room for 20× the server's live objects", () => {
		// At 2 GiB and over (Node's default on a machine with 8 GiB or more), V8 lets the old
		// generation grow to 4× what survived the last full collection before collecting again: a
		// server under load holding 60 MiB of live objects showed 280 MiB of heap.
		const limit = heapLimit(serverNodeFlags());
		expect(limit).toBeLessThan(2 * GIB);
		expect(limit).toBeGreaterThan(1.2 * GIB);
	});
});
