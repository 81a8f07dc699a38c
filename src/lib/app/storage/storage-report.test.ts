import { describe, expect, it } from 'vitest';
import { readStorage, type StorageEnvironment } from './storage-report';

const GB = 1024 ** 3;

function env(overrides: Partial<StorageEnvironment> = {}): StorageEnvironment {
	return {
		storage: {
			persisted: () => Promise.resolve(false),
			estimate: () => Promise.resolve({ usage: 2_000_000, quota: 10 * GB })
		},
		siteDataAllowed: () => true,
		...overrides
	};
}

describe('readStorage', () => {
	it('reads a lasting grant with the room used and allowed', async () => {
		const report = await readStorage(
			env({
				storage: {
					persisted: () => Promise.resolve(true),
					estimate: () => Promise.resolve({ usage: 5, quota: 10 })
				}
			})
		);
		expect(report).toEqual({ canStore: true, persistence: 'granted', usage: 5, quota: 10 });
	});

	it("reads a browser that keeps data as long as it has room as 'best-effort'", async () => {
		expect(await readStorage(env())).toEqual({
			canStore: true,
			persistence: 'best-effort',
			usage: 2_000_000,
			quota: 10 * GB
		});
	});

	it('says it cannot store when site data is blocked, and asks nothing more', async () => {
		let asked = false;
		const report = await readStorage(
			env({
				siteDataAllowed: () => false,
				storage: {
					persisted: () => Promise.resolve(((asked = true), true)),
					estimate: () => Promise.resolve(((asked = true), {}))
				}
			})
		);
		expect(report).toEqual({ canStore: false, persistence: 'unknown' });
		expect(asked).toBe(false);
	});

	it("says 'unknown' without the Storage API (an old browser, a page not on https)", async () => {
		expect(await readStorage(env({ storage: undefined }))).toEqual({
			canStore: true,
			persistence: 'unknown'
		});
	});

	it('treats an API that throws, or an estimate without numbers, as one that says nothing', async () => {
		const report = await readStorage(
			env({
				storage: {
					persisted: () => Promise.reject(new Error('denied')),
					estimate: () => Promise.resolve({ usage: 1 })
				}
			})
		);
		expect(report).toEqual({ canStore: true, persistence: 'unknown' });
		const refused = await readStorage(
			env({
				storage: {
					persisted: () => Promise.resolve(false),
					estimate: () => Promise.reject(new Error('no'))
				}
			})
		);
		expect(refused).toEqual({ canStore: true, persistence: 'best-effort' });
	});
});
