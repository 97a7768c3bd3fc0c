/**
 * Definition validation, before anything runs: the structural rules of the Amazon States Language
 * that AWS enforces at CreateStateMachine. Each problem names the JSON path of the offending field,
 * e.g. `/States/Foo/Next: state 'Bar' does not exist`.
 */
import { parseTimestamp } from './choice';
import type { StateDefinition, StateMachineDefinition } from './types';
import { checkRetryCatch, checkRule, positiveInt } from './validateRules';

/** One problem: where (a JSON pointer into the definition) and what. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

/** Thrown by `assertValidDefinition`; its message lists every problem, one per line. */
export class DefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'DefinitionError';
  }
}

const TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const JSONPATH_ONLY = [
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'ItemsPath',
];
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];
const NEEDS_TRANSITION = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);

type Lang = 'JSONPath' | 'JSONata';

class Checker {
  readonly problems: DefinitionProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  machine(def: unknown, at: string, inherited: Lang): void {
    if (typeof def !== 'object' || def === null || Array.isArray(def))
      return this.add(at || '/', 'must be an object');
    const m = def as StateMachineDefinition;
    const lang = this.language(m.QueryLanguage, `${at}/QueryLanguage`, inherited);
    if (typeof m.States !== 'object' || m.States === null || Array.isArray(m.States)) {
      return this.add(`${at}/States`, 'must be an object of states');
    }
    const names = Object.keys(m.States);
    if (names.length === 0) this.add(`${at}/States`, 'must contain at least one state');
    if (typeof m.StartAt !== 'string') this.add(`${at}/StartAt`, 'is required');
    else if (!(m.StartAt in m.States))
      this.add(`${at}/StartAt`, `state '${m.StartAt}' does not exist`);
    if (m.TimeoutSeconds !== undefined && !positiveInt(m.TimeoutSeconds))
      this.add(`${at}/TimeoutSeconds`, 'must be a positive integer');
    for (const name of names) {
      if (name.length > 80)
        this.add(`${at}/States/${name}`, 'state names are at most 80 characters');
      this.state(m.States[name] as StateDefinition, `${at}/States/${name}`, names, lang);
    }
    if (typeof m.StartAt === 'string' && m.StartAt in m.States) this.reachability(m, at);
  }

  private language(value: unknown, at: string, inherited: Lang): Lang {
    if (value === undefined) return inherited;
    if (value !== 'JSONPath' && value !== 'JSONata') {
      this.add(at, "must be 'JSONPath' or 'JSONata'");
      return inherited;
    }
    if (inherited === 'JSONata' && value === 'JSONPath')
      this.add(at, 'a JSONPath state cannot be nested in a JSONata state machine');
    return value;
  }

  target(next: unknown, at: string, names: string[]): void {
    if (typeof next !== 'string') this.add(at, 'must be a state name');
    else if (!names.includes(next)) this.add(at, `state '${next}' does not exist`);
  }

  private state(s: StateDefinition, at: string, names: string[], inherited: Lang): void {
    if (typeof s !== 'object' || s === null) return this.add(at, 'must be an object');
    if (!TYPES.has(s.Type)) return this.add(`${at}/Type`, `unknown state type '${String(s.Type)}'`);
    const lang = this.language(s.QueryLanguage, `${at}/QueryLanguage`, inherited);
    for (const f of lang === 'JSONata' ? JSONPATH_ONLY : JSONATA_ONLY) {
      if (f in s) this.add(`${at}/${f}`, `is not allowed in a ${lang} state`);
    }
    if (lang === 'JSONata') {
      for (const f of Object.keys(s))
        if (f.endsWith('Path') && !JSONPATH_ONLY.includes(f))
          this.add(`${at}/${f}`, 'is not allowed in a JSONata state');
    }
    if (NEEDS_TRANSITION.has(s.Type)) {
      if (s.End === true && s.Next !== undefined)
        this.add(`${at}/Next`, 'cannot be combined with End');
      else if (s.End !== true && s.Next === undefined)
        this.add(at, "needs either 'Next' or 'End': true");
      if (s.Next !== undefined) this.target(s.Next, `${at}/Next`, names);
    } else if (s.Next !== undefined || s.End !== undefined) {
      this.add(
        `${at}/${s.Next !== undefined ? 'Next' : 'End'}`,
        `is not allowed in a ${s.Type} state`,
      );
    }
    checkRetryCatch(this, s, at, names);
    switch (s.Type) {
      case 'Task':
        if (typeof s.Resource !== 'string') this.add(`${at}/Resource`, 'is required');
        this.exclusive(s, at, ['TimeoutSeconds', 'TimeoutSecondsPath']);
        this.exclusive(s, at, ['HeartbeatSeconds', 'HeartbeatSecondsPath']);
        if (typeof s.TimeoutSeconds === 'number' && !positiveInt(s.TimeoutSeconds))
          this.add(`${at}/TimeoutSeconds`, 'must be a positive integer');
        if (typeof s.HeartbeatSeconds === 'number' && !positiveInt(s.HeartbeatSeconds))
          this.add(`${at}/HeartbeatSeconds`, 'must be a positive integer');
        if (
          typeof s.TimeoutSeconds === 'number' &&
          typeof s.HeartbeatSeconds === 'number' &&
          s.HeartbeatSeconds >= s.TimeoutSeconds
        ) {
          this.add(`${at}/HeartbeatSeconds`, 'must be smaller than TimeoutSeconds');
        }
        break;
      case 'Choice':
        if (!Array.isArray(s.Choices) || s.Choices.length === 0)
          this.add(`${at}/Choices`, 'must be a non-empty array');
        else
          s.Choices.forEach((r, i) => checkRule(this, r, `${at}/Choices/${i}`, names, lang, true));
        if (s.Default !== undefined) this.target(s.Default, `${at}/Default`, names);
        break;
      case 'Wait': {
        const given = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter(
          (f) => f in s,
        );
        if (given.length !== 1)
          this.add(at, 'needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath');
        if (
          lang === 'JSONPath' &&
          s.Seconds !== undefined &&
          !(Number.isInteger(s.Seconds) && (s.Seconds as number) >= 0)
        ) {
          this.add(`${at}/Seconds`, 'must be a non-negative integer');
        }
        if (
          lang === 'JSONPath' &&
          s.Timestamp !== undefined &&
          parseTimestamp(s.Timestamp) === undefined
        ) {
          this.add(`${at}/Timestamp`, 'must be an ISO-8601 extended offset date-time');
        }
        break;
      }
      case 'Fail':
        this.exclusive(s, at, ['Error', 'ErrorPath']);
        this.exclusive(s, at, ['Cause', 'CausePath']);
        break;
      case 'Parallel':
        if (!Array.isArray(s.Branches) || s.Branches.length === 0)
          this.add(`${at}/Branches`, 'must be a non-empty array');
        else s.Branches.forEach((b, i) => this.machine(b, `${at}/Branches/${i}`, lang));
        break;
      case 'Map': {
        if (s.ItemProcessor && s.Iterator)
          this.add(`${at}/Iterator`, 'cannot be combined with ItemProcessor');
        const processor = s.ItemProcessor ?? s.Iterator;
        if (!processor) this.add(at, "needs 'ItemProcessor' (or the legacy 'Iterator')");
        else
          this.machine(processor, `${at}/${s.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, lang);
        if (s.ItemSelector !== undefined && s.Parameters !== undefined)
          this.add(`${at}/Parameters`, 'cannot be combined with ItemSelector');
        this.exclusive(s, at, ['MaxConcurrency', 'MaxConcurrencyPath']);
        this.exclusive(s, at, ['ToleratedFailureCount', 'ToleratedFailureCountPath']);
        this.exclusive(s, at, ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath']);
        if (s.ItemReader && typeof s.ItemReader.Resource !== 'string')
          this.add(`${at}/ItemReader/Resource`, 'is required');
        break;
      }
    }
  }

  private exclusive(s: StateDefinition, at: string, fields: string[]): void {
    if (fields.filter((f) => f in s).length > 1)
      this.add(`${at}/${fields[1]}`, `cannot be combined with ${fields[0]}`);
  }

  private reachability(m: StateMachineDefinition, at: string): void {
    const seen = new Set<string>([m.StartAt]);
    const queue = [m.StartAt];
    while (queue.length > 0) {
      const s = m.States[queue.pop() as string];
      if (!s) continue;
      const next = [
        s.Next,
        s.Default,
        ...(s.Choices ?? []).map((c) => c.Next),
        ...(s.Catch ?? []).map((c) => c.Next),
      ];
      for (const n of next) {
        if (typeof n === 'string' && n in m.States && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    for (const name of Object.keys(m.States))
      if (!seen.has(name)) this.add(`${at}/States/${name}`, 'state is not reachable from StartAt');
  }
}

/** Every problem found in a definition (empty when it is valid). */
export function validateDefinition(definition: unknown): DefinitionProblem[] {
  const checker = new Checker();
  checker.machine(definition, '', 'JSONPath');
  return checker.problems;
}

/** Throws a DefinitionError listing every problem, if there is any. */
export function assertValidDefinition(
  definition: unknown,
): asserts definition is StateMachineDefinition {
  // Executions of one definition object are frequent (simulations, benchmarks); check it once.
  if (typeof definition === 'object' && definition !== null && validated.has(definition)) return;
  const problems = validateDefinition(definition);
  if (problems.length > 0) throw new DefinitionError(problems);
  if (typeof definition === 'object' && definition !== null) validated.add(definition);
}

const validated = new WeakSet<object>();
