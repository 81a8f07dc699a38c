import type { ReadModelState } from '$lib/eventstore';
import type { ReadModelVerification } from '$lib/projections';

/** How a check of a read model against a full rebuild reads: a tone and a sentence. */
export interface VerificationWords {
	tone: 'green' | 'red' | 'amber';
	headline: string;
	detail: string;
}

export function verificationWords(
	verification: ReadModelVerification<unknown>,
	locale: string
): VerificationWords {
	const count = (n: number, one: string, many: string) =>
		`${n.toLocaleString(locale)} ${n === 1 ? one : many}`;
	const folded = `${count(verification.records, 'record', 'records')} folded afresh from ${count(verification.events, 'change', 'changes')}.`;
	if (!verification.current) {
		return {
			tone: 'amber',
			headline: 'The log changed while it was checked',
			detail: `The stored rows and the fresh fold are of different moments, so differences may only be changes on their way. Check again once it is quiet. ${folded}`
		};
	}
	if (verification.equal) {
		return { tone: 'green', headline: 'Equal to a full rebuild', detail: folded };
	}
	const records =
		verification.differenceCount > 0
			? `${count(verification.differenceCount, 'record differs', 'records differ')} from a full rebuild`
			: 'Every row equals a full rebuild';
	const sums = verification.tallies ? ', and the running sums do not add up' : '';
	return {
		tone: 'red',
		headline: `${records}${sums}`,
		detail: `${folded} Rebuild to replace the stored rows with the fresh fold.`
	};
}

/** How far a read model's stored rows are folded, against the log's last change. */
export function foldedWords(
	state: ReadModelState | undefined,
	codeVersion: number,
	lastSeq: number,
	locale: string
): { tone: 'green' | 'amber' | 'grey'; text: string } {
	if (!state) return { tone: 'grey', text: 'Nothing stored yet: folds from the start' };
	if (state.version !== codeVersion) {
		return {
			tone: 'amber',
			text: `Made by version ${state.version} of its code: rebuilt at the next start`
		};
	}
	const behind = lastSeq - state.seq;
	if (behind <= 0) return { tone: 'green', text: 'Up to date' };
	return {
		tone: 'amber',
		text: `${behind.toLocaleString(locale)} ${behind === 1 ? 'change' : 'changes'} behind`
	};
}
