import type { ListSort, SortKey } from './commentQuery'

/** A column header that sorts by its column; `aria-sort` tells assistive technology the current order. */
export function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: SortKey; sort: ListSort; onSort: (s: ListSort) => void }) {
  const active = sort.key === sortKey
  const next = active && sort.direction === 'ascending' ? 'descending' : 'ascending'
  return (
    <th scope="col" aria-sort={active ? sort.direction : undefined} data-test={`sort-header-${sortKey}`}>
      <button type="button" className="sort-button" onClick={() => onSort({ key: sortKey, direction: next })} data-test={`sort-${sortKey}`}>
        {label}
        <span className={`sort-indicator${active ? ' active' : ''}`} aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  )
}
