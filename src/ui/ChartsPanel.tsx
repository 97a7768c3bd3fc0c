import { useSim } from '../state';
import { TimeChart } from './TimeChart';

/** The pattern's charts, side by side, scrolling with the simulation. */
export function ChartsPanel({ dark }: { dark: boolean }) {
  const charts = useSim((s) => s.pattern.charts);
  return (
    <div className="charts" role="group" aria-label="Charts">
      {charts.map((spec) => (
        <TimeChart key={spec.id} spec={spec} dark={dark} />
      ))}
    </div>
  );
}
