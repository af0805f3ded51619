/** Longest name shown whole in a tooltip; longer ones are cut with an ellipsis (the site editor shows the full text). */
export const TOOLTIP_NAME_CHARS = 60;

/** `text` cut to `max` characters (whole code points, so no emoji or CJK extension is split) with an ellipsis. */
export function cutText(text: string, max = TOOLTIP_NAME_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
