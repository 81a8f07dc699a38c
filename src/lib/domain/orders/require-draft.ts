import { IllegalStateError } from '../../errors';
import type { DraftOrder, OrderState } from './state';

/** What the refused command would have done to the order, as in "so it can't be changed". */
export type OrderChange = 'changed' | 'submitted' | 'cancelled';

/** The order as a draft, the only status that takes changes; otherwise says why not. */
export function requireDraft(state: OrderState, change: OrderChange): DraftOrder {
	switch (state.status) {
		case 'draft':
			return state;
		case 'none':
			throw new IllegalStateError(`This order doesn't exist yet, so it can't be ${change}.`);
		case 'submitted':
			throw new IllegalStateError(
				change === 'submitted'
					? 'This order has already been submitted.'
					: `This order has already been submitted, so it can't be ${change}.`
			);
		case 'cancelled':
			throw new IllegalStateError(
				change === 'cancelled'
					? 'This order has already been cancelled.'
					: `This order has been cancelled, so it can't be ${change}.`
			);
		default: {
			const unhandled: never = state;
			throw new Error(`Unknown order status ${(unhandled as OrderState).status}`);
		}
	}
}
