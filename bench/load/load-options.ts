import type { LoadOptions } from './run-load';

/** The load's case number in `npm run bench`. */
export const LOAD_CASE_ID = 13;

/** 200 devices in 20 workspaces and 2,000 live streams; `--quick` shortens the phases only. */
export function loadOptions(quick: boolean, seconds?: string): LoadOptions {
	const phase = Number(seconds ?? (quick ? 5 : 20));
	if (!Number.isFinite(phase) || phase <= 0) throw new Error('--seconds must be a number above 0');
	return {
		workspaces: 20,
		devicesPerWorkspace: 10,
		streams: 2_000,
		seconds: phase,
		unloadedPushes: 30
	};
}
