import { defineAggregate } from '../../aggregates/define-aggregate';
import { explainAccountSeal } from '../seal-words';
import { deferredDecider, deferredParser, prepareWriteModel } from '../deferred-write-model';
import { eventNamesOf, accountEventVersions } from '../event-catalogue';
import type { AccountCommand } from './commands';
import type { AccountEvent } from './events';
import { evolveAccount } from './evolve';
import { initialAccountState, type AccountState } from './state';

export const accountAggregate = defineAggregate<AccountState, AccountCommand, AccountEvent>({
	category: 'account',
	eventTypes: eventNamesOf(accountEventVersions),
	// The schemas and the decider load with the first command: showing records needs neither.
	commandSchema: deferredParser((model) => model.accountCommandSchema),
	prepare: prepareWriteModel,
	initialState: initialAccountState,
	evolve: evolveAccount,
	decide: deferredDecider((model) => model.decideAccount),
	// Facts others act on: no undo or restore goes back before them.
	sealedBy: ['AccountClosed'],
	explainSeal: explainAccountSeal
});
