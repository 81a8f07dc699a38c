import { BATCH_SIZE, type LoadDevice } from './load-device';

export interface PhaseOutcome {
	/** Events acknowledged within the phase's window, per second. */
	acceptedPerSecond: number;
	/** From when each push was due (open loop) or sent (closed loop) to its acknowledgement. */
	pushLatencies: number[];
	/** performance.now() at the window's start and end. */
	startedAt: number;
	endedAt: number;
}

async function phase(
	devices: readonly LoadDevice[],
	seconds: number,
	work: (
		device: LoadDevice,
		position: number,
		until: number,
		start: number,
		count: (ok: boolean) => void
	) => Promise<void>
): Promise<PhaseOutcome> {
	for (const device of devices) device.pushLatencies.length = 0;
	const startedAt = performance.now();
	const until = startedAt + seconds * 1000;
	let acked = 0;
	const count = (ok: boolean) => {
		if (ok && performance.now() <= until) acked += BATCH_SIZE;
	};
	// Pushes still in flight at the end finish (their devices need their answers) but do not count.
	await Promise.all(
		devices.map((device, position) => work(device, position, until, startedAt, count))
	);
	return {
		acceptedPerSecond: acked / seconds,
		pushLatencies: devices.flatMap((device) => device.pushLatencies),
		startedAt,
		endedAt: until
	};
}

/** Every device pushes batch after batch, each as soon as the last is answered: saturation. */
export function closedLoop(devices: readonly LoadDevice[], seconds: number): Promise<PhaseOutcome> {
	return phase(devices, seconds, async (device, _position, until, _start, count) => {
		while (performance.now() < until) count(await device.push());
	});
}

/**
 * Batches due at a fixed total rate, spread evenly over the devices and in time, each sent when
 * it is due whether or not the device's last push was answered; latency counts from when it was
 * due, so a server that falls behind shows it (no coordinated omission).
 */
export function openLoop(
	devices: readonly LoadDevice[],
	eventsPerSecond: number,
	seconds: number
): Promise<PhaseOutcome> {
	const intervalMs = (1000 * BATCH_SIZE) / eventsPerSecond;
	const perDevice = intervalMs * devices.length;
	return phase(devices, seconds, async (device, position, until, start, count) => {
		const pushes: Promise<void>[] = [];
		for (let due = start + position * intervalMs; due < until; due += perDevice) {
			const wait = due - performance.now();
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			pushes.push(device.push(due).then(count));
		}
		await Promise.all(pushes);
	});
}
