import type { LoadDevice } from './load-device';
import type { WorkspaceUnderLoad } from './verify-delivery';

/** Index of the first head ≥ `position` in ascending `heads`, or -1. */
function firstAtLeast(heads: readonly number[], position: number): number {
	let low = 0;
	let high = heads.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (heads[mid]! < position) low = mid + 1;
		else high = mid;
	}
	return low < heads.length ? low : -1;
}

function pokeDelay(device: LoadDevice, position: number, sentAt: number): number | undefined {
	const index = firstAtLeast(device.heads, position);
	return index < 0 ? undefined : device.headTimes[index]! - sentAt;
}

/**
 * Fan-out latencies of the pushes sent in [from, to): from a push's sending (or its due time in
 * the open loop) until each other device of the workspace hears a head that includes it on its
 * live stream. With two processes most of these cross from one to the other.
 */
export function fanOutLatencies(
	workspaces: readonly WorkspaceUnderLoad[],
	from: number,
	to: number
): { latencies: number[]; missed: number } {
	const latencies: number[] = [];
	let missed = 0;
	for (const { ledger, devices } of workspaces) {
		for (const push of ledger.pushes) {
			if (push.sentAt < from || push.sentAt >= to) continue;
			for (const device of devices) {
				if (device.enrolled.index === push.device) continue;
				const delay = pokeDelay(device, push.position, push.sentAt);
				if (delay === undefined) missed++;
				else latencies.push(delay);
			}
		}
	}
	return { latencies, missed };
}
