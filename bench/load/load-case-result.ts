import type { CaseResult, ContestantResult, TargetResult, Unit } from '../lib/report';
import type { LatencyFigures, LoadOptions, LoadReport } from './run-load';

/** A figure as a contestant: one value (its median), no runs to spread over. */
function single(
	name: string,
	unit: Unit,
	value: number,
	extra: Partial<ContestantResult> = {}
): ContestantResult {
	return {
		name,
		unit,
		summary: { runs: 1, median: value, min: value, max: value, spread: 0, samples: [value] },
		...extra
	};
}

function latency(name: string, figures: LatencyFigures, base: number): ContestantResult[] {
	return [
		single(`${name} p50`, 'ms', figures.p50, { ratio: figures.p50 / base }),
		single(`${name} p99`, 'ms', figures.p99, { ratio: figures.p99 / base })
	];
}

function target(text: string, measured: string, pass: boolean): TargetResult {
	return { text, measured, pass };
}

/** A load run as a bench case: the issue 17 targets, the figures behind them, and notes. */
export function loadCaseResult(
	id: number,
	scenario: string,
	options: LoadOptions,
	report: LoadReport,
	rawRate: number
): CaseResult {
	const { closed, open, memory } = report;
	const peak = Math.max(...memory.peak);
	const unloaded = report.unloadedMedianMs;
	const contestants: ContestantResult[] = [
		single(`raw INSERT of the batches, ${report.devices} callers`, 'events/s', rawRate, {
			baseline: true
		}),
		single('accepted, closed loop (saturation)', 'events/s', closed.acceptedPerSecond, {
			ratio: closed.acceptedPerSecond / rawRate
		}),
		single('accepted, open loop', 'events/s', open.acceptedPerSecond),
		single('push, unloaded median', 'ms', unloaded, { baseline: true }),
		...latency('push, closed loop', closed.push, unloaded),
		...latency('push, open loop', open.push, unloaded),
		...latency('fan-out, closed loop', closed.fanOut, unloaded),
		...latency('fan-out, open loop', open.fanOut, unloaded),
		...memory.peak.map((mib, n) => single(`server ${n + 1} RSS, peak`, 'MiB', mib)),
		...memory.end.map((mib, n) => single(`server ${n + 1} RSS, end`, 'MiB', mib))
	];
	const errors = Object.entries(report.errors);
	return {
		id,
		title: `Server under load, ${scenario}: ${report.devices} devices, ${options.workspaces} workspaces, ${report.streams} live streams`,
		contestants,
		targets: [
			target(
				'saturation: accepted ≥ 0.5× raw INSERT',
				`${(closed.acceptedPerSecond / rawRate).toFixed(2)}×`,
				closed.acceptedPerSecond >= 0.5 * rawRate
			),
			target(
				'saturation: push p99 ≤ 3× p50',
				`${(closed.push.p99 / closed.push.p50).toFixed(2)}×`,
				closed.push.p99 <= 3 * closed.push.p50
			),
			target('server memory ≤ 300 MiB', `${peak.toFixed(0)} MiB`, peak <= 300),
			target(
				'half rate: push p99 ≤ 5× unloaded median',
				`${(open.push.p99 / unloaded).toFixed(2)}×`,
				open.push.p99 <= 5 * unloaded
			),
			target(
				'half rate: fan-out p99 ≤ 500 ms',
				`${open.fanOut.p99.toFixed(0)} ms`,
				open.fanOut.p99 <= 500
			),
			target(
				'every event pulled once by every device, no gaps, no other workspace',
				report.problems.length === 0 ? 'all held' : `${report.problems.length} problems`,
				report.problems.length === 0
			)
		],
		notes: [
			`${report.processes} node build process(es) on 127.0.0.1; each device pushes 10-event batches (a new order each) and pulls on its live poke; ${report.streams - report.devices} extra idle live streams. ${options.seconds} s closed loop, then ${options.seconds} s open loop at ${open.targetRate.toFixed(0)} events/s (half the closed loop's rate); open-loop latency counts from when a push was due. Fan-out: from a push's sending to another device's live poke with a head that includes it. Raw baseline: the same batches as multi-row INSERTs, as many callers, same backend kind, in the load generator's process.`,
			`errors by kind: ${errors.length === 0 ? 'none' : errors.map(([kind, count]) => `${kind} ×${count}`).join(', ')}; fan-out never heard: closed ${closed.fanOutMissed}, open ${open.fanOutMissed}; pushes measured: closed ${closed.push.count}, open ${open.push.count}; pulls per push: closed ${closed.pullsPerPush.toFixed(1)}, open ${open.pullsPerPush.toFixed(1)}; pushes acknowledged per device in the closed loop: ${closed.pushesPerDevice.min}–${closed.pushesPerDevice.max}; the generator's own event-loop delay in the open loop, p99: ${open.generatorLoopDelayP99Ms.toFixed(1)} ms.`,
			...report.problems.slice(0, 10)
		]
	};
}
