import { defineAggregate } from '../../aggregates/define-aggregate';
import { explainAccountSeal } from '../seal-words';
import { accountCommandSchema, type AccountCommand } from './commands';
import { decideAccount } from './decide';
import { accountEventTypes, type AccountEvent } from './events';
import { evolveAccount } from './evolve';
import { initialAccountState, type AccountState } from './state';

export const accountAggregate = defineAggregate<AccountState, AccountCommand, AccountEvent>({
	category: 'account',
	eventTypes: accountEventTypes,
	commandSchema: accountCommandSchema,
	initialState: initialAccountState,
	evolve: evolveAccount,
	decide: decideAccount,
	// Facts others act on: no undo or restore goes back before them.
	sealedBy: ['AccountClosed'],
	explainSeal: explainAccountSeal
});
