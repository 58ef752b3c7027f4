import type { JSONContent } from '@tiptap/core'
import { BLOCK_ID, newBlockId, withBlockIds } from '../../shared/schema/blockIds'
import { NODE } from '../../shared/schema/names'
import type { Random } from './random'

/**
 * Random drafts and random revisions of them, for the redline's property test: recommendations,
 * headings, paragraphs and lists with nested items, bold, italic and links, hard breaks, in the six
 * UN languages. Block ids are kept as the editor keeps them: a move keeps the id, a new block gets a
 * new one, a split leaves it with the half holding more text.
 */

/** Real sentences: English from the committee document in shared/seeds, the others in its register. */
export const SENTENCES = {
  en: [
    'The ICT Strategy Task Force presents a set of revised draft recommendations on Information and Communication Technology (ICT) and Intellectual Property (IP) administration for consideration and adoption by the Committee on WIPO Standards (CWS).',
    'These recommendations should be considered for implementation by Intellectual Property Offices (IPOs).',
    'The CWS also requested the ICT Strategy Task Force to report the results of responses to this circular at its twelfth session.',
    'Changes to Recommendation 2 to expand the scope of the forum to include ICT issues of common interest; and',
    'Furthermore, it is also suggested that IPOs should be encouraged to implement the set of recommendations and share their plan or experience 😀.',
  ],
  fr: [
    'Les offices devraient passer au traitement électronique de bout en bout de leurs procédures essentielles, du dépôt à la publication et au renouvellement.',
    'Le Comité des normes de l’OMPI a pris note des recommandations révisées.',
    'Les offices sont invités à adapter les mesures à leur taille, à leur mandat et à leurs ressources.',
  ],
  es: [
    'Las oficinas deberían adoptar una estrategia de TIC por escrito, vinculada a sus objetivos institucionales y revisada periódicamente.',
    'El Grupo de Trabajo presenta un conjunto revisado de proyectos de recomendación para su examen por el Comité.',
    '¿Qué oficinas han publicado interfaces de programación de aplicaciones estables?',
  ],
  ru: [
    'Ведомствам следует перевести основные процедуры на сквозную электронную обработку, от подачи заявки до публикации и продления.',
    'Целевая группа представляет пересмотренный проект рекомендаций для рассмотрения Комитетом по стандартам ВОИС.',
    'Ведомствам следует защищать свои информационные системы от киберугроз.',
  ],
  ar: [
    'ينبغي للمكاتب أن تنقل إجراءاتها الأساسية إلى المعالجة الإلكترونية الشاملة، من الإيداع إلى النشر والتجديد.',
    'تقدم فرقة العمل مجموعة منقحة من مشاريع التوصيات لكي تنظر فيها لجنة معايير الويبو.',
    'ينبغي للمكاتب أن تتبادل البيانات بصيغ مفتوحة قابلة للقراءة آليًا.',
  ],
  zh: [
    '各局应将其核心程序转为从申请到公布和续展的端到端电子处理。',
    '工作队提交了一套经修订的建议草案，供产权组织标准委员会审议。',
    '各局应以开放的、机器可读的格式相互交换数据，并与用户交换数据。',
  ],
} as const

const ALL_SENTENCES: readonly string[] = Object.values(SENTENCES).flat()

type Mark = { type: string; attrs?: Record<string, unknown> }
/** One character of a textblock, with its marks; a hard break is "\n". */
type Char = { ch: string; marks: Mark[] }

const LINKS = ['https://www.wipo.int/cws/en/', 'https://www.wipo.int/standards/en/']

function randomMarks(random: Random): Mark[] {
  const marks: Mark[] = []
  if (random.chance(0.2)) marks.push({ type: 'bold' })
  if (random.chance(0.15)) marks.push({ type: 'italic' })
  if (random.chance(0.1)) marks.push({ type: 'link', attrs: { href: random.pick(LINKS) } })
  return marks
}

/** A piece of a random sentence (code points, so no emoji is cut in half). */
function words(random: Random, whole = false): string[] {
  const chars = Array.from(random.pick(ALL_SENTENCES))
  if (whole) return chars
  const from = random.int(0, chars.length - 1)
  return chars.slice(from, from + random.int(1, 25))
}

/** Inline content from characters: runs of equal marks, "\n" as hard breaks. */
function inlines(chars: readonly Char[]): JSONContent[] {
  const out: JSONContent[] = []
  for (const c of chars) {
    if (c.ch === '\n') {
      out.push({ type: NODE.hardBreak })
      continue
    }
    const last = out[out.length - 1]
    if (last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(c.marks)) last.text += c.ch
    else out.push({ type: 'text', text: c.ch, ...(c.marks.length > 0 ? { marks: c.marks } : {}) })
  }
  return out
}

function charsOf(node: JSONContent): Char[] {
  return (node.content ?? []).flatMap((n) =>
    n.type === NODE.hardBreak ? [{ ch: '\n', marks: [] }] : Array.from(n.text ?? '', (ch) => ({ ch, marks: (n.marks ?? []) as Mark[] })),
  )
}

function randomText(random: Random): Char[] {
  const out: Char[] = []
  for (let parts = random.int(1, 3); parts > 0; parts--) {
    const marks = randomMarks(random)
    out.push(...words(random, random.chance(0.6)).map((ch) => ({ ch, marks })))
    if (parts > 1) out.push(random.chance(0.15) ? { ch: '\n', marks: [] } : { ch: ' ', marks: [] })
  }
  return random.chance(0.05) ? [] : out
}

const textblock = (type: string, chars: Char[], attrs?: Record<string, unknown>): JSONContent => {
  const content = inlines(chars)
  return { type, ...(attrs ? { attrs } : {}), ...(content.length > 0 ? { content } : {}) }
}

function randomItem(random: Random, depth: number): JSONContent {
  const content = [textblock(NODE.paragraph, randomText(random))]
  if (depth < 2 && random.chance(0.25)) content.push(randomList(random, NODE.bulletList, depth + 1))
  return { type: NODE.listItem, content }
}

function randomList(random: Random, type: string, depth: number): JSONContent {
  return { type, content: Array.from({ length: random.int(1, 4) }, () => randomItem(random, depth)) }
}

function randomRecommendation(random: Random): JSONContent {
  return {
    type: NODE.recommendation,
    content: [textblock(NODE.statement, randomText(random)), { ...randomList(random, NODE.actions, 0) }],
  }
}

/** A random top-level block (more recommendations than anything else). */
export function randomBlock(random: Random): JSONContent {
  const kind = random.int(0, 9)
  if (kind < 5) return randomRecommendation(random)
  if (kind < 6) return textblock(NODE.heading, randomText(random), { level: random.int(1, 3) })
  if (kind < 8) return textblock(NODE.paragraph, randomText(random))
  return randomList(random, random.chance(0.5) ? NODE.bulletList : NODE.orderedList, 0)
}

/** A random draft of 3 to 14 blocks; with ids as new drafts have them, or none (drafts made before ids). */
export function randomDraft(random: Random, ids: boolean): JSONContent {
  const content = Array.from({ length: random.int(3, 14) }, () => randomBlock(random))
  return { type: NODE.doc, content: ids ? withBlockIds(content) : content }
}

/** Every textblock node of a draft, wherever it sits. */
function textblocks(node: JSONContent): JSONContent[] {
  const isTextblock = node.type === NODE.paragraph || node.type === NODE.heading || node.type === NODE.statement
  return isTextblock ? [node] : (node.content ?? []).flatMap(textblocks)
}

/** Every list (actions, bullet and ordered lists, nested ones) of a draft. */
function lists(node: JSONContent): JSONContent[] {
  const isList = node.type === NODE.actions || node.type === NODE.bulletList || node.type === NODE.orderedList
  return [...(isList ? [node] : []), ...(node.content ?? []).flatMap(lists)]
}

/** Typing, deleting within and across words, replacing, and changing the formatting of a range. */
function editText(random: Random, node: JSONContent): void {
  const chars = charsOf(node)
  const at = random.int(0, chars.length)
  const length = Math.min(chars.length - at, random.int(1, 30))
  switch (random.int(0, 4)) {
    case 0: {
      const marks = chars[at - 1]?.marks ?? []
      chars.splice(at, 0, ...words(random).map((ch) => ({ ch, marks })))
      break
    }
    case 1:
      chars.splice(at, length)
      break
    case 2:
      chars.splice(at, length, ...words(random).map((ch) => ({ ch, marks: randomMarks(random) })))
      break
    case 3: {
      const marks = randomMarks(random)
      for (let i = at; i < at + length; i++) chars[i] = { ch: chars[i]!.ch, marks: chars[i]!.ch === '\n' ? [] : marks }
      break
    }
    default:
      chars.splice(at, 0, { ch: '\n', marks: [] })
  }
  const content = inlines(chars)
  if (content.length > 0) node.content = content
  else delete node.content
}

/** Enter in a top-level paragraph or heading: both halves have its attributes, as in the editor. */
function split(random: Random, doc: JSONContent[], index: number): void {
  const block = doc[index]!
  const chars = charsOf(block)
  const at = random.int(0, chars.length)
  const half = (part: Char[]) => textblock(block.type!, part, block.attrs)
  doc.splice(index, 1, half(chars.slice(0, at)), half(chars.slice(at)))
}

/** What a revision did, for the checks that need to know it. */
export interface Revision {
  draft: JSONContent
  /** Ids of the recommendations it moved on purpose. */
  movedIds: Set<string>
}

/** A revision of `draft` by 1 to `maxEdits` random edits, ids kept as the editor keeps them. */
export function reviseDraft(random: Random, draft: JSONContent, maxEdits: number, ids: boolean): Revision {
  const next = structuredClone(draft)
  const blocks = next.content!
  const movedIds = new Set<string>()
  for (let edits = random.int(1, maxEdits); edits > 0; edits--) {
    const op = random.int(0, 11)
    if (op <= 4) {
      editText(random, random.pick(textblocks(next)))
    } else if (op === 5) {
      blocks.splice(random.int(0, blocks.length), 0, ids ? { ...randomBlock(random), attrs: { [BLOCK_ID]: newBlockId() } } : randomBlock(random))
    } else if (op === 6 && blocks.length > 1) {
      blocks.splice(random.int(0, blocks.length - 1), 1)
    } else if (op <= 8) {
      const recommendations = blocks.flatMap((b, i) => (b.type === NODE.recommendation ? [i] : []))
      const from = random.chance(0.8) && recommendations.length > 0 ? random.pick(recommendations) : random.int(0, blocks.length - 1)
      const [moved] = blocks.splice(from, 1)
      blocks.splice(random.int(0, blocks.length), 0, moved!)
      const id = moved!.attrs?.[BLOCK_ID]
      if (moved!.type === NODE.recommendation && typeof id === 'string') movedIds.add(id)
    } else if (op === 9 && lists(next).length > 0) {
      const list = random.pick(lists(next))
      list.content!.splice(random.int(0, list.content!.length), 0, randomItem(random, 2))
    } else if (op === 10) {
      const list = random.pick(lists(next).filter((l) => l.content!.length > 1).concat([{ content: [] }]))
      if (list.content!.length > 1) list.content!.splice(random.int(0, list.content!.length - 1), 1)
    } else {
      const splittable = blocks.flatMap((b, i) => (b.type === NODE.paragraph || b.type === NODE.heading ? [i] : []))
      if (splittable.length > 0) split(random, blocks, random.pick(splittable))
    }
  }
  next.content = ids ? withBlockIds(blocks) : blocks
  return { draft: next, movedIds }
}
