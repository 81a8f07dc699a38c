export { WebhookDeliverer } from './webhook-deliverer';
export { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings';
export { checkDestination } from './check-destination';
export { newWebhookSecret, verifySignature } from './sign-delivery';
export {
	insertWebhook,
	listWebhooks,
	findWebhook,
	deleteWebhook,
	listDeadLetters,
	queueRedelivery
} from './webhook-store';
