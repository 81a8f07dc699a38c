// What undo, redo and restore say when a record's sealed past refuses them (DESIGN.md, "Sealed
// history"): why, and what to do instead, in the words of each kind of record.

/** For an order sealed by `sealType`. A submitted order takes no more changes, not even a cancel. */
export function explainOrderSeal(sealType: string): string {
	return sealType === 'OrderCancelled'
		? "This order was cancelled, so changes before that can't be undone. To order again, create a new order."
		: "This order was submitted, so changes before that can't be undone. To change what was ordered, create a new order.";
}

/** For an account sealed by `sealType` (it is closed). */
export function explainAccountSeal(): string {
	return "This account was closed, so changes before that can't be undone. To carry on, open a new account.";
}

/** A device's series: every number it issued, and its name, are for good. */
export function explainSeriesSeal(): string {
	return "A number, once issued, stays with its order, so it can't be undone.";
}
