/** A push the server acknowledged: when it was sent and the highest position it got. */
export interface AckedPush {
	device: number;
	sentAt: number;
	position: number;
}

/** What the server acknowledged in one workspace, to check every device's pulls against. */
export class WorkspaceLedger {
	/** eventId → position, of every acknowledged event. */
	readonly accepted = new Map<string, number>();
	readonly pushes: AckedPush[] = [];
	head = 0;

	record(
		device: number,
		sentAt: number,
		accepted: readonly { eventId: string; position: number }[]
	): void {
		let position = 0;
		for (const event of accepted) {
			this.accepted.set(event.eventId, event.position);
			position = Math.max(position, event.position);
		}
		this.pushes.push({ device, sentAt, position });
		this.head = Math.max(this.head, position);
	}
}
