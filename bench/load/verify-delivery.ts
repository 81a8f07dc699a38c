import type { WorkspaceLedger } from './delivery-ledger';
import type { LoadDevice } from './load-device';
import type { LiveStream } from './live-stream';

/** A workspace's devices and its extra (idle) live streams, with what the server acknowledged. */
export interface WorkspaceUnderLoad {
	ledger: WorkspaceLedger;
	devices: LoadDevice[];
	idleStreams: LiveStream[];
}

function caughtUp(workspace: WorkspaceUnderLoad): boolean {
	const { head } = workspace.ledger;
	return (
		workspace.devices.every(
			(device) => device.cursor >= head && (device.stream?.head ?? -1) >= head
		) && workspace.idleStreams.every((stream) => stream.head >= head)
	);
}

/** Waits until every device has pulled, and every stream announced, its workspace's last head. */
export async function settle(
	workspaces: readonly WorkspaceUnderLoad[],
	timeoutMs = 30_000
): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	while (!workspaces.every(caughtUp)) {
		if (performance.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return true;
}

/**
 * The delivery checks of every run: each device pulled every acknowledged event of its workspace
 * exactly once, at the position the push was told, in position order, and nothing else (no
 * event of another workspace); every live stream, idle ones included, reached the last head.
 * Returns what is wrong, empty when all holds.
 */
export function verifyDelivery(workspaces: readonly WorkspaceUnderLoad[]): string[] {
	const problems: string[] = [];
	const positions = new Map<number, string>();
	workspaces.forEach((workspace, w) => {
		const { accepted, head } = workspace.ledger;
		for (const [eventId, position] of accepted) {
			const other = positions.get(position);
			if (other !== undefined && other !== eventId)
				problems.push(`position ${position} given to two events`);
			positions.set(position, eventId);
		}
		for (const device of workspace.devices) {
			const name = `workspace ${w} device ${device.enrolled.index}`;
			if (device.duplicates > 0) problems.push(`${name} pulled ${device.duplicates} events twice`);
			if (device.outOfOrder > 0)
				problems.push(`${name} pulled ${device.outOfOrder} events out of position order`);
			let missing = 0;
			let moved = 0;
			for (const [eventId, position] of accepted) {
				const pulled = device.pulled.get(eventId);
				if (pulled === undefined) missing++;
				else if (pulled !== position) moved++;
			}
			if (missing > 0) problems.push(`${name} never pulled ${missing} acknowledged events (a gap)`);
			if (moved > 0)
				problems.push(`${name} pulled ${moved} events at another position than acknowledged`);
			let foreign = 0;
			for (const eventId of device.pulled.keys()) if (!accepted.has(eventId)) foreign++;
			if (foreign > 0) problems.push(`${name} pulled ${foreign} events its workspace never pushed`);
			if ((device.stream?.head ?? -1) !== head) {
				problems.push(`${name}'s live stream ended at head ${device.stream?.head}, not ${head}`);
			}
		}
		const behind = workspace.idleStreams.filter((stream) => stream.head !== head).length;
		if (behind > 0)
			problems.push(`workspace ${w}: ${behind} idle live streams did not reach head ${head}`);
	});
	return problems;
}
