import { readFileSync } from 'node:fs';

/** The resident set of process `pid` in MiB, from /proc (Linux); undefined once it is gone. */
export function residentMiB(pid: number): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
		return Number.isFinite(kib) ? kib / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Samples the RSS of server processes every `everyMs`, keeping each one's peak. */
export class MemorySampler {
	readonly #peaks: number[];
	readonly #timer: ReturnType<typeof setInterval>;

	constructor(
		private readonly pids: readonly number[],
		everyMs = 200
	) {
		this.#peaks = pids.map(() => 0);
		this.#timer = setInterval(() => this.sample(), everyMs);
		this.sample();
	}

	sample(): number[] {
		return this.pids.map((pid, i) => {
			const mib = residentMiB(pid) ?? 0;
			this.#peaks[i] = Math.max(this.#peaks[i]!, mib);
			return mib;
		});
	}

	/** Each process's peak so far. */
	get peaks(): number[] {
		return [...this.#peaks];
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}
