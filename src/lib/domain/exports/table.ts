/** A table for a file another program opens: a header row, then rows of plain text cells. */
export interface ExportTable {
	fields: readonly string[];
	rows: string[][];
}
