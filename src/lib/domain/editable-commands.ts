/**
 * Commands a record page can fill into one of its forms, to adjust and save again: a change the
 * server refused can be edited there instead of only retried or discarded.
 */
const EDITABLE: ReadonlySet<string> = new Set([
	'Deposit',
	'Withdraw',
	'AddItem',
	'SetDeliveryAddress'
]);

export function isEditableCommand(type: string): boolean {
	return EDITABLE.has(type);
}
