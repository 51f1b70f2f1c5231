import { hslToHex } from '../../charts/colors';

interface RunColorInputProps {
  /** The run id or group key. */
  id: string;
  /** The colour drawn now (hsl() or #rrggbb). */
  color: string;
  kind: 'run' | 'group';
  onChange: (id: string, hex: string) => void;
}

/** The colour of a run or group as a native colour input (keyboard and screen-reader accessible as it is). */
export function RunColorInput({ id, color, kind, onChange }: RunColorInputProps) {
  const testProps = kind === 'run' ? { 'data-testid': 'run-color', 'data-run': id } : { 'data-testid': 'group-color', 'data-group': id };
  return (
    <input
      type="color"
      className="color-input"
      value={hslToHex(color)}
      onChange={(e) => onChange(id, e.target.value)}
      aria-label={`Colour of ${kind} ${id}`}
      title={`Colour of ${id}`}
      {...testProps}
    />
  );
}
