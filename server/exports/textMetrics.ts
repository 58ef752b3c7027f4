/**
 * How wide text is when printed, in ems, for laying out tables that must not break codes inside a word.
 *
 * Exports ask for Calibri. Word has it; LibreOffice without Calibri or Carlito falls back to DejaVu Sans,
 * the widest of the usual sans fonts (about a fifth wider than Calibri). Widths are measured with DejaVu
 * Sans so that what fits here fits everywhere. These are its advance widths for ' ' to '~', in hundredths
 * of an em; anything else (accents, other scripts) counts as a full em.
 */
const REGULAR = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100,
  68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61,
  63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
]
const BOLD = [
  35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 58, 100,
  77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67,
  72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
]

export interface Weight {
  bold?: boolean
}

/** Width of one line of text, in ems. */
export function textWidthEm(text: string, { bold = false }: Weight = {}): number {
  const widths = bold ? BOLD : REGULAR
  let hundredths = 0
  for (const char of text) hundredths += widths[char.charCodeAt(0) - 32] ?? 100
  return hundredths / 100
}

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '')

/** Width of the widest word: a column narrower than this breaks a word in two. */
export function longestWordEm(text: string, weight: Weight = {}): number {
  return Math.max(0, ...words(text).map((w) => textWidthEm(w, weight)))
}

/**
 * How many lines text takes in a column `widthEm` wide, wrapped at spaces the way word processors and
 * spreadsheets do; a word longer than a line takes as many lines as it needs.
 */
export function wrappedLines(text: string, widthEm: number, weight: Weight = {}): number {
  const space = textWidthEm(' ', weight)
  let lines = 0
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines++
    let used = 0
    for (const word of words(paragraph)) {
      const width = textWidthEm(word, weight)
      if (used > 0 && used + space + width <= widthEm) {
        used += space + width
        continue
      }
      if (used > 0) lines++
      const extra = Math.max(0, Math.ceil(width / widthEm) - 1)
      lines += extra
      used = width - extra * widthEm
    }
  }
  return lines
}
