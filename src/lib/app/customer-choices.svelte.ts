import { page } from '$app/state';
import { fromStore, toStore } from 'svelte/store';
import type { CustomerOption, ChosenCustomer } from '../components/customer-option';
import type { CustomerState } from '../domain';
import { perform } from './actions';
import { customerApp } from './customer-app';

/** How many customers the picker offers at once: a phone's screen of them. */
const OFFERED = 8;

/**
 * The customers a picker offers for what is typed, read from the directory in IndexedDB: active
 * ones only, by name. `search` is what the picker's `onSearch` sets.
 */
export class CustomerChoices {
	search = $state('');
	readonly #page = fromStore(
		customerApp().customerList.list(
			toStore(() => ({ group: 'active', search: this.search, limit: OFFERED }))
		)
	);
	readonly options: CustomerOption[] = $derived(
		this.#page.current.rows.flatMap(({ key, row }) => optionOf(key, row.customer))
	);
	onSearch = (text: string): void => {
		this.search = text;
	};

	// `?for=customer-…`, as a customer's page links to the order and account forms.
	readonly #forId = $derived(page.url.searchParams.get('for') ?? '');
	readonly #forRows = fromStore(
		customerApp().customerList.rows(toStore(() => (this.#forId ? [this.#forId] : [])))
	);
	/** The customer the address names, to start the form with; undefined when none. */
	readonly initial: CustomerOption | undefined = $derived.by(() => {
		const customer = this.#forRows.current.get(this.#forId)?.customer;
		return customer ? optionOf(this.#forId, customer)[0] : undefined;
	});
}

function optionOf(customerId: string, customer: CustomerState): CustomerOption[] {
	if (customer.status === 'none') return [];
	const detail = customer.email ?? customer.phone;
	return [{ customerId, name: customer.name, ...(detail ? { detail } : {}) }];
}

/**
 * The `customerId` a create command takes for the chosen customer, registering them first when
 * they are new to the directory; nothing when the form offered no directory.
 */
export async function customerIdField(
	chosen: ChosenCustomer | undefined
): Promise<{ customerId?: string }> {
	if (!chosen) return {};
	if (chosen.registerCommandId) {
		await perform(
			customerApp().customers,
			chosen.customerId,
			{ type: 'RegisterCustomer', name: chosen.name },
			`Register ${chosen.name.trim()}`,
			{ commandId: chosen.registerCommandId }
		);
	}
	return { customerId: chosen.customerId };
}
