import { beforeAll, describe, it } from 'vitest';
import { deciderSpec } from '../../aggregates/decider-spec';
import { IllegalStateError, ValidationError } from '../../errors';
import { CUSTOMER_NOTES_MAX, NAME_MAX } from '../limits';
import { customerAggregate } from './aggregate';
import type { CustomerEvent } from './events';

const spec = deciderSpec(customerAggregate);

// The app loads the schemas and the decider with the first command; a spec runs them at once.
beforeAll(() => customerAggregate.prepare?.());
const now = '2026-01-02T03:04:05.000Z';

const registered: CustomerEvent = {
	type: 'CustomerRegistered',
	data: {
		name: 'Ada Lovelace',
		email: 'ada@example.com',
		registeredAt: now,
		registeredBy: 'user-1'
	}
};
const archived: CustomerEvent = { type: 'CustomerArchived', data: { archivedAt: now } };

describe('RegisterCustomer', () => {
	const register = { type: 'RegisterCustomer', name: ' Ada Lovelace ', email: 'ada@example.com' };

	it('registers the customer, trimmed, with who and when from the context', () => {
		spec.given([]).when(register).then([registered]);
	});

	it('leaves out contact fields left blank', () => {
		spec
			.given([])
			.when({ ...register, email: '  ', phone: '', notes: ' ' })
			.then([
				{
					type: 'CustomerRegistered',
					data: { name: 'Ada Lovelace', registeredAt: now, registeredBy: 'user-1' }
				}
			]);
	});

	it('keeps phone and notes as typed, trimmed', () => {
		spec
			.given([])
			.when({
				type: 'RegisterCustomer',
				name: 'Lee',
				phone: ' +44 20 7946 0958 ',
				notes: 'Fridays'
			})
			.then([
				{
					type: 'CustomerRegistered',
					data: {
						name: 'Lee',
						phone: '+44 20 7946 0958',
						notes: 'Fridays',
						registeredAt: now,
						registeredBy: 'user-1'
					}
				}
			]);
	});

	it('is refused when the customer is already registered', () => {
		spec
			.given([registered])
			.when(register)
			.thenThrows(IllegalStateError, /already registered/);
	});

	it('takes a phone number however it is grouped, and refuses one without digits', () => {
		for (const phone of [
			'0113 496 0000',
			'+44 (0)113-496.0000',
			'07700900123 ext 12',
			'030/1234 x5'
		]) {
			spec
				.given([])
				.when({ ...register, phone })
				.then([
					{
						type: 'CustomerRegistered',
						data: {
							name: 'Ada Lovelace',
							email: 'ada@example.com',
							phone,
							registeredAt: '2026-01-02T03:04:05.000Z',
							registeredBy: 'user-1'
						}
					}
				]);
		}
		for (const phone of ['abc', 'ada@example.com', '+', '12 apples']) {
			spec
				.given([])
				.when({ ...register, phone })
				.thenThrows(ValidationError, /phone number in digits/);
		}
	});

	it('needs a name, within its limit, and an email that looks like one', () => {
		spec
			.given([])
			.when({ ...register, name: '   ' })
			.thenThrows(ValidationError);
		spec
			.given([])
			.when({ ...register, name: 'x'.repeat(NAME_MAX + 1) })
			.thenThrows(ValidationError);
		spec
			.given([])
			.when({ ...register, email: '07700 900123' })
			.thenThrows(ValidationError, /email address/);
		spec
			.given([])
			.when({ ...register, notes: 'x'.repeat(CUSTOMER_NOTES_MAX + 1) })
			.thenThrows(ValidationError);
	});
});

describe('ChangeCustomerDetails', () => {
	const change = { type: 'ChangeCustomerDetails', name: 'Ada King', phone: '0113 496 0000' };

	it('saves the details as a whole: a field left out is cleared', () => {
		spec
			.given([registered])
			.when(change)
			.then([
				{ type: 'CustomerDetailsChanged', data: { name: 'Ada King', phone: '0113 496 0000' } }
			]);
	});

	it('changes nothing when the details are as they were', () => {
		spec
			.given([registered])
			.when({ type: 'ChangeCustomerDetails', name: 'Ada Lovelace ', email: 'ada@example.com' })
			.then([]);
	});

	it('changes an archived customer too: their records still name them', () => {
		spec
			.given([registered, archived])
			.when(change)
			.then([
				{ type: 'CustomerDetailsChanged', data: { name: 'Ada King', phone: '0113 496 0000' } }
			]);
	});

	it('is refused for a customer not registered', () => {
		spec
			.given([])
			.when(change)
			.thenThrows(IllegalStateError, /hasn't been registered yet/);
	});
});

describe('ArchiveCustomer and ReactivateCustomer', () => {
	it('archives an active customer', () => {
		spec.given([registered]).when({ type: 'ArchiveCustomer' }).then([archived]);
	});

	it('refuses to archive twice', () => {
		spec
			.given([registered, archived])
			.when({ type: 'ArchiveCustomer' })
			.thenThrows(IllegalStateError, /already archived/);
	});

	it('reactivates an archived customer', () => {
		spec
			.given([registered, archived])
			.when({ type: 'ReactivateCustomer' })
			.then([{ type: 'CustomerReactivated', data: { reactivatedAt: now } }]);
	});

	it('refuses to reactivate an active customer, or one not registered', () => {
		spec
			.given([registered])
			.when({ type: 'ReactivateCustomer' })
			.thenThrows(IllegalStateError, /not archived/);
		spec
			.given([])
			.when({ type: 'ArchiveCustomer' })
			.thenThrows(IllegalStateError, /hasn't been registered yet/);
	});
});
