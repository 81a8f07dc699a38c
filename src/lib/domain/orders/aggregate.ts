import { defineAggregate } from '../../aggregates/define-aggregate';
import { explainOrderSeal } from '../seal-words';
import { deferredDecider, deferredParser, prepareWriteModel } from '../deferred-write-model';
import { eventNamesOf, orderEventVersions } from '../event-catalogue';
import type { OrderCommand } from './commands';
import type { OrderEvent } from './events';
import { evolveOrder } from './evolve';
import { initialOrderState, type OrderState } from './state';

export const orderAggregate = defineAggregate<OrderState, OrderCommand, OrderEvent>({
	category: 'order',
	eventTypes: eventNamesOf(orderEventVersions),
	// The schemas and the decider load with the first command: showing records needs neither.
	commandSchema: deferredParser((model) => model.orderCommandSchema),
	prepare: prepareWriteModel,
	initialState: initialOrderState,
	evolve: evolveOrder,
	decide: deferredDecider((model) => model.decideOrder),
	// Facts others act on: no undo or restore goes back before them.
	sealedBy: ['OrderSubmitted', 'OrderCancelled'],
	explainSeal: explainOrderSeal
});
