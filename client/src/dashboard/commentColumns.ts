import type { Translate } from '../../../shared/i18n/translator'

/** The comment list's column names: its headers on wide screens, each card's field names on a phone. */
export const columnLabels = (t: Translate) =>
  ({
    id: t('column.id'),
    org: t('column.memberState'),
    location: t('column.location'),
    type: t('column.type'),
    comment: t('column.comment'),
    status: t('filters.status'),
  }) as const
