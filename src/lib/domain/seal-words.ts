// What undo, redo and restore say when a record's sealed past refuses them (DESIGN.md, "Sealed
// history"): why, and what to do instead, in the words of each kind of record.

// The words cover the seal itself as well as what came before it: Ctrl+Z right after Submit is
// refused too.

/**
 * For an order sealed by `sealType`. A submitted order takes no more changes to what was
 * ordered; cancelling it is a new fact after the seal, not a rewind.
 */
export function explainOrderSeal(sealType: string): string {
	return sealType === 'OrderCancelled'
		? 'This order was cancelled, so it stays cancelled: neither that nor the changes before it can be undone. To order again, create a new order.'
		: 'This order was submitted, so it stays as it was sent: neither that nor the changes before it can be undone. To stop it, cancel the order; to change what was ordered, create a new order.';
}

/** For an account sealed by `sealType` (it is closed). */
export function explainAccountSeal(): string {
	return 'This account was closed, so it stays closed: neither that nor the changes before it can be undone. To carry on, open a new account.';
}

/** A device's series: every number it issued, and its name, are for good. */
export function explainSeriesSeal(): string {
	return "A number, once issued, stays with its order, so it can't be undone.";
}
