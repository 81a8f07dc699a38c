/** The NOTIFY channel of head changes, shared by every server process on a database. */
export const HEAD_CHANNEL = 'rewind_head';

export interface HeadChange {
	workspaceId: string;
	head: number;
}

export function encodeHeadChange(change: HeadChange): string {
	return JSON.stringify(change);
}

/** Undefined for a payload that is not ours: the channel is shared with whatever else uses it. */
export function decodeHeadChange(payload: string): HeadChange | undefined {
	try {
		const value = JSON.parse(payload) as Partial<HeadChange>;
		if (typeof value.workspaceId !== 'string' || typeof value.head !== 'number') return undefined;
		return { workspaceId: value.workspaceId, head: value.head };
	} catch {
		return undefined;
	}
}
