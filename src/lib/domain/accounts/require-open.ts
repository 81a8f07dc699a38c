import { IllegalStateError } from '../../errors';
import type { AccountState, OpenedAccount } from './state';

/** The account if it is open, the only status that takes money in or out; otherwise says why not. */
export function requireOpen(state: AccountState): OpenedAccount {
	switch (state.status) {
		case 'open':
			return state;
		case 'none':
			throw new IllegalStateError("This account hasn't been opened yet.");
		case 'closed':
			throw new IllegalStateError('This account has been closed, so no money can go in or out.');
		default: {
			const unhandled: never = state;
			throw new Error(`Unknown account status ${(unhandled as AccountState).status}`);
		}
	}
}
