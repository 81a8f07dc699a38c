/** Where the server writes its one-line logs; tests pass a quiet or recording one. */
export interface Logger {
	info(message: string): void;
	warn(message: string): void;
	error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
	info: (message) => console.log(`[rewind] ${message}`),
	warn: (message) => console.warn(`[rewind] ${message}`),
	error: (message, error) => console.error(`[rewind] ${message}`, error ?? '')
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
