import { get, writable, type Readable } from 'svelte/store';
import type { EventStore } from '../eventstore';
import type { Member } from '../protocol';
import type { SyncSession } from './session';
import { MEMBERS } from './sync-meta';

/** Names of the workspace's people by user id, kept on the device so they show offline too. */
export class MemberDirectory {
	readonly #store: EventStore;
	readonly #members = writable<ReadonlyMap<string, string>>(new Map());

	readonly members: Readable<ReadonlyMap<string, string>> = { subscribe: this.#members.subscribe };

	constructor(store: EventStore) {
		this.#store = store;
	}

	/** The names the device kept from the last list. */
	async load(): Promise<void> {
		const known = await this.#store.sync.readSetting<[string, string][]>(MEMBERS);
		if (known) this.#members.set(new Map(known));
	}

	async keep(members: readonly Member[]): Promise<void> {
		const map = new Map(members.map((member) => [member.userId, member.name]));
		await this.#store.sync.writeSetting(MEMBERS, [...map]);
		this.#members.set(map);
	}

	/**
	 * Whether to ask for the workspace's people: someone appeared (`seen`) that this device
	 * cannot name, or this person may only view, since the list says when an owner gives them
	 * edit rights, or the session does not know its workspace's name or role yet.
	 */
	needsList(session: SyncSession, seen: ReadonlySet<string>): boolean {
		const known = get(this.#members);
		const allKnown = [session.userId, ...seen].every((userId) => known.has(userId));
		return !(allKnown && session.workspace && session.role && session.role !== 'viewer');
	}
}
