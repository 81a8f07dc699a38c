import type NewRecordForm from '../components/NewRecordForm.svelte';
import type { CustomerChoices, customerIdField } from './customer-choices.svelte';

/** What a list page's "New …" form needs beyond the list: the form, and the directory it searches. */
export interface NewRecordParts {
	NewRecordForm: typeof NewRecordForm;
	/** The customers the form's picker offers, read from IndexedDB while the form shows. */
	customers: CustomerChoices;
	customerIdField: typeof customerIdField;
}

/**
 * Loads the form and its customer directory once per page, on first use: a first visit to a list
 * carries neither the code nor the directory's reads. Call it as the pointer or focus reaches the
 * button, so the first keys typed after the click land in the form.
 */
export function newRecordParts(): () => Promise<NewRecordParts> {
	let parts: Promise<NewRecordParts> | undefined;
	return () =>
		(parts ??= Promise.all([
			import('../components/NewRecordForm.svelte'),
			import('./customer-choices.svelte')
		]).then(([form, choices]) => ({
			NewRecordForm: form.default,
			customers: new choices.CustomerChoices(),
			customerIdField: choices.customerIdField
		})));
}
