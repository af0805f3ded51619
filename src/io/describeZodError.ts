import type { z } from 'zod';

/**
 * Turns a zod error into one line a person can act on: where in the file (the JSON path, with
 * feature numbers counted from 1 as people count them) and what is wrong. Reports at most three
 * issues so a file broken everywhere still gives a readable message.
 */
export function describeZodError(error: z.ZodError, maxIssues = 3): string {
  const parts = error.issues.slice(0, maxIssues).map((issue) => {
    const where = formatPath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - maxIssues;
  if (more > 0) parts.push(`and ${more} more problem${more === 1 ? '' : 's'}`);
  return parts.join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === 'features' && typeof next === 'number') {
      out.push(`feature ${next + 1}`);
      i++;
    } else if (typeof key === 'number') {
      out.push(`[${key}]`);
    } else {
      out.push(String(key));
    }
  }
  return out.join(' › ').replace(/ › \[/g, '[');
}
