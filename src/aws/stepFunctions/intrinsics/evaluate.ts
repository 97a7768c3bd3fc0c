/**
 * Evaluates an intrinsic expression against a state input. Every failure surfaces as
 * `StatesError('States.Runtime', "The function '<expression>' had the following error: <detail>")`,
 * the wording AWS uses (the interpreter prefixes "An error occurred while executing the state ...").
 */
import { toJsonText } from '../paths/json';
import { tryReadPath } from '../paths/read';
import { StatesError } from '../statesError';
import { IntrinsicFailure, type IntrinsicContext, type IntrinsicImpl } from './context';
import { arrayFunctions } from './functions/arrays';
import { jsonFunctions } from './functions/json';
import { mathFunctions } from './functions/math';
import { stringFunctions } from './functions/strings';
import {
  IntrinsicSyntaxError,
  parseIntrinsic,
  type IntrinsicArg,
  type IntrinsicCall,
} from './parser';

const FUNCTIONS: Record<string, IntrinsicImpl> = {
  ...arrayFunctions,
  ...jsonFunctions,
  ...mathFunctions,
  ...stringFunctions,
};

/** The cause AWS gives for any failed intrinsic, naming the whole expression as written. */
export function intrinsicFailureCause(expression: string, detail: string): string {
  return `The function '${expression}' had the following error: ${detail}`;
}

/**
 * The detail AWS gives when a path argument selects nothing. `$$.X` paths are reported rewritten
 * as `$.X`, and the document quoted is always the state input.
 */
export function missingArgumentDetail(path: string, input: unknown): string {
  const shown = path.startsWith('$$') ? path.slice(1) : path;
  return `The JsonPath argument for the field '${shown}' could not be found in the input '${toJsonText(input)}'`;
}

/**
 * Evaluates an intrinsic call such as `States.Format('Hello {}', $.name)`: `input` is what `$`
 * refers to; `ctx` supplies `$$` (context), `$name` (variables) and `random` (for States.UUID and
 * unseeded States.MathRandom). Throws StatesError('States.Runtime', ...) on any failure.
 */
export function evaluateIntrinsic(
  expression: string,
  input: unknown,
  ctx: IntrinsicContext,
): unknown {
  try {
    return evaluateCall(parseIntrinsic(expression), input, ctx);
  } catch (e) {
    if (e instanceof IntrinsicFailure || e instanceof IntrinsicSyntaxError) {
      throw new StatesError(
        'States.Runtime',
        intrinsicFailureCause(expression, e instanceof IntrinsicFailure ? e.detail : e.message),
      );
    }
    if (e instanceof StatesError)
      throw new StatesError(e.error, intrinsicFailureCause(expression, e.cause));
    throw e;
  }
}

/** Evaluates an already parsed call (see parseIntrinsic). Throws IntrinsicFailure / StatesError. */
export function evaluateCall(call: IntrinsicCall, input: unknown, ctx: IntrinsicContext): unknown {
  const args = call.args.map((arg) => evaluateArg(arg, input, ctx));
  const impl = FUNCTIONS[call.name];
  if (!impl) throw new IntrinsicFailure(`Unknown intrinsic function ${call.name}`);
  return impl(args, call, ctx);
}

function evaluateArg(arg: IntrinsicArg, input: unknown, ctx: IntrinsicContext): unknown {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'call') return evaluateCall(arg.call, input, ctx);
  const result = tryReadPath(arg.path, input, ctx, { strictIndex: true });
  if (!result.found) throw new IntrinsicFailure(missingArgumentDetail(arg.path, input));
  return result.value;
}
