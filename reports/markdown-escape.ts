/**
 * Escaping for Markdown table cells. Engine names, error messages and notes come from results files, so
 * none of them may break a table row or render as markup in a job summary or pull-request comment.
 */

/** Escapes text for a table cell: pipes and newlines would break the row, markup characters would render. */
export function escapeCell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
