/** A JSON object (not null, not an array): what a parsed file's records are checked as before their fields are read. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
