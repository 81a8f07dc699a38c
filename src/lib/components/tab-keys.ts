/**
 * The tab a key moves to in a WAI-ARIA tab list (automatic activation): Left and Right step
 * and wrap around, Home and End go to the first and last. Any other key is not the list's.
 */
export function tabAfterKey(key: string, current: number, count: number): number | undefined {
	if (count < 1) return undefined;
	switch (key) {
		case 'ArrowRight':
			return (current + 1) % count;
		case 'ArrowLeft':
			return (current - 1 + count) % count;
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return undefined;
	}
}
