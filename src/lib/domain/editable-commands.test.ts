import { describe, expect, it } from 'vitest';
import { isEditableCommand } from './editable-commands';

describe('isEditableCommand', () => {
	it('accepts the commands a record page has a form for', () => {
		for (const type of ['Deposit', 'Withdraw', 'AddItem', 'SetDeliveryAddress']) {
			expect(isEditableCommand(type)).toBe(true);
		}
	});

	it('refuses commands no form takes, and unknown ones', () => {
		for (const type of ['CloseAccount', 'SubmitOrder', 'RemoveItem', 'AdjustQuantity', '$Rewind']) {
			expect(isEditableCommand(type)).toBe(false);
		}
		expect(isEditableCommand('Shred')).toBe(false);
	});
});
