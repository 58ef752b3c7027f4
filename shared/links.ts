/** Link protocols the draft may contain; anything else is rendered without an href. */
export const SAFE_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const

/**
 * Returns the href if it is an absolute http, https or mailto URL, otherwise null.
 * Content arriving through Yjs never passes parseHTML, so every renderer must call this.
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null
  const trimmed = href.trim()
  if (trimmed === '' || trimmed.length > 2048) return null
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so reject them.
  // eslint-disable-next-line no-control-regex -- the control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return null
  }
  return (SAFE_LINK_PROTOCOLS as readonly string[]).includes(url.protocol) ? trimmed : null
}
