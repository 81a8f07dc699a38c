/** Why the app did something on its own, in the person's words: the conflict inbox names it. */
const WORDS: Record<string, string> = {
	'charge-order-to-account': 'Asked for when an order was submitted to be paid from this account',
	'charge-order-to-account:refused': 'Noted when the account refused to pay the order',
	'confirm-order-payment': 'Noted when the account paid the order',
	'refund-cancelled-order': 'Asked for when a paid order was cancelled, or a cancelled one was paid'
};

export function reactionWords(name: string): string {
	return WORDS[name] ?? 'Done by the app after another change';
}
