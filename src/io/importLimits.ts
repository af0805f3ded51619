/** Limits on what an import reads, shared by the app's import and the CLI. */

/**
 * Files larger than this are refused before a byte is read: parsing them would take the tab's memory
 * (the text, the rows and the sites all at once) and freeze it, and the user would lose more than a
 * refused file. 60 MB is about a million CSV rows, far beyond any district's inventory. The CLI
 * applies the same limit (`--max-mb` raises it).
 */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;
