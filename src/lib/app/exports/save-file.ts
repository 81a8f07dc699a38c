/**
 * Hands a file to the browser's downloads, made from parts so a long export is never one
 * giant string. Works offline: nothing leaves the device.
 */
export function saveFile(name: string, parts: BlobPart[], type: string): void {
	const url = URL.createObjectURL(new Blob(parts, { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// The download has taken the data by the next task; the URL would otherwise hold it.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name's part from a person's text: letters and digits kept, the rest one dash. */
export function fileNamePart(text: string): string {
	const part = text
		.normalize('NFKC')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return part || 'untitled';
}
