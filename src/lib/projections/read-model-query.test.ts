import { afterEach, describe, expect, it } from 'vitest';
import type { ReadModelEntry } from '../eventstore';
import { StoreTracker } from '../eventstore/testing';
import { defineProjection } from './define-projection';
import { patchPage, queryList, type ListQuery } from './read-model-query';
import { listKey } from './list-key';
import { searchWords } from './search-words';

// A list's page, filter and search come from the read model's indexes; these pin what they
// find and in what order, against the same rows filtered and sorted in memory.

interface Person {
	name: string;
	at: string;
	status: 'active' | 'away';
}

const people = defineProjection<Person>({
	name: 'test-people',
	version: 1,
	initialState: () => ({ name: '', at: '', status: 'active' }),
	evolve: (row) => row,
	list: {
		order: (row) => row.at,
		descending: true,
		group: (row) => row.status,
		searchText: (row) => row.name
	}
});

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

function entryOf(key: string, row: Person): ReadModelEntry<Person> {
	return {
		key,
		version: 1,
		row,
		order: listKey(row.at, key, true),
		group: row.status,
		words: searchWords(row.name)
	};
}

/** A store whose read model holds these rows, as a fold would have committed them. */
async function storeWith(rows: Record<string, Person>) {
	const store = stores.open();
	const put = Object.entries(rows).map(([key, row]) => entryOf(key, row));
	const state = { version: 1, seq: 1, rewriteId: 0, commit: 'c1', tallies: {} };
	await store.readModels.commit(people.name, undefined, state, { put, remove: [] });
	return store;
}

const at = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const noTallies = { count: 0, groups: {}, sums: {} };

async function keysFor(rows: Record<string, Person>, query: ListQuery) {
	const page = await queryList(await storeWith(rows), people, noTallies, query);
	return page.rows.map(({ key }) => key);
}

describe('a list search', () => {
	const rows: Record<string, Person> = {
		a: { name: 'Zoë Ashford', at: at(1), status: 'active' },
		b: { name: 'Ashley Zoeller', at: at(2), status: 'away' },
		c: { name: 'Noah Bashir', at: at(3), status: 'active' },
		d: { name: 'Café Aurora', at: at(4), status: 'active' }
	};

	it('finds rows by the start of their words, newest first', async () => {
		expect(await keysFor(rows, { search: 'ash', limit: 10 })).toEqual(['b', 'a']);
	});

	it('ignores case and accents, on both sides', async () => {
		expect(await keysFor(rows, { search: 'ZOE', limit: 10 })).toEqual(['b', 'a']);
		expect(await keysFor(rows, { search: 'cafe', limit: 10 })).toEqual(['d']);
		expect(await keysFor(rows, { search: 'Zoë', limit: 10 })).toEqual(['b', 'a']);
	});

	it('takes every word of the search, in any order', async () => {
		expect(await keysFor(rows, { search: 'ashford zo', limit: 10 })).toEqual(['a']);
		expect(await keysFor(rows, { search: 'ash nobody', limit: 10 })).toEqual([]);
	});

	it('finds nothing for a search of only marks and symbols, and everything for blanks', async () => {
		for (const search of ['(.*[', '🙂', ' - ']) {
			const page = await queryList(await storeWith(rows), people, noTallies, { search, limit: 10 });
			expect(page).toEqual({ rows: [], total: 0 });
			const patched = patchPage(
				people,
				page,
				{ search, limit: 10 },
				new Map([['a', entryOf('a', rows.a!)]])
			);
			expect(patched.rows).toEqual([]);
		}
		expect(await keysFor(rows, { search: '   ', limit: 10 })).toEqual(['d', 'c', 'b', 'a']);
	});

	it('keeps to the group asked for', async () => {
		expect(await keysFor(rows, { search: 'ash', group: 'active', limit: 10 })).toEqual(['a']);
	});

	it('finds the same first page however common or rare the words are', async () => {
		const many: Record<string, Person> = {};
		for (let index = 0; index < 2_600; index++) {
			const name =
				(index % 3 === 0 ? `Anna Smith ${index}` : `Anna Jones ${index}`) +
				(index % 97 === 0 ? ' Zed' : '');
			many[`p${String(index).padStart(4, '0')}`] = {
				name,
				at: at(index % 60),
				status: index % 2 === 0 ? 'active' : 'away'
			};
		}
		const store = await storeWith(many);
		for (const query of [
			{ search: 'anna', limit: 50 },
			{ search: 'anna sm', limit: 50 },
			{ search: 'ann', group: 'away', limit: 20 },
			// Rare: looked up by its word, and counted.
			{ search: 'zed', limit: 50 },
			// Its longest word is common, the other rare: not a page at the top, the list is read on.
			{ search: 'anna zed', limit: 50 }
		]) {
			const page = await queryList(store, people, noTallies, query);
			const words = searchWords(query.search);
			const expected = Object.entries(many)
				.filter(([, row]) => !query.group || row.status === query.group)
				.filter(([, row]) =>
					words.every((word) => searchWords(row.name).some((own) => own.startsWith(word)))
				)
				// Newest first; rows of the same moment in the order of their records.
				.sort(([ka, a], [kb, b]) => (a.at === b.at ? (ka < kb ? -1 : 1) : a.at < b.at ? 1 : -1))
				.map(([key]) => key);
			expect(page.rows.map(({ key }) => key)).toEqual(expected.slice(0, query.limit));
			if (expected.length < query.limit) expect(page.total).toBe(expected.length);
		}
	});
});

describe('a page patched before its rows are stored', () => {
	const page = {
		rows: [
			entryOf('c', { name: 'Noah', at: at(3), status: 'active' }),
			entryOf('b', { name: 'Ashley', at: at(2), status: 'away' })
		],
		total: 3
	};

	it('moves a changed row to where it now sorts', () => {
		const changes = new Map([['b', entryOf('b', { name: 'Ashley', at: at(9), status: 'away' })]]);
		const patched = patchPage(people, page, { limit: 10 }, changes);
		expect(patched.rows.map(({ key }) => key)).toEqual(['b', 'c']);
	});

	it('drops a row the query no longer takes, and one that is gone', () => {
		const changes = new Map<string, ReadModelEntry<Person> | undefined>([
			['b', entryOf('b', { name: 'Ashley', at: at(9), status: 'active' })],
			['c', undefined]
		]);
		const patched = patchPage(people, page, { group: 'away', limit: 10 }, changes);
		expect(patched.rows).toEqual([]);
	});

	it('leaves out a new row that sorts after the last row of a full page', () => {
		const changes = new Map([['a', entryOf('a', { name: 'Zoë', at: at(1), status: 'active' })]]);
		expect(patchPage(people, page, { limit: 2 }, changes).rows.map(({ key }) => key)).toEqual([
			'c',
			'b'
		]);
		expect(patchPage(people, page, { limit: 3 }, changes).rows.map(({ key }) => key)).toEqual([
			'c',
			'b',
			'a'
		]);
	});
});
