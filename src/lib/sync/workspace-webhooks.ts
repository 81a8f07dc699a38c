import type { DeadLetter, Webhook } from '../protocol';
import type { WorkspacePeople } from './workspace-people';

/**
 * The workspace's feeds to other systems, as an owner sees them (docs/protocol.md, "Webhooks"):
 * calls that need the network and a sign-in, made like the people's calls (a 401 signs out).
 */
export class WorkspaceWebhooks {
	constructor(private readonly people: Pick<WorkspacePeople, 'call'>) {}

	list(): Promise<Webhook[]> {
		return this.people.call((token, api) => api.webhooks(token));
	}

	deadLetters(webhookId: string): Promise<DeadLetter[]> {
		return this.people.call((token, api) => api.deadLetters(token, webhookId));
	}

	/** One more attempt for the dead letter at `position`, or for all of them. */
	redeliver(webhookId: string, position?: number): Promise<number> {
		return this.people.call((token, api) => api.redeliver(token, webhookId, position));
	}
}
