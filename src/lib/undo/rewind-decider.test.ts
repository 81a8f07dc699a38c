import { describe, expect, it } from 'vitest';
import { SealedHistoryError, ValidationError } from '../errors';
import { REWOUND, type ReadEvent } from '../events';
import { decideRewind, REWIND_COMMAND, type RewindAim } from './rewind-decider';
import type { Sealing } from './seal';

const sealing: Sealing = { sealedBy: ['Submitted'] };

/** A stream from version 1: each entry is [type, who wrote it]. */
function stream(...written: [type: string, userId: string][]): ReadEvent[] {
	return written.map(([type, userId], index) => ({
		eventId: `e-${index + 1}`,
		streamId: 'order-1',
		version: index + 1,
		type,
		schemaVersion: 1,
		data: {},
		metadata: {
			commandId: `c-${index + 1}`,
			correlationId: `c-${index + 1}`,
			userId,
			deviceId: 'd',
			occurredAt: '2026-03-01T10:00:00.000Z'
		},
		seq: index + 1,
		sync: 'pending'
	}));
}

const aim = (toVersion: number, marks: Partial<RewindAim> = {}): RewindAim => ({
	type: REWIND_COMMAND,
	toVersion,
	...marks
});

describe('deciding a rewind', () => {
	const events = stream(['Added', 'ada'], ['Added', 'bob'], ['Added', 'ada'], ['Added', 'bob']);

	it('writes one $Rewound and stores its target by identity, with the others’ changes it reverts', () => {
		const decision = decideRewind(sealing, 'order-1', aim(1, { undoes: 'c-2' }), events, 4, 'ada');
		expect(decision.events).toEqual([{ type: REWOUND, data: { toVersion: 1, undoes: 'c-2' } }]);
		expect(decision.stored).toEqual({
			type: REWIND_COMMAND,
			toVersion: 1,
			undoes: 'c-2',
			toEventId: 'e-1',
			toCommandId: 'c-1',
			othersReverted: 2
		});
	});

	it('sees the stream only up to the version it was decided on', () => {
		const decision = decideRewind(sealing, 'order-1', aim(1), events, 3, 'ada');
		expect(decision.stored).toMatchObject({ othersReverted: 1 });
	});

	it('to version 0 keeps no target identity', () => {
		const decision = decideRewind(sealing, 'order-1', aim(0), events, 4, 'ada');
		expect(decision.stored).toEqual({ type: REWIND_COMMAND, toVersion: 0, othersReverted: 2 });
	});

	it.each([-1, 4, 5, 1.5])('refuses version %s of a record at version 4', (toVersion) => {
		expect(() => decideRewind(sealing, 'order-1', aim(toVersion), events, 4, 'ada')).toThrow(
			ValidationError
		);
	});

	it('refuses to go back before the last seal, and allows the seal itself', () => {
		const sealed = stream(['Added', 'ada'], ['Submitted', 'ada'], ['Added', 'ada']);
		expect(() => decideRewind(sealing, 'order-1', aim(1), sealed, 3, 'ada')).toThrow(
			SealedHistoryError
		);
		expect(decideRewind(sealing, 'order-1', aim(2), sealed, 3, 'ada').events).toHaveLength(1);
	});
});
