/** One option of a select: the value kept in state and the words shown. */
export interface Choice<V extends string> {
  value: V
  label: string
}

interface Props<V extends string> {
  label: string
  value: V
  choices: readonly Choice<V>[]
  onChange: (value: V) => void
  dataTest: string
  autoFocus?: boolean
}

/** A select inside its visible label; the value is one of the given choices. */
export function LabeledSelect<V extends string>({ label, value, choices, onChange, dataTest, autoFocus }: Props<V>) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as V)} autoFocus={autoFocus} data-test={dataTest}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Choices from a list of values and how each is named, e.g. every disposition. */
export function choicesOf<V extends string>(values: readonly V[], label: (value: V) => string): Choice<V>[] {
  return values.map((value) => ({ value, label: label(value) }))
}
