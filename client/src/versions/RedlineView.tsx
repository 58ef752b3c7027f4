import type { RedlineAuthor, RedlineBlock, RedlineParagraph, RedlineSegment } from '../../../shared/redline/model'

const byWhom = (author?: RedlineAuthor) => (author ? ` by ${author.name} (${author.org})` : '')

/** One run of text: inserted and deleted words as <ins> and <del> (screen readers announce them), attributed. */
function Segment({ segment, side }: { segment: RedlineSegment; side: 'both' | 'from' | 'to' }) {
  if (segment.type === 'insert') {
    if (side === 'from') return null
    return (
      <ins title={`Inserted${byWhom(segment.author)}`} data-test="redline-ins">
        {segment.text}
      </ins>
    )
  }
  if (segment.type === 'delete') {
    if (side === 'to') return null
    return (
      <del title={`Deleted${byWhom(segment.author)}`} data-test="redline-del">
        {segment.text}
      </del>
    )
  }
  if (segment.marksBefore) {
    return (
      <span className="format-changed" title={`Formatting changed (was ${segment.marksBefore.join(', ') || 'plain'})`}>
        {segment.text}
      </span>
    )
  }
  return <>{segment.text}</>
}

const ROLE_LABEL: Partial<Record<RedlineParagraph['role'], string>> = { action: 'Action' }

function Paragraph({ paragraph, side }: { paragraph: RedlineParagraph; side: 'both' | 'from' | 'to' }) {
  if ((side === 'from' && paragraph.status === 'insert') || (side === 'to' && paragraph.status === 'delete')) return null
  const label = paragraph.path && ROLE_LABEL[paragraph.role] ? `${ROLE_LABEL[paragraph.role]} ${paragraph.path.join('.')}: ` : ''
  const className = `redline-p role-${paragraph.role}${paragraph.status === 'insert' ? ' whole-insert' : paragraph.status === 'delete' ? ' whole-delete' : ''}`
  return (
    <p className={className}>
      {label && <span className="redline-label">{label}</span>}
      {paragraph.segments.map((s, i) => (
        <Segment key={i} segment={s} side={side} />
      ))}
    </p>
  )
}

/** What a block is called in the comparison: its recommendation number, or its kind. */
export function blockTitle(block: RedlineBlock): string {
  if (block.kind !== 'recommendation') return block.kind === 'heading' ? 'Heading' : 'Text'
  if (block.status === 'moved' && block.fromNumber !== undefined) return `Recommendation ${block.number} (moved from ${block.fromNumber})`
  if (block.fromNumber !== undefined && block.fromNumber !== block.number) return `Recommendation ${block.number} (was ${block.fromNumber})`
  return `Recommendation ${block.number}`
}

const STATUS_LABEL: Record<RedlineBlock['status'], string> = {
  unchanged: 'Unchanged',
  modified: 'Modified',
  new: 'New',
  deleted: 'Deleted',
  moved: 'Moved',
}

/** One block of the comparison, inline (both sides in one text) or side by side. */
function Block({ block, layout }: { block: RedlineBlock; layout: 'inline' | 'side-by-side' }) {
  const body = (side: 'both' | 'from' | 'to') => block.paragraphs.map((p, i) => <Paragraph key={i} paragraph={p} side={side} />)
  return (
    <section className={`redline-block status-${block.status}`} data-test="redline-block" data-status={block.status}>
      {(block.kind === 'recommendation' || block.status !== 'unchanged') && (
        <h3 className="redline-block-title">
          {blockTitle(block)} <span className={`status-badge redline-status-${block.status}`}>{STATUS_LABEL[block.status]}</span>
        </h3>
      )}
      {layout === 'inline' ? (
        body('both')
      ) : (
        <div className="redline-sides">
          <div className="redline-side" aria-label="Before">
            {block.status === 'new' ? <p className="muted">(not there)</p> : body('from')}
          </div>
          <div className="redline-side" aria-label="After">
            {block.status === 'deleted' ? <p className="muted">(removed)</p> : body('to')}
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
