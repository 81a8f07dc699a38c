import { describe, expect, it } from 'vitest';
import { WorkspaceLedger } from '../../bench/load/delivery-ledger';
import { ErrorTally } from '../../bench/load/error-tally';
import { LoadDevice } from '../../bench/load/load-device';
import type { LiveStream } from '../../bench/load/live-stream';
import { verifyDelivery, type WorkspaceUnderLoad } from '../../bench/load/verify-delivery';

function stream(head: number): LiveStream {
	return { opened: Promise.resolve(), head, ended: false, close() {} };
}

/** One workspace of two devices; `a` and `b` acknowledged at positions 1 and 2. */
function workspace(): WorkspaceUnderLoad & { pull(device: LoadDevice, ...ids: string[]): void } {
	const ledger = new WorkspaceLedger();
	ledger.record(0, 0, [
		{ eventId: 'a', position: 1 },
		{ eventId: 'b', position: 2 }
	]);
	const errors = new ErrorTally();
	const devices = [0, 1].map((index) => {
		const device = new LoadDevice(
			{ index, workspace: 0, deviceId: `device-${index}`, token: 't', url: 'http://x' },
			ledger,
			errors
		);
		device.stream = stream(2);
		return device;
	});
	const positions: Record<string, number> = { a: 1, b: 2, z: 9 };
	return {
		ledger,
		devices,
		idleStreams: [stream(2)],
		pull(device, ...ids) {
			for (const id of ids) device.pulled.set(id, positions[id]!);
		}
	};
}

describe("the load generator's delivery checks", () => {
	it('pass when every device pulled every acknowledged event once', () => {
		const w = workspace();
		for (const device of w.devices) w.pull(device, 'a', 'b');
		expect(verifyDelivery([w])).toEqual([]);
	});

	it('find a gap, a duplicate, an event of another workspace and a stream left behind', () => {
		const w = workspace();
		const [first, second] = w.devices as [LoadDevice, LoadDevice];
		w.pull(first, 'a');
		w.pull(second, 'a', 'b', 'z');
		second.duplicates = 1;
		w.idleStreams.push(stream(1));
		const problems = verifyDelivery([w]);
		expect(problems).toEqual([
			'workspace 0 device 0 never pulled 1 acknowledged events (a gap)',
			'workspace 0 device 1 pulled 1 events twice',
			'workspace 0 device 1 pulled 1 events its workspace never pushed',
			'workspace 0: 1 idle live streams did not reach head 2'
		]);
	});
});
