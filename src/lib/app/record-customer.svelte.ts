import { fromStore, toStore } from 'svelte/store';
import type { ChosenCustomer } from '../components/customer-option';
import { CustomerChoices, customerIdField } from './customer-choices.svelte';
import type { OrderState } from '../domain';
import type { RecordPage } from './record-page.svelte';
import { customerApp } from './customer-app';

/**
 * The customer of an order or an account page: their name as the directory has it now (the
 * record keeps the name it was made with), the picker's choices, and linking to another one.
 */
export class RecordCustomer {
	readonly choices = new CustomerChoices();
	readonly #record: Pick<RecordPage<OrderState>, 'run'>;
	readonly #customerId: () => string | undefined;
	readonly #rows;

	constructor(record: Pick<RecordPage<OrderState>, 'run'>, customerId: () => string | undefined) {
		this.#record = record;
		this.#customerId = customerId;
		// Made once the id is known: the store reads it as soon as it is made.
		this.#rows = fromStore(
			customerApp().customerList.rows(
				toStore(() => {
					const linked = customerId();
					return linked ? [linked] : [];
				})
			)
		);
	}

	/** The linked customer's current name; undefined when not linked or not (yet) read. */
	readonly name = $derived.by(() => {
		const customerId = this.#customerId();
		const customer = customerId ? this.#rows.current.get(customerId)?.customer : undefined;
		return customer && customer.status !== 'none' ? customer.name : undefined;
	});

	/** Links the page's record to the chosen customer, adding them to the directory if new. */
	link = async (chosen: ChosenCustomer, commandId: string): Promise<void> => {
		const { customerId } = await customerIdField(chosen);
		await this.#record.run(
			{ type: 'LinkCustomer', customerId, customerName: chosen.name },
			`Link to ${chosen.name.trim()}`,
			commandId,
			'form'
		);
	};
}
