/** The comment list's column names: its headers on wide screens, each card's field names on a phone. */
export const COLUMN_LABEL = {
  id: 'ID',
  org: 'Member State',
  location: 'Location',
  type: 'Type',
  comment: 'Comment',
  status: 'Status',
} as const
