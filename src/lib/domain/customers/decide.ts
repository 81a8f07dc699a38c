import { IllegalStateError } from '../../errors';
import type { CommandContext } from '../../aggregates/command-context';
import type {
	ArchiveCustomer,
	ChangeCustomerDetails,
	CustomerCommand,
	ReactivateCustomer,
	RegisterCustomer
} from './commands';
import type { CustomerEvent } from './events';
import { detailsOf, sameDetails } from './details';
import { requireCustomer } from './require-customer';
import type { CustomerState } from './state';

export function decideCustomer(
	command: CustomerCommand,
	state: CustomerState,
	context: CommandContext
): CustomerEvent[] {
	switch (command.type) {
		case 'RegisterCustomer':
			return registerCustomer(command, state, context);
		case 'ChangeCustomerDetails':
			return changeCustomerDetails(command, state);
		case 'ArchiveCustomer':
			return archiveCustomer(command, state, context);
		case 'ReactivateCustomer':
			return reactivateCustomer(command, state, context);
		default: {
			const unhandled: never = command;
			throw new Error(`Unknown customer command ${(unhandled as CustomerCommand).type}`);
		}
	}
}

function registerCustomer(
	command: RegisterCustomer,
	state: CustomerState,
	context: CommandContext
): CustomerEvent[] {
	if (state.status !== 'none') throw new IllegalStateError('This customer is already registered.');
	return [
		{
			type: 'CustomerRegistered',
			data: {
				...detailsOf(command),
				registeredAt: context.now.toISOString(),
				registeredBy: context.userId
			}
		}
	];
}

function changeCustomerDetails(
	command: ChangeCustomerDetails,
	state: CustomerState
): CustomerEvent[] {
	const customer = requireCustomer(state);
	const details = detailsOf(command);
	// Saving the form unchanged is not a change: history stays free of empty entries.
	if (sameDetails(details, customer)) return [];
	return [{ type: 'CustomerDetailsChanged', data: details }];
}

function archiveCustomer(
	_command: ArchiveCustomer,
	state: CustomerState,
	context: CommandContext
): CustomerEvent[] {
	if (requireCustomer(state).status === 'archived') {
		throw new IllegalStateError('This customer is already archived.');
	}
	return [{ type: 'CustomerArchived', data: { archivedAt: context.now.toISOString() } }];
}

function reactivateCustomer(
	_command: ReactivateCustomer,
	state: CustomerState,
	context: CommandContext
): CustomerEvent[] {
	if (requireCustomer(state).status === 'active') {
		throw new IllegalStateError('This customer is not archived.');
	}
	return [{ type: 'CustomerReactivated', data: { reactivatedAt: context.now.toISOString() } }];
}
