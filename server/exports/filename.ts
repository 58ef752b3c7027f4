/** Longest file name stem, leaving room for a suffix and the extension. */
const MAX_STEM = 120

/**
 * A download file name from a draft title: characters that file systems or headers refuse are dropped,
 * spaces collapsed, e.g. "Recommendations on ICT - comments.xlsx".
 */
export function downloadName(title: string, suffix: string, extension: string): string {
  const stem =
    title
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- control characters are what file systems and headers refuse first
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, MAX_STEM)
      .trim() || 'draft'
  return `${stem}${suffix}.${extension}`
}
