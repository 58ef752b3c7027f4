import type { Participant } from '../../shared/types'

/** Characters that may not follow a name for it to be a whole-name mention ("@Ana Silva," yes; "@Ana Silvana" no). */
const NAME_GOES_ON = /^[\p{L}\p{N}_-]/u

/**
 * The participants a text mentions as `@Their Name` (what the composer's completion writes), matched by
 * the whole name, case-insensitively. Longer names are matched first, so "@Ana Silva" is not also a
 * mention of a participant called "Ana".
 */
export function mentionedIn(text: string, participants: readonly Participant[]): Participant[] {
  if (!text.includes('@')) return []
  let rest = text.toLocaleLowerCase()
  const found: Participant[] = []
  const byLength = [...participants].sort((a, b) => b.name.length - a.name.length)
  for (const p of byLength) {
    const tag = `@${p.name.toLocaleLowerCase()}`
    let at = rest.indexOf(tag)
    let matched = false
    while (at >= 0) {
      if (!NAME_GOES_ON.test(rest.slice(at + tag.length))) {
        matched = true
        // Blank the match out so a shorter name inside it is not matched again.
        rest = rest.slice(0, at) + ' '.repeat(tag.length) + rest.slice(at + tag.length)
      }
      at = rest.indexOf(tag, at + 1)
    }
    if (matched) found.push(p)
  }
  return found
}
