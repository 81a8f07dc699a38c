/**
 * The key a listed row sorts by in its list's index. Indexes are read forwards only, so that
 * a page is one `getAll`: a list shown newest first stores its order inverted. The record's key
 * follows, so no two rows tie and a read can go on after the last row it got.
 */
export function listKey(order: string, record: string, descending: boolean): string {
	// The terminators keep a shorter order before (or, inverted, after) one it starts.
	const sortable = descending ? `${inverted(order)}\uffff` : order;
	return `${sortable}\u0000${record}`;
}

function inverted(text: string): string {
	let out = '';
	for (let index = 0; index < text.length; index++) {
		out += String.fromCharCode(0xffff - text.charCodeAt(index));
	}
	return out;
}
