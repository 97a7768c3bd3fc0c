/**
 * An Amazon States Language definition as a graph to lay out, the way the Step Functions console
 * draws a workflow: a Start and an End, one box per state, a Parallel as a frame holding its
 * branches side by side (each branch a column), a Map as a frame holding one iteration, Choice
 * edges labelled with their rules, Catch edges apart from the normal flow. Pure data: `layout.ts`
 * hands it to ELK and `WorkflowCanvas.tsx` draws the result.
 */
import type {
  ChoiceRuleDefinition,
  StateDefinition,
  StateMachineDefinition,
  SubMachineDefinition,
} from '../../aws/stepFunctions';

/** A box of the workflow: a state, a branch column, or the Start/End marks. */
export interface WorkflowBox {
  /** Unique in the graph: a state's name is unique in a definition (ASL requires it). */
  id: string;
  kind: 'start' | 'end' | 'state' | 'frame' | 'branch';
  label: string;
  /** The state's Type (Task, Choice, Parallel, ...), for states and frames. */
  stateType?: StateDefinition['Type'];
  /** The state's name (for counts): states and frames only. */
  state?: string;
  /** The box it sits in (a frame or a branch column). */
  parent?: string;
  /** A Task's resource (its function name for lambda:invoke), shown under the name. */
  detail?: string;
}

/** An arrow between two boxes. */
export interface WorkflowArrow {
  id: string;
  source: string;
  target: string;
  kind: 'next' | 'choice' | 'default' | 'catch';
  /** A Choice rule in words, "Default", or the errors a Catch takes. */
  label?: string;
}

export interface WorkflowGraph {
  boxes: WorkflowBox[];
  arrows: WorkflowArrow[];
}

const START = '__start';
const END = '__end';

/** Builds the graph of a (valid) definition. */
export function workflowGraph(definition: StateMachineDefinition): WorkflowGraph {
  const boxes: WorkflowBox[] = [
    { id: START, kind: 'start', label: 'Start' },
    { id: END, kind: 'end', label: 'End' },
  ];
  const arrows: WorkflowArrow[] = [];
  const add = (a: Omit<WorkflowArrow, 'id'>) =>
    arrows.push({ ...a, id: `${a.kind}:${a.source}->${a.target}:${arrows.length}` });

  /** Adds a sub-machine's states; returns nothing (its ends link to `end`, if any). */
  const machine = (
    m: SubMachineDefinition,
    parent: string | undefined,
    end: string | undefined,
  ) => {
    for (const [name, def] of Object.entries(m.States)) {
      const container = def.Type === 'Parallel' || def.Type === 'Map';
      boxes.push({
        id: name,
        kind: container ? 'frame' : 'state',
        label: name,
        stateType: def.Type,
        state: name,
        ...(parent ? { parent } : {}),
        ...(def.Type === 'Task' ? { detail: taskDetail(def) } : {}),
      });
      if (def.Type === 'Parallel') {
        (def.Branches ?? []).forEach((branch, i) => {
          const id = `${name}#${i + 1}`;
          boxes.push({ id, kind: 'branch', label: `Branch ${i + 1}`, parent: name });
          machine(branch, id, undefined);
        });
      } else if (def.Type === 'Map') {
        const processor = def.ItemProcessor ?? def.Iterator;
        if (processor) machine(processor, name, undefined);
      }
      if (typeof def.Next === 'string') add({ source: name, target: def.Next, kind: 'next' });
      if (def.Type === 'Choice') {
        for (const rule of def.Choices ?? [])
          if (typeof rule.Next === 'string')
            add({ source: name, target: rule.Next, kind: 'choice', label: describeRule(rule) });
        if (typeof def.Default === 'string')
          add({ source: name, target: def.Default, kind: 'default', label: 'Default' });
      }
      for (const c of def.Catch ?? [])
        add({
          source: name,
          target: c.Next,
          kind: 'catch',
          label: `Catch ${c.ErrorEquals.join(', ')}`,
        });
      const terminal = def.End === true || def.Type === 'Succeed' || def.Type === 'Fail';
      if (terminal && end) add({ source: name, target: end, kind: 'next' });
    }
  };
  machine(definition, undefined, END);
  add({ source: START, target: definition.StartAt, kind: 'next' });
  return { boxes, arrows };
}

/** What a Task calls, shortly: the function for lambda:invoke, else the resource's last part. */
function taskDetail(def: StateDefinition): string {
  const resource = typeof def.Resource === 'string' ? def.Resource : '';
  const args = (def.Parameters ?? def.Arguments) as Record<string, unknown> | undefined;
  const fn = args && typeof args === 'object' ? args.FunctionName : undefined;
  if (resource.startsWith('arn:aws:states:::lambda:invoke') && typeof fn === 'string')
    return `Lambda ${fn.split(':function:')[1]?.split(':')[0] ?? fn}`;
  const parts = resource.split(':');
  return parts.slice(-2).join(':') || resource;
}

const OPERATORS: Record<string, string> = {
  StringEquals: '==',
  NumericEquals: '==',
  BooleanEquals: '==',
  TimestampEquals: '==',
  NumericLessThan: '<',
  NumericGreaterThan: '>',
  NumericLessThanEquals: '<=',
  NumericGreaterThanEquals: '>=',
  StringLessThan: '<',
  StringGreaterThan: '>',
  StringLessThanEquals: '<=',
  StringGreaterThanEquals: '>=',
  TimestampLessThan: '<',
  TimestampGreaterThan: '>',
  TimestampLessThanEquals: '<=',
  TimestampGreaterThanEquals: '>=',
  StringMatches: 'matches',
};

/** A Choice rule in a few words, as the console labels its edges (`$.error is present`). */
export function describeRule(rule: ChoiceRuleDefinition): string {
  if (rule.Condition !== undefined) return String(rule.Condition).replace(/^\{%\s*|\s*%\}$/g, '');
  if (rule.And) return rule.And.map(describeRule).join(' and ');
  if (rule.Or) return rule.Or.map(describeRule).join(' or ');
  if (rule.Not) return `not (${describeRule(rule.Not)})`;
  const v = rule.Variable ?? '';
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign') continue;
    if (key === 'Output') continue;
    if (key === 'IsPresent') return `${v} is ${value ? '' : 'not '}present`;
    if (key === 'IsNull') return `${v} is ${value ? '' : 'not '}null`;
    if (key.startsWith('Is'))
      return `${v} ${value ? 'is' : 'is not'} ${key.slice(2).toLowerCase()}`;
    const path = key.endsWith('Path');
    const op = OPERATORS[path ? key.slice(0, -4) : key] ?? key;
    return `${v} ${op} ${path ? String(value) : JSON.stringify(value)}`;
  }
  return v || 'rule';
}

export const START_ID = START;
export const END_ID = END;
