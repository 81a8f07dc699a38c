import { cpus, totalmem, type as osType, release } from 'node:os';

export interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	os: string;
	node: string;
	chromium?: string;
}

export function describeMachine(chromium?: string): Machine {
	const cpu = cpus();
	return {
		cpu: cpu[0]?.model.trim() ?? 'unknown',
		cores: cpu.length,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		os: `${osType()} ${release()}`,
		node: process.version,
		...(chromium ? { chromium } : {})
	};
}
