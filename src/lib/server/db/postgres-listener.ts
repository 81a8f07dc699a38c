import pg from 'pg';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

/**
 * LISTEN on one channel over a connection of its own, kept open for as long as it runs: when
 * the connection is lost (a terminated backend, a restart, a network fault) it reconnects with
 * a growing delay, listens again, and calls `onReconnect`, since notifications sent in between
 * are gone. node-postgres has no such loop of its own.
 */
export class PostgresListener {
	#client: pg.Client | undefined;
	#retryMs = FIRST_RETRY_MS;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;

	constructor(
		private readonly config: pg.ClientConfig,
		private readonly channel: string,
		private readonly onNotify: (payload: string) => void,
		private readonly onReconnect: () => void,
		private readonly onRetry: (error: unknown) => void
	) {}

	/** Listens; rejects when the first connection fails (the server should not start then). */
	async start(): Promise<void> {
		await this.#connect();
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		clearTimeout(this.#timer);
		const client = this.#client;
		this.#client = undefined;
		await client?.end().catch(() => {});
	}

	async #connect(): Promise<void> {
		const client = new pg.Client(this.config);
		// Every fault also ends the connection; 'end' is where it is handled. Without a listener,
		// an 'error' event would end the process.
		client.on('error', () => {});
		client.on('notification', (message) => {
			if (message.channel === this.channel) this.onNotify(message.payload ?? '');
		});
		client.on('end', () => {
			if (this.#client !== client) return;
			this.#client = undefined;
			if (!this.#stopped) this.#retry();
		});
		try {
			await client.connect();
			await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
		} catch (error) {
			await client.end().catch(() => {});
			throw error;
		}
		if (this.#stopped) {
			await client.end().catch(() => {});
			return;
		}
		this.#client = client;
		this.#retryMs = FIRST_RETRY_MS;
	}

	#retry(): void {
		this.#timer = setTimeout(() => {
			this.#connect().then(
				() => {
					if (!this.#stopped) this.onReconnect();
				},
				(error: unknown) => {
					this.onRetry(error);
					if (!this.#stopped) this.#retry();
				}
			);
		}, this.#retryMs);
		this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
	}
}
