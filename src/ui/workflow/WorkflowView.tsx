import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { WorkflowCanvas, type StateMark } from '../../canvas/workflow/WorkflowCanvas';
import type { ExecutionRecord } from '../../kit';
import { useSim, useSimulator } from '../../state';
import {
  currentVisit,
  ExecutionFollower,
  stateMachineOf,
  workflowNodeId,
} from '../../state/workflow';
import { HistoryTable, StateIOPanel } from './FollowPanel';

/** Which states the followed execution visited, is in, or failed in. */
function marksOf(record: ExecutionRecord | undefined): Record<string, StateMark> {
  const marks: Record<string, StateMark> = {};
  if (!record) return marks;
  const open = new Set<string>();
  for (const s of record.steps) {
    if (s.type === 'entered') {
      open.add(s.state);
      marks[s.state] = 'visited';
    } else if (s.type === 'exited' || s.type === 'aborted') open.delete(s.state);
    else if (s.type === 'failed') {
      open.delete(s.state);
      marks[s.state] = 'failed';
    }
  }
  for (const s of open) marks[s] = 'current';
  return marks;
}

/** The states an execution entered, in the order it first entered them. */
function visitedStates(record: ExecutionRecord): string[] {
  const names: string[] = [];
  for (const s of record.steps)
    if (s.type === 'entered' && !names.includes(s.state)) names.push(s.state);
  return names;
}

/** The last `entered` step of `state` in the record. */
function lastVisit(record: ExecutionRecord, state: string): number | undefined {
  for (let i = record.steps.length - 1; i >= 0; i--) {
    const s = record.steps[i];
    if (s?.type === 'entered' && s.state === state) return i;
  }
  return undefined;
}

/**
 * The "Workflow" view: the state machine's workflow with live counts, and one execution
 * followed state by state (Step advances it one transition while the rest of the run waits).
 */
export function WorkflowView({ dark }: { dark: boolean }) {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  // Re-read the node's numbers at each publish (about ten times a second while running).
  const version = useSim((s) => s.chartVersion + s.runVersion * 1e9 + s.live.eventsRun);
  const nodeId = workflowNodeId(pattern);
  const node = nodeId ? stateMachineOf(sim.run, nodeId) : undefined;
  const [follower, setFollower] = useState<ExecutionFollower | null>(null);
  // Bumped on each Step (the follower's cursor moves without a publish).
  const [shown, setShown] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** The height the workflow asks for at the zoom its width allows (see WorkflowCanvas). */
  const [canvasHeight, setCanvasHeight] = useState<number | null>(null);
  const runVersion = useSim((s) => s.runVersion);
  const nodeStats = useSim((s) => {
    const id = workflowNodeId(s.pattern);
    return id ? s.live.nodeStats[id] : undefined;
  });
  // A new run (reset, new parameters that restart, an import) has other executions.
  useEffect(() => {
    setFollower(null);
    setSelected(null);
    setMessage(null);
  }, [runVersion]);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stats = useMemo(() => node?.stateStats(), [node, version]);
  const executions = node?.recentExecutions() ?? [];
  const followed = follower && follower.nodeId === nodeId ? follower : null;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const record = useMemo(() => followed?.view(sim.run), [followed, shown, version, sim]);
  const marks = useMemo(() => marksOf(record), [record]);
  if (!node || !nodeId) return null;
  const definition = node.definition();

  /** Runs (paused) until the next execution starts and follows it from its first state. */
  const followNew = (): ExecutionRecord | undefined => {
    const known = new Set(node.recentExecutions().map((r) => r.name));
    const fresh = () => node.recentExecutions().find((r) => !known.has(r.name) && !r.duplicate);
    sim.advanceUntil(() => fresh() !== undefined, 5_000_000);
    const r = fresh();
    if (r) {
      setFollower(new ExecutionFollower(nodeId, r.msgId, r));
      setSelected(null);
      setMessage(null);
    } else setMessage('No new execution started: is the rate 0, or the run over?');
    return r;
  };

  const onStep = () => {
    if (!followed) {
      followNew();
      return;
    }
    if (!followed.step(sim)) {
      const r = followed.record(sim.run);
      setMessage(
        r
          ? `${r.name} has ended (${r.status}). Start another one.`
          : 'The execution is no longer kept.',
      );
      return;
    }
    setMessage(null);
    setSelected(null);
    setShown((n) => n + 1);
  };

  const selectedState =
    selected ?? (record ? (record.steps[currentVisit(record) ?? -1]?.state ?? null) : null);
  const enteredAt = record && selectedState ? lastVisit(record, selectedState) : undefined;

  return (
    <div className="wf-view">
      <div
        className="wf-canvas"
        aria-label="Workflow"
        style={canvasHeight ? ({ '--wf-h': `${canvasHeight}px` } as CSSProperties) : undefined}
      >
        <QuotaStrip stats={nodeStats} />
        <WorkflowCanvas
          definition={definition}
          colorMode={dark ? 'dark' : 'light'}
          {...(stats ? { stats } : {})}
          marks={marks}
          selectedState={selectedState}
          onSelectState={setSelected}
          onHeight={setCanvasHeight}
        />
      </div>
      <aside className="wf-follow" aria-label="Follow one execution">
        <div className="wf-follow-bar">
          <label className="wf-pick">
            <span>Execution</span>
            <select
              value={followed?.msgId ?? ''}
              onChange={(e) => {
                const msgId = Number(e.target.value);
                const r = e.target.value === '' ? undefined : node.executionHistory(msgId);
                setFollower(r ? new ExecutionFollower(nodeId, msgId, r) : null);
                setSelected(null);
                setMessage(null);
              }}
            >
              <option value="">The next one to start</option>
              {executions
                .filter((r) => !r.duplicate)
                .map((r) => (
                  <option key={r.name} value={r.msgId}>
                    {r.name} · {r.status}
                  </option>
                ))}
            </select>
          </label>
          <button type="button" className="btn" onClick={onStep}>
            Step execution
          </button>
          <button type="button" className="btn" onClick={() => followNew()}>
            Start one
          </button>
        </div>
        {message && (
          <p role="status" className="text-[12px]">
            {message}
          </p>
        )}
        {record ? (
          <>
            <p className="text-[12px]" data-testid="wf-followed">
              <strong>{record.name}</strong> · {record.status}
              {record.error ? ` · ${record.error}` : ''} · {record.steps.length} steps
            </p>
            <label className="wf-pick">
              <span>State (or click one in the workflow)</span>
              <select
                value={selectedState ?? ''}
                onChange={(e) => setSelected(e.target.value || null)}
              >
                {visitedStates(record).map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <StateIOPanel record={record} definition={definition} enteredAt={enteredAt} />
            <details className="wf-history-details">
              <summary>Execution history ({record.history?.length ?? 0} events)</summary>
              <HistoryTable record={record} />
            </details>
          </>
        ) : (
          <p className="text-muted text-[12px]">
            “Start one” runs until the next execution starts and follows it (or pick one above);
            “Step execution” then advances it one state transition at a time while the rest of the
            run waits, paused. Click a state it visited to see that state&rsquo;s input and output.
          </p>
        )}
      </aside>
    </div>
  );
}

/** The whole state machine at a glance: executions by status, and the quotas' refusals. */
function QuotaStrip({ stats }: { stats: Record<string, number> | undefined }) {
  if (!stats) return null;
  const items: [string, number | undefined, string, string?][] = [
    ['running', stats.running, 'Executions running now'],
    ['succeeded', stats.succeeded, 'Executions that succeeded', 'good'],
    [
      'failed',
      (stats.failed ?? 0) + (stats.timedOut ?? 0),
      'Executions that failed or timed out',
      'bad',
    ],
    [
      'StartExecution throttled',
      stats.startThrottled,
      'Starts refused with ThrottlingException (StartExecution quota)',
      'bad',
    ],
    [
      'ExecutionLimitExceeded',
      stats.executionLimitExceeded,
      'Starts refused: too many open executions',
      'bad',
    ],
    [
      'transitions throttled',
      stats.throttledTransitions,
      'State transitions past the quota: those executions were slowed down',
      'warn',
    ],
  ];
  return (
    <ul className="wf-strip" aria-label="State machine totals">
      {items
        .filter(([, v], i) => i < 3 || (v ?? 0) > 0)
        .map(([label, value, title, tone]) => (
          <li key={label} title={title} data-tone={tone}>
            <span className="wf-strip-n">{(value ?? 0).toLocaleString('en-US')}</span> {label}
          </li>
        ))}
    </ul>
  );
}
