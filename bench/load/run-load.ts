import { quantile } from '../lib/stats';
import { WorkspaceLedger } from './delivery-ledger';
import { closedLoop, openLoop, type PhaseOutcome } from './drive-load';
import { enrolDevices } from './enrol-devices';
import { ErrorTally } from './error-tally';
import { fanOutLatencies } from './fan-out';
import { openLiveStream } from './live-stream';
import { LoadDevice } from './load-device';
import { withLoopDelay } from './loop-delay';
import { MemorySampler } from './server-memory';
import { settle, verifyDelivery, type WorkspaceUnderLoad } from './verify-delivery';

/** A running server process: where it answers and its pid (for its memory). */
export interface LoadTarget {
	url: string;
	pid: number;
}

export interface LoadOptions {
	workspaces: number;
	devicesPerWorkspace: number;
	/** Live streams open in all: each device's own, and idle ones on the devices' tokens. */
	streams: number;
	/** Length of each of the two phases. */
	seconds: number;
	/** Sequential pushes of one device before the load, for the unloaded median. */
	unloadedPushes: number;
	/** The open loop's rate; default half the closed loop's accepted rate. */
	openRate?: number;
}

export interface LatencyFigures {
	p50: number;
	p99: number;
	count: number;
}

export interface PhaseReport {
	acceptedPerSecond: number;
	push: LatencyFigures;
	fanOut: LatencyFigures;
	/** Pushes some other device never heard of on its live stream. */
	fanOutMissed: number;
	/** The fewest and most pushes one device had acknowledged: a starved device shows here. */
	pushesPerDevice: { min: number; max: number };
	/** The five slowest pushes, ms. */
	slowest: number[];
	/** Pulls answered per push acknowledged: the fan-out's work on the server. */
	pullsPerPush: number;
}

export interface LoadReport {
	processes: number;
	devices: number;
	streams: number;
	unloadedMedianMs: number;
	closed: PhaseReport;
	open: PhaseReport & {
		targetRate: number;
		/** How late the generator's own timers fired in the open loop, p99: its share of the latencies. */
		generatorLoopDelayP99Ms: number;
	};
	errors: Record<string, number>;
	/** Per server process, MiB. */
	memory: { peak: number[]; end: number[] };
	/** What the delivery checks found wrong; empty when every check holds. */
	problems: string[];
}

function pullCount(devices: readonly LoadDevice[]): number {
	return devices.reduce((sum, device) => sum + device.pulls, 0);
}

function figures(samples: readonly number[]): LatencyFigures {
	const sorted = [...samples].sort((a, b) => a - b);
	if (sorted.length === 0) return { p50: NaN, p99: NaN, count: 0 };
	return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), count: sorted.length };
}

async function checkedPhase(
	devices: readonly LoadDevice[],
	workspaces: WorkspaceUnderLoad[],
	outcome: PhaseOutcome,
	name: string,
	problems: string[],
	pullsBefore: number
): Promise<PhaseReport> {
	if (!(await settle(workspaces))) problems.push(`${name}: not every device caught up within 30 s`);
	problems.push(...verifyDelivery(workspaces).map((problem) => `${name}: ${problem}`));
	const fanOut = fanOutLatencies(workspaces, outcome.startedAt, outcome.endedAt);
	return {
		acceptedPerSecond: outcome.acceptedPerSecond,
		push: figures(outcome.pushLatencies),
		fanOut: figures(fanOut.latencies),
		fanOutMissed: fanOut.missed,
		pushesPerDevice: {
			min: Math.min(...devices.map((device) => device.pushLatencies.length)),
			max: Math.max(...devices.map((device) => device.pushLatencies.length))
		},
		slowest: [...outcome.pushLatencies].sort((a, b) => b - a).slice(0, 5),
		pullsPerPush: (pullCount(devices) - pullsBefore) / Math.max(1, outcome.pushLatencies.length)
	};
}

/**
 * Plays the devices against running server processes: enrols them through the API, opens the
 * live streams, measures an unloaded push, then a closed loop (saturation) and an open loop at
 * half its rate, checking delivery after each. `log` hears progress.
 */
export async function runLoad(
	targets: readonly LoadTarget[],
	options: LoadOptions,
	log: (message: string) => void = () => {}
): Promise<LoadReport> {
	const errors = new ErrorTally();
	const problems: string[] = [];
	const enrolled = await enrolDevices(
		targets.map((target) => target.url),
		options.workspaces,
		options.devicesPerWorkspace
	);
	log(`${enrolled.length} devices enrolled in ${options.workspaces} workspaces`);
	const workspaces: WorkspaceUnderLoad[] = Array.from({ length: options.workspaces }, () => ({
		ledger: new WorkspaceLedger(),
		devices: [],
		idleStreams: []
	}));
	const devices = enrolled.map((device) => {
		const workspace = workspaces[device.workspace]!;
		const loadDevice = new LoadDevice(device, workspace.ledger, errors);
		workspace.devices.push(loadDevice);
		return loadDevice;
	});
	const memory = new MemorySampler(targets.map((target) => target.pid));
	try {
		await Promise.all(devices.map((device) => device.connect()));
		const idle = Math.max(0, options.streams - devices.length);
		const opening = Array.from({ length: idle }, (_, n) => {
			const { enrolled: owner } = devices[n % devices.length]!;
			const stream = openLiveStream(owner.url, owner.token);
			workspaces[owner.workspace]!.idleStreams.push(stream);
			return stream.opened;
		});
		await Promise.all(opening);
		log(`${devices.length + idle} live streams open`);

		const first = devices[0]!;
		for (let n = 0; n < options.unloadedPushes; n++) await first.push();
		const unloaded = figures(first.pushLatencies).p50;
		if (!(await settle(workspaces))) problems.push('unloaded: not every device caught up');

		log(`closed loop, ${options.seconds} s`);
		let pulls = pullCount(devices);
		const closed = await checkedPhase(
			devices,
			workspaces,
			await closedLoop(devices, options.seconds),
			'closed loop',
			problems,
			pulls
		);
		pulls = pullCount(devices);
		const targetRate = options.openRate ?? closed.acceptedPerSecond / 2;
		log(`open loop at ${targetRate.toFixed(0)} events/s, ${options.seconds} s`);
		const openRun = await withLoopDelay(() => openLoop(devices, targetRate, options.seconds));
		const open = await checkedPhase(
			devices,
			workspaces,
			openRun.result,
			'open loop',
			problems,
			pulls
		);
		return {
			processes: targets.length,
			devices: devices.length,
			streams: devices.length + idle,
			unloadedMedianMs: unloaded,
			closed,
			open: { ...open, targetRate, generatorLoopDelayP99Ms: openRun.p99Ms },
			errors: errors.toJSON(),
			memory: { peak: memory.peaks, end: memory.sample() },
			problems
		};
	} finally {
		memory.stop();
		for (const device of devices) device.close();
		for (const workspace of workspaces) for (const stream of workspace.idleStreams) stream.close();
	}
}
