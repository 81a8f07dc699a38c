import { isValidationError } from '../errors';
import { describeError, fieldErrors } from './describe-error';

/**
 * The errors of one form: inline messages by field for bad input, one sentence for anything
 * else (a rule refused, the device is full). `submit` clears them when the action succeeds.
 */
export class FormState {
	fields = $state<Record<string, string>>({});
	message = $state('');
	busy = $state(false);

	/** Runs the form's action; true when it succeeded. */
	async submit(action: () => Promise<void>): Promise<boolean> {
		this.busy = true;
		this.message = '';
		try {
			await action();
			this.fields = {};
			return true;
		} catch (error) {
			this.fields = fieldErrors(error);
			this.message = isValidationError(error) ? '' : describeError(error);
			return false;
		} finally {
			this.busy = false;
		}
	}
}
