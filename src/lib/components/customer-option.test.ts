import { describe, expect, it } from 'vitest';
import { choiceForText, chosenCustomer, type CustomerOption } from './customer-option';

const ada: CustomerOption = { customerId: 'customer-ada', name: 'Ada Lovelace' };
const adaToo: CustomerOption = { customerId: 'customer-ada-2', name: 'ada lovelace' };

describe('a name typed without picking', () => {
	it('is the one offered customer of that name, case and spaces aside', () => {
		expect(choiceForText('  ADA LOVELACE ', [ada])).toEqual({ kind: 'existing', customer: ada });
	});

	it('is no customer when none or two have it: the record names them by text only', () => {
		expect(choiceForText('Ada', [ada])).toBeUndefined();
		expect(choiceForText('Ada Lovelace', [ada, adaToo])).toBeUndefined();
		expect(choiceForText('   ', [ada])).toBeUndefined();
	});
});

describe('a chosen customer', () => {
	it('is the directory’s when picked from it', () => {
		expect(chosenCustomer({ kind: 'existing', customer: ada })).toEqual({
			customerId: 'customer-ada',
			name: 'Ada Lovelace'
		});
	});

	it('gets a new customer id and the commandId that registers them once', () => {
		const chosen = chosenCustomer({ kind: 'new', name: 'Lee' });
		expect(chosen.customerId).toMatch(/^customer-[0-9a-f-]{36}$/);
		expect(chosen.registerCommandId).toMatch(/^[0-9a-f-]{36}$/);
		expect(chosen.name).toBe('Lee');
	});
});
