/**
 * Escaping for everything the report puts into HTML. Engine names, error messages and config values
 * come from user input and results files, so none of them may be able to inject markup or script.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` become \u escapes (so a string can
 * never close the element), as do U+2028/U+2029 (line terminators in older JavaScript).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * JavaScript source that is safe to inline in a `<script>` element: `</script` becomes `<\/script`,
 * which means the same inside strings, templates and regular expressions but cannot end the element.
 */
export function scriptForInline(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
