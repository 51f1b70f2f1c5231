import { hslToHex } from '../../charts/colors';

interface RunColorInputProps {
  /** The run id or group key. */
  id: string;
  /** The colour drawn now (hsl() or #rrggbb). */
  color: string;
  kind: 'run' | 'group';
  onChange: (id: string, hex: string) => void;
  /** Given when the user chose this colour: a button beside the input then goes back to the default. */
  onReset?: (id: string) => void;
}

/** The colour of a run or group as a native colour input (keyboard and screen-reader accessible as it is). */
export function RunColorInput({ id, color, kind, onChange, onReset }: RunColorInputProps) {
  const testProps = kind === 'run' ? { 'data-run': id } : { 'data-group': id };
  return (
    <>
      <input
        type="color"
        className="color-input"
        value={hslToHex(color)}
        onChange={(e) => onChange(id, e.target.value)}
        aria-label={`Colour of ${kind} ${id}`}
        title={`Colour of ${id}`}
        data-testid={`${kind}-color`}
        {...testProps}
      />
      {onReset && (
        <button type="button" className="color-reset" onClick={() => onReset(id)} aria-label={`Default colour for ${id}`} title="Default colour" data-testid={`${kind}-color-reset`} {...testProps}>
          ×
        </button>
      )}
    </>
  );
}
