const DEVICE_KEY = 'rewind:device-id';

/** The local user until someone signs in: their work is theirs, on this device. */
export const LOCAL_USER_ID = 'local-user';

/** One id per browser profile, kept across reloads; made on first use. */
export function deviceId(): string {
	let id = localStorage.getItem(DEVICE_KEY);
	if (!id) {
		id = `device-${crypto.randomUUID()}`;
		localStorage.setItem(DEVICE_KEY, id);
	}
	return id;
}

/** How a user id reads in the interface. */
export function userName(userId: string, currentUserId: string): string {
	if (userId === currentUserId) return 'You';
	if (userId === LOCAL_USER_ID) return 'You (before signing in)';
	return userId;
}
