/** Who, where and why of an event; set on the device from the command's context. */
export interface EventMetadata {
	commandId: string;
	correlationId: string;
	causationId?: string;
	userId: string;
	deviceId: string;
	/** ISO time on the device: informational, never used for ordering. */
	occurredAt: string;
}

export type SyncState = 'pending' | 'synced';

/** The immutable fact as it is stored on the device (DESIGN.md, "The event"). */
export interface StoredEvent<Type extends string = string, Data = unknown> {
	eventId: string;
	streamId: string;
	version: number;
	type: Type;
	schemaVersion: number;
	data: Data;
	metadata: EventMetadata;
	/** Local order of the log on this device. */
	seq: number;
	sync: SyncState;
	/** Global order in the workspace, set by the server once accepted. */
	position?: number;
	recordedAt?: string;
	recordedBy?: string;
}

/**
 * What reading the log returns: the stored event upcast to the latest shape of its type.
 * `unknownType` marks an event written by a newer build; its data is kept untouched.
 */
export type ReadEvent<Type extends string = string, Data = unknown> = StoredEvent<Type, Data> & {
	unknownType?: true;
};

/** An event as a writer hands it to `append`; the store fills in the rest. */
export interface EventInput<Type extends string = string, Data = unknown> {
	eventId?: string;
	type: Type;
	data: Data;
	metadata: EventMetadata;
}

/** The time an event counts as having happened: the server's once synced, else the device's. */
export function eventTime(event: Pick<StoredEvent, 'recordedAt' | 'metadata'>): string {
	return event.recordedAt ?? event.metadata.occurredAt;
}
