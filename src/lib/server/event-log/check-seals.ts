import { REWOUND, sealLeftBehind, type RewoundData } from '../../events';
import type { WireEvent } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { InvalidEventError } from '../errors';

/**
 * `$1` workspace, `$2` a JSON array of streamIds, `$3` a JSON array of sealing types, `$4` the
 * rewind's type → the stored rewinds (with their target) and seals of those streams: all the
 * rule reads of them.
 */
const SEALS_AND_REWINDS = `SELECT stream_id, version, type,
		CASE WHEN type = $4::text THEN (data->>'toVersion')::integer END AS to_version
	FROM events
	WHERE workspace_id = $1::text
		AND stream_id IN (SELECT jsonb_array_elements_text($2::text::jsonb))
		AND (type = $4::text OR type IN (SELECT jsonb_array_elements_text($3::text::jsonb)))`;

interface MarkRow {
	stream_id: string;
	version: number;
	type: string;
	to_version: number | null;
}

/** A stream's rewinds (version → target) and seals, as far as they are known. */
interface Marks {
	rewinds: Map<number, number>;
	seals: Set<number>;
}

/**
 * Refuses (422) a pushed `$Rewound` that would go back past a seal (DESIGN.md, "Sealed
 * history"). Devices never make one; this holds the rule against a client that does. Runs in
 * the append's transaction once the versions are checked, so every version below a pushed
 * rewind is stored or earlier in the batch. A batch without a rewind costs nothing.
 */
export async function checkSeals(
	tx: SqlExecutor,
	workspaceId: string,
	fresh: readonly WireEvent[],
	sealedBy: ReadonlySet<string>
): Promise<void> {
	if (sealedBy.size === 0) return;
	const rewound = new Set(fresh.filter((e) => e.type === REWOUND).map((e) => e.streamId));
	if (rewound.size === 0) return;
	const rows = await tx.query<MarkRow>(SEALS_AND_REWINDS, [
		workspaceId,
		JSON.stringify([...rewound]),
		JSON.stringify([...sealedBy]),
		REWOUND
	]);
	const marks = new Map<string, Marks>();
	const marksOf = (streamId: string) => {
		let found = marks.get(streamId);
		if (!found) marks.set(streamId, (found = { rewinds: new Map(), seals: new Set() }));
		return found;
	};
	const mark = (streamId: string, version: number, type: string, toVersion?: number | null) => {
		const of = marksOf(streamId);
		if (type === REWOUND) of.rewinds.set(version, toVersion ?? version);
		else if (sealedBy.has(type)) of.seals.add(version);
	};
	for (const row of rows) mark(row.stream_id, Number(row.version), row.type, row.to_version);
	// In the batch's order: a rewind is judged on the stream as it stands right before it.
	for (const event of fresh) {
		if (!rewound.has(event.streamId)) continue;
		const toVersion = event.type === REWOUND ? (event.data as RewoundData).toVersion : undefined;
		if (toVersion !== undefined) {
			const { rewinds, seals } = marksOf(event.streamId);
			const stream = {
				rewindAt: (version: number) => rewinds.get(version),
				sealAt: (version: number) => seals.has(version)
			};
			const seal = sealLeftBehind(stream, event.version - 1, toVersion);
			if (seal !== undefined) {
				throw new InvalidEventError(
					event.eventId,
					`This rewind of ${event.streamId} to version ${toVersion} would go back past version ${seal}, which sealed what came before it: a sealed past is settled. Make a new change instead.`,
					[{ path: ['data', 'toVersion'], message: 'goes back past a seal' }]
				);
			}
		}
		mark(event.streamId, event.version, event.type, toVersion);
	}
}
