import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SyncedEvent } from '../../protocol';

/** One POST as the receiver saw it. */
export interface ReceivedDelivery {
	headers: IncomingHttpHeaders;
	/** The raw body, as the signature covers it. */
	body: string;
	event: SyncedEvent;
	/** What the receiver answered; 0 when it never answered (the sender gave up first). */
	status: number;
}

/** How the receiver answers one request: a status, after a delay. */
export interface Answer {
	status: number;
	delayMs?: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests. `answer` decides each reply from the
 * request and how many came before it; the test changes it as it goes (down, slow, back up).
 */
export class WebhookReceiver {
	readonly deliveries: ReceivedDelivery[] = [];
	answer: (delivery: ReceivedDelivery, index: number) => Answer = () => ({ status: 200 });
	#server: Server | undefined;

	get url(): string {
		const { port } = this.#server!.address() as AddressInfo;
		return `http://127.0.0.1:${port}/hooks/rewind`;
	}

	/** The events it acknowledged with a 2xx, in the order they came. */
	get acknowledged(): SyncedEvent[] {
		return this.deliveries
			.filter((delivery) => delivery.status >= 200 && delivery.status < 300)
			.map((delivery) => delivery.event);
	}

	async start(): Promise<this> {
		this.#server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				const delivery: ReceivedDelivery = {
					headers: request.headers,
					body,
					event: JSON.parse(body) as SyncedEvent,
					status: 0
				};
				const { status, delayMs = 0 } = this.answer(delivery, this.deliveries.length);
				this.deliveries.push(delivery);
				const timer = setTimeout(() => {
					if (response.destroyed) return;
					delivery.status = status;
					response.writeHead(status).end();
				}, delayMs);
				response.on('close', () => clearTimeout(timer));
			});
		});
		await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		const server = this.#server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
