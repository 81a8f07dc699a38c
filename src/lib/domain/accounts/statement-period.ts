import { isValidationError, ValidationError } from '../../errors';
import type { StatementLine } from './statement';

/** Whole days in the person's own time zone, both ends included: `YYYY-MM-DD`. */
export interface StatementPeriod {
	from: string;
	to: string;
}

export interface PeriodStatement {
	period: StatementPeriod;
	/** The balance when the period began: every change before it. */
	openingCents: number;
	/** The changes within the period, oldest first, each with the balance it left from the opening. */
	lines: StatementLine[];
	depositsCents: number;
	/** Positive: how much left the account. */
	withdrawalsCents: number;
	/** Opening plus every change within: it always adds up. */
	closingCents: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An account's statement for a period. Opening and closing are sums of the changes, not the
 * balance on some line, so a statement adds up even when a device's clock ran behind.
 * Throws `ValidationError` for a day that is not a date, or a period that ends before it begins.
 */
export function statementForPeriod(
	lines: readonly StatementLine[],
	period: StatementPeriod
): PeriodStatement {
	const start = startOfDay(period.from, 'from');
	const end = startOfDay(period.to, 'to');
	if (end < start) {
		throw new ValidationError('The period ends before it begins.', [
			{ path: ['to'], message: 'Choose a day on or after the first day.' }
		]);
	}
	end.setDate(end.getDate() + 1);
	let openingCents = 0;
	let depositsCents = 0;
	let withdrawalsCents = 0;
	const within: StatementLine[] = [];
	for (const line of lines) {
		const at = Date.parse(line.at);
		if (at < start.getTime()) openingCents += line.amountCents;
		else if (at < end.getTime()) {
			within.push(line);
			if (line.amountCents > 0) depositsCents += line.amountCents;
			else withdrawalsCents -= line.amountCents;
		}
	}
	let balanceCents = openingCents;
	const running = within.map((line) => ({
		...line,
		balanceCents: (balanceCents += line.amountCents)
	}));
	return {
		period: { ...period },
		openingCents,
		lines: running,
		depositsCents,
		withdrawalsCents,
		closingCents: openingCents + depositsCents - withdrawalsCents
	};
}

/** A statement for a period as a form shows it: the statement, or what to write instead. */
export type PeriodStatementInput =
	{ ok: true; statement: PeriodStatement } | { ok: false; field: 'from' | 'to'; message: string };

/** `statementForPeriod` for a period a person typed: a refusal is an answer, not a throw. */
export function statementInput(
	lines: readonly StatementLine[],
	period: StatementPeriod
): PeriodStatementInput {
	try {
		return { ok: true, statement: statementForPeriod(lines, period) };
	} catch (error) {
		if (!isValidationError(error)) throw error;
		const issue = error.issues[0];
		return {
			ok: false,
			field: issue?.path[0] === 'from' ? 'from' : 'to',
			message: issue?.message ?? error.message
		};
	}
}

/** Local midnight at the start of `day`; a ValidationError naming `field` when it is no date. */
function startOfDay(day: string, field: 'from' | 'to'): Date {
	const match = DAY.exec(day);
	const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
	if (!date || date.getDate() !== Number(match![3]) || date.getMonth() !== Number(match![2]) - 1) {
		throw new ValidationError(`"${day}" is not a day.`, [
			{ path: [field], message: 'Write a day as YYYY-MM-DD, for example 2026-03-31.' }
		]);
	}
	return date;
}

/** The month so far, as a statement's default period: the 1st until `today`. */
export function monthToDate(today: Date): StatementPeriod {
	const to = localDay(today);
	return { from: `${to.slice(0, 8)}01`, to };
}

/** `YYYY-MM-DD` of a moment, in the person's own time zone. */
export function localDay(moment: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}
