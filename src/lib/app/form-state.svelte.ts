import { isValidationError } from '../errors';
import { describeError, fieldErrors } from './describe-error';

/** What a form sent, under the commandId it was armed with. */
interface Submission<Values> {
	commandId: string;
	values: Values;
}

export interface SubmitOptions<Values> {
	/** Right after the values are taken: e.g. empty the fields, so the next entry can be typed at once. */
	sent?: (values: Values) => void;
	/** The submission was saved and the form has not changed since: e.g. close the form. */
	saved?: (values: Values) => void;
	/** A refusal of a submission the form still shows as its own: put its values back to correct. */
	restore?: (values: Values) => void;
	/** Names a submission in a message, when it fails after the person has moved on ("Deposit €10.00"). */
	describe?: (values: Values) => string;
}

/**
 * One form: its errors, and the action it is armed with. The commandId is made when the form is
 * shown and travels with what the person submits. Until they change the form again, submitting
 * once more (a double-click, a double Enter) sends that same submission under the same id, which
 * the library runs once. The first change after a submission starts a new action with a new id,
 * even while the last one is still being saved, so nothing typed meanwhile is lost or doubled.
 */
export class FormState<Values = unknown> {
	fields = $state<Record<string, string>>({});
	message = $state('');
	/** The submission the form still stands for is being saved: its button should look busy. */
	saving = $state(false);

	#commandId = crypto.randomUUID();
	// The last submission, for as long as the person has not changed the form since.
	#last: Submission<Values> | undefined;

	/** The person changed the form (`oninput` on it): what they submit next is a new action. */
	changed(): void {
		if (!this.#last) return;
		this.#last = undefined;
		this.#commandId = crypto.randomUUID();
		this.saving = false;
	}

	/**
	 * Takes the form's values (`read` returns undefined, having set its own inline errors, when they
	 * are not ready to send) and runs the action with them; true when it succeeded.
	 */
	async submit(
		read: () => Values | undefined,
		run: (values: Values, commandId: string) => Promise<void>,
		options: SubmitOptions<Values> = {}
	): Promise<boolean> {
		let submission = this.#last;
		if (!submission) {
			const values = read();
			if (values === undefined) return false;
			submission = { commandId: this.#commandId, values };
			this.#last = submission;
			this.fields = {};
			this.message = '';
			options.sent?.(values);
		}
		const current = () => this.#last === submission;
		this.saving = true;
		try {
			await run(submission.values, submission.commandId);
			if (current()) {
				this.fields = {};
				options.saved?.(submission.values);
			}
			return true;
		} catch (error) {
			if (current()) {
				options.restore?.(submission.values);
				this.fields = fieldErrors(error);
				this.message = isValidationError(error) ? '' : describeError(error);
			} else {
				// The fields hold the next entry now: say what failed instead of overwriting it.
				const what = options.describe?.(submission.values) ?? 'Your last entry';
				const reason = Object.values(fieldErrors(error))[0] ?? describeError(error);
				this.message = `${what} was not saved. ${reason}`;
			}
			return false;
		} finally {
			if (current()) this.saving = false;
		}
	}
}
