import type { CaseResult, ContestantResult } from './report';

function value(c: ContestantResult): string {
	const m = c.summary.median;
	const digits = c.unit === 'ms' ? (m < 10 ? 2 : m < 100 ? 1 : 0) : c.unit === 'events/s' ? 0 : 1;
	return `${m.toFixed(digits)} ${c.unit}`;
}

function range(c: ContestantResult): string {
	return `IQR ${(c.summary.spread * 100).toFixed(0)}%, n=${c.summary.runs}`;
}

/** The results as rows: case, contestant, median, spread, ratio, target, result. */
export function tableRows(results: CaseResult[]): string[][] {
	const rows: string[][] = [];
	for (const result of results) {
		const head = `${result.id}. ${result.title}`;
		if (result.skipped) {
			rows.push([head, '—', '—', '—', '—', `skipped: ${result.skipped}`, '—']);
			continue;
		}
		const targets = result.targets;
		const lines = Math.max(result.contestants.length, targets.length);
		for (let i = 0; i < lines; i++) {
			const c = result.contestants[i];
			const t = targets[i];
			rows.push([
				i === 0 ? head : '',
				c ? c.name : '',
				c ? value(c) : '',
				c ? range(c) : '',
				c ? (c.baseline ? 'baseline' : c.ratio === undefined ? '' : `${c.ratio.toFixed(2)}×`) : '',
				t ? `${t.text} (${t.measured})` : '',
				t ? (t.pass ? 'pass' : 'MISS') : ''
			]);
		}
	}
	return rows;
}

export const HEADER = ['case', 'contestant', 'median', 'spread', 'ratio', 'target', 'result'];

/** A fixed-width table for the terminal. */
export function formatText(results: CaseResult[]): string {
	const rows = [HEADER, ...tableRows(results)];
	const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
	const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
	return [
		line(rows[0]!),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...rows.slice(1).map(line)
	].join('\n');
}

/** The same table in Markdown, for docs/performance.md. */
export function formatMarkdown(results: CaseResult[]): string {
	const rows = tableRows(results);
	const esc = (cell: string) => cell.replaceAll('|', '\\|');
	return [
		`| ${HEADER.join(' | ')} |`,
		`|${HEADER.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.map(esc).join(' | ')} |`)
	].join('\n');
}
