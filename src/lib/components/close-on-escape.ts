import type { Attachment } from 'svelte/attachments';

/**
 * Closes a form on Escape, as its Cancel button would: `<form {@attach closeOnEscape(cancel)}>`.
 * Keys already handled inside it (an open list, text being composed) are left alone.
 */
export function closeOnEscape(close: () => void): Attachment<HTMLElement> {
	return (element) => {
		const onKeydown = (event: KeyboardEvent) => {
			if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
			event.preventDefault();
			close();
		};
		element.addEventListener('keydown', onKeydown);
		return () => element.removeEventListener('keydown', onKeydown);
	};
}
