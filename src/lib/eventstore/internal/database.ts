import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import type { StoredEvent } from '../../events';
import { entryFor, type OutboxEntry, type OutboxRecord } from './outbox';
import { receiptFor, recordOf, type EventRecord, type Receipt } from './receipts';
import type { Snapshot } from '../snapshot';
import type { Conflict } from '../conflict';
import type { Rewrite } from '../rewrite';
import type { StoredCommand } from '../stored-command';
import type { ReadModelRecord } from '../read-model-storage';

/** A record the store keeps for a reader of the log under its name (a projection's checkpoint). */
export interface NamedRecord {
	name: string;
}

export interface MetaEntry {
	key: string;
	value: unknown;
}

/** The device's IndexedDB database. Add a new `version(n)` for every schema change; never edit one. */
export class RewindDatabase extends Dexie {
	/** Write-once records; pending ones are in `outbox`, synced ones have a `receipts` entry. */
	declare events: Table<EventRecord, number>;
	/** What is pending, an entry per append (or a stream's run of them), each with its command. */
	declare outbox: Table<OutboxRecord, number>;
	declare receipts: Table<Receipt, number>;
	declare snapshots: Table<Snapshot, string>;
	declare meta: Table<MetaEntry, string>;
	declare checkpoints: Table<NamedRecord, string>;
	declare rewrites: Table<Rewrite, number>;
	declare conflicts: Table<Conflict, string>;
	/** Read models' rows, one per record per model: lists read a page of them, never all. */
	declare readModelRows: Table<ReadModelRecord, [string, string]>;

	constructor(name: string, options?: DexieOptions) {
		super(name, options);
		this.version(1).stores({
			// [sync+seq] reads pending events in local order; position orders synced ones.
			events: '++seq, &eventId, &[streamId+version], [sync+seq], position, type',
			commands: '&commandId, streamId',
			snapshots: '&streamId',
			meta: '&key'
		});
		this.version(2).stores({
			checkpoints: '&name',
			rewrites: '++id'
		});
		this.version(3).stores({
			conflicts: '&commandId, streamId'
		});
		// Sync state moves out of the event records, which become write-once: marking 500
		// events synced rewrote 500 whole events (bench case 9).
		this.version(4)
			.stores({
				events: '++seq, &eventId, &[streamId+version]',
				outbox: '&seq, streamId',
				receipts: '&seq, position'
			})
			.upgrade(moveSyncStateOut);
		// Each pending command moves into its outbox entry: the two described one thing, and
		// acknowledging a batch deleted its commands one request each (bench case 9).
		this.version(5)
			.stores({ outbox: '&seq, streamId, &command.commandId' })
			.upgrade(moveCommandsIntoOutbox);
		this.version(6).stores({ commands: null });
		// A receipt may now cover a run of events (`last`); code from before would read it as one
		// event's, so it must not open this database.
		this.version(7).stores({});
		// Which events a command wrote, pending or synced: running a command id again returns
		// them instead of writing a second change (invariant 7). IndexedDB fills a new index from
		// the records already there, so older databases need no upgrade of their own.
		this.version(8).stores({
			events: '++seq, &eventId, &[streamId+version], metadata.commandId'
		});
		// Read models move out of memory: a list reads a page of rows in its order, filtered
		// by group, or the records whose words start with what was searched. A row that is not
		// listed has no `order`, and IndexedDB leaves it out of the order indexes.
		// The whole-projection checkpoints of before are dropped: they are caches, and the lists'
		// (hundreds of MiB at a million events) would otherwise stay behind unread.
		this.version(9)
			.stores({ readModelRows: '&[model+key], [model+order], [model+group+order], *terms' })
			.upgrade((tx) => tx.table('checkpoints').clear());
		// A restore writes a stream's run of entries as one record (`OutboxRecord`): its command
		// ids are unique as a one-entry record's are, and `size` lets changes be counted unread.
		// Records written before hold one entry each, so they need no upgrade.
		this.version(10).stores({ outbox: '&seq, streamId, &command.commandId, &*commandIds, size' });
	}
}

/**
 * Version 4 → 5: each stored command goes into the outbox entry that holds its pending events
 * (the last of them, where an acknowledgement cut the entry). A command none of whose events is
 * pending any more was finished, and is left behind with its table.
 */
async function moveCommandsIntoOutbox(tx: Transaction): Promise<void> {
	const commands = await tx.table<StoredCommand, string>('commands').toArray();
	const outbox = tx.table<OutboxEntry, number>('outbox');
	const entryAt = new Map<number, OutboxEntry>();
	for (const entry of await outbox.toArray()) {
		for (let seq = entry.seq; seq <= entry.last; seq++) entryAt.set(seq, entry);
	}
	const events = await tx
		.table<EventRecord, number>('events')
		.where('eventId')
		.anyOf(commands.flatMap((command) => command.eventIds))
		.toArray();
	const seqOf = new Map(events.map((event) => [event.eventId, event.seq]));
	const changed = new Set<OutboxEntry>();
	for (const command of commands) {
		const entries = command.eventIds.map((id) => entryAt.get(seqOf.get(id) ?? 0));
		const entry = entries.findLast((found) => found !== undefined && !found.command);
		if (!entry) continue;
		entry.command = command;
		changed.add(entry);
	}
	await outbox.bulkPut([...changed]);
}

/**
 * Version 3 → 4: each event's sync state becomes a receipt or part of an outbox run, one run
 * per command, as appends write them.
 */
async function moveSyncStateOut(tx: Transaction): Promise<void> {
	const outbox: OutboxEntry[] = [];
	const receipts: Receipt[] = [];
	const commands = new Map<number, string>();
	const commandOf = (run: OutboxEntry) => commands.get(run.seq);
	await tx
		.table('events')
		.toCollection()
		.modify((event: StoredEvent, context: { value: EventRecord }) => {
			if (event.sync === 'synced' && event.position !== undefined) {
				receipts.push(
					receiptFor(event.seq, {
						position: event.position,
						recordedAt: event.recordedAt ?? event.metadata.occurredAt,
						recordedBy: event.recordedBy ?? event.metadata.userId
					})
				);
			} else {
				const run = outbox.at(-1);
				if (run && run.last + 1 === event.seq && commandOf(run) === event.metadata.commandId) {
					run.last = event.seq;
				} else {
					outbox.push(entryFor([event]));
					commands.set(event.seq, event.metadata.commandId);
				}
			}
			context.value = recordOf(event);
		});
	await tx.table('receipts').bulkAdd(receipts);
	await tx.table('outbox').bulkAdd(outbox);
}
