import { RewindError } from '../../errors';

/**
 * Thrown when a webhook cannot be registered as asked (422): its URL is not https, names a
 * private address, does not resolve, or it lists an event type this server does not know.
 */
export class WebhookRefusedError extends RewindError {
	readonly code = 'webhook_refused';
}
