interface ChipRadioGroupProps<T extends string | number> {
  /** The group's accessible name. */
  label: string;
  /** Shown before the chips, when given. */
  caption?: string;
  className: string;
  testId?: string;
  options: readonly T[];
  value: T;
  optionLabel: (option: T) => string;
  optionTestId: (option: T) => string;
  onChange: (option: T) => void;
}

/** A row of chips of which exactly one is on: the timeline, the x-axis mode, the history length. */
export function ChipRadioGroup<T extends string | number>({
  label,
  caption,
  className,
  testId,
  options,
  value,
  optionLabel,
  optionTestId,
  onChange,
}: ChipRadioGroupProps<T>) {
  return (
    <div className={className} role="radiogroup" aria-label={label} data-testid={testId}>
      {caption !== undefined && <span>{caption}</span>}
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          className={`chip ${value === option ? 'on' : ''}`}
          data-testid={optionTestId(option)}
          onClick={() => onChange(option)}
        >
          {optionLabel(option)}
        </button>
      ))}
    </div>
  );
}
