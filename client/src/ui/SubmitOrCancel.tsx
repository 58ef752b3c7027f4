import type { ReactNode } from 'react'
import { useLocale } from '../i18n/useLocale'

/** The buttons under a small form: its primary submit button, then Cancel. */
export function SubmitOrCancel({ label, disabled, onCancel, test }: { label: ReactNode; disabled: boolean; onCancel: () => void; test: string }) {
  const { t } = useLocale()
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={disabled} data-test={test}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  )
}
