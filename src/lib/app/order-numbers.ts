import { perform } from './actions';
import { issueOrderNumber } from './issue-order-number';
import { rewindApp } from './rewind-app';

/**
 * Creates an order and gives it the next number of this device's series, offline, as one
 * action: the number's commandId comes from the create form's, so a double-click, a retry or a
 * second tab issues one number. A refused creation throws before any number is issued. Only
 * the creation goes on the undo stack: a number is sealed the moment it is issued.
 */
export async function createNumberedOrder(
	orderId: string,
	command: { type: 'CreateOrder' } & Record<string, unknown>,
	label: string,
	commandId: string = crypto.randomUUID()
): Promise<void> {
	const app = rewindApp();
	const streamId = `order-${orderId}`;
	await perform(app.orders, streamId, command, label, { commandId });
	await issueOrderNumber(app.series, app.identity(), streamId, commandId);
}
