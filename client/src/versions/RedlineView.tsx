import type { Translate } from '../../../shared/i18n/translator'
import type { RedlineAuthor, RedlineBlock, RedlineParagraph, RedlineSegment } from '../../../shared/redline/model'
import { useLocale } from '../i18n/useLocale'

/** "Inserted by Ana Silva (MZ)", or "Inserted" when the server does not know who. */
const attributed = (t: Translate, what: 'inserted' | 'deleted', author?: RedlineAuthor) =>
  author ? t(`redline.${what}By`, { who: `${author.name} (${author.org})` }) : t(`redline.${what}`)

/** One run of text: inserted and deleted words as <ins> and <del> (screen readers announce them), attributed. */
function Segment({ segment, side }: { segment: RedlineSegment; side: 'both' | 'from' | 'to' }) {
  const { t } = useLocale()
  if (segment.type === 'insert') {
    if (side === 'from') return null
    return (
      <ins title={attributed(t, 'inserted', segment.author)} data-test="redline-ins">
        {segment.text}
      </ins>
    )
  }
  if (segment.type === 'delete') {
    if (side === 'to') return null
    return (
      <del title={attributed(t, 'deleted', segment.author)} data-test="redline-del">
        {segment.text}
      </del>
    )
  }
  if (segment.marksBefore) {
    return (
      <span className="format-changed" title={t('redline.formatChanged', { was: segment.marksBefore.join(', ') || t('redline.plain') })}>
        {segment.text}
      </span>
    )
  }
  return <>{segment.text}</>
}

function Paragraph({ paragraph, side }: { paragraph: RedlineParagraph; side: 'both' | 'from' | 'to' }) {
  const { t } = useLocale()
  if ((side === 'from' && paragraph.status === 'insert') || (side === 'to' && paragraph.status === 'delete')) return null
  const label = paragraph.path && paragraph.role === 'action' ? t('redline.actionLabel', { path: paragraph.path.join('.') }) : ''
  const className = `redline-p role-${paragraph.role}${paragraph.status === 'insert' ? ' whole-insert' : paragraph.status === 'delete' ? ' whole-delete' : ''}`
  return (
    <p className={className} dir="auto">
      {label && <span className="redline-label">{label}</span>}
      {paragraph.segments.map((s, i) => (
        <Segment key={i} segment={s} side={side} />
      ))}
    </p>
  )
}

/** What a block is called in the comparison: its recommendation number, or its kind. */
export function blockTitle(t: Translate, block: RedlineBlock): string {
  if (block.kind !== 'recommendation') return block.kind === 'heading' ? t('redline.heading') : t('redline.text')
  if (block.status === 'moved' && block.fromNumber !== undefined) return t('redline.movedFrom', { number: block.number, from: block.fromNumber })
  if (block.fromNumber !== undefined && block.fromNumber !== block.number) return t('report.cell.renumbered', { number: block.number, from: block.fromNumber })
  return t('report.recommendation', { number: block.number })
}

/** One block of the comparison, inline (both sides in one text) or side by side. */
function Block({ block, layout }: { block: RedlineBlock; layout: 'inline' | 'side-by-side' }) {
  const { t } = useLocale()
  const body = (side: 'both' | 'from' | 'to') => block.paragraphs.map((p, i) => <Paragraph key={i} paragraph={p} side={side} />)
  return (
    <section className={`redline-block status-${block.status}`} data-test="redline-block" data-status={block.status}>
      {(block.kind === 'recommendation' || block.status !== 'unchanged') && (
        <h3 className="redline-block-title">
          {blockTitle(t, block)} <span className={`status-badge redline-status-${block.status}`}>{t(`redline.status.${block.status}`)}</span>
        </h3>
      )}
      {layout === 'inline' ? (
        body('both')
      ) : (
        <div className="redline-sides">
          <div className="redline-side" role="group" aria-label={t('redline.before')}>
            {block.status === 'new' ? <p className="muted">{t('redline.notThere')}</p> : body('from')}
          </div>
          <div className="redline-side" role="group" aria-label={t('redline.after')}>
            {block.status === 'deleted' ? <p className="muted">{t('redline.removed')}</p> : body('to')}
          </div>
        </div>
      )}
    </section>
  )
}

/** The whole comparison. */
export function RedlineView({ blocks, layout }: { blocks: readonly RedlineBlock[]; layout: 'inline' | 'side-by-side' }) {
  return (
    <div className={`redline redline-${layout}`} data-test="redline">
      {blocks.map((b, i) => (
        <Block key={b.blockId ?? `${b.fromIndex ?? ''}-${b.toIndex ?? ''}-${i}`} block={b} layout={layout} />
      ))}
    </div>
  )
}
