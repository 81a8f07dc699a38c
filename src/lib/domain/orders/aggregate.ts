import { defineAggregate } from '../../aggregates/define-aggregate';
import { explainOrderSeal } from '../seal-words';
import { orderCommandSchema, type OrderCommand } from './commands';
import { decideOrder } from './decide';
import { orderEventTypes, type OrderEvent } from './events';
import { evolveOrder } from './evolve';
import { initialOrderState, type OrderState } from './state';

export const orderAggregate = defineAggregate<OrderState, OrderCommand, OrderEvent>({
	category: 'order',
	eventTypes: orderEventTypes,
	commandSchema: orderCommandSchema,
	initialState: initialOrderState,
	evolve: evolveOrder,
	decide: decideOrder,
	// Facts others act on: no undo or restore goes back before them.
	sealedBy: ['OrderSubmitted', 'OrderCancelled'],
	explainSeal: explainOrderSeal
});
