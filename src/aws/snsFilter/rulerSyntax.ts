/**
 * The syntax check SNS runs on a filter policy, reproduced from AWS event-ruler's rule compilers
 * (SNS filtering is built on event-ruler) so that errors carry AWS's exact wording *and* the parser
 * position AWS appends. It walks Jackson-style tokens ({@link JacksonCursor}) in the same order as
 * event-ruler, because the order decides both which error wins and where the pointer stands.
 *
 * SNS runs an older event-ruler than EventBridge does, and the recorded AWS errors show it: the
 * object form of `anything-but` accepts only `prefix` ("Unsupported anything-but pattern: suffix"),
 * whose type error still says "prefix match pattern must be a string", and numbers must lie in
 * ±1e9 (SNS's documented numeric range) rather than event-ruler's later ±5e9.
 *
 * event-ruler first compiles with `$or` support and, if that throws a parse error, compiles again
 * treating `$or` as a plain attribute name (AWS documents that fallback); a policy is invalid only
 * when both fail, and the error shown is the second one. IP/CIDR and number-range errors are plain
 * argument errors in event-ruler: they carry no position and never trigger the fallback.
 */
import { parseCidr } from '../ruler/ip';
import { numericRange, readNumericExpression } from '../ruler/numericExpression';
import { RESERVED_IN_OR } from '../ruler/reserved';
import { isNumericToken, type JsonToken } from '../ruler/tokens';
import { NUMBER_LIMIT } from './constants';
import { JacksonCursor } from './jacksonCursor';

/** A syntax error as event-ruler raises it. */
export interface RulerError {
  /** event-ruler's message. */
  readonly message: string;
  /** Jackson's column for parse errors; absent for argument errors, which AWS shows bare. */
  readonly column?: number;
}

/** The outcome of the syntax check: an error, or which reading of `$or` succeeded. */
export type RulerCheck = { readonly error: RulerError } | { readonly orOperator: boolean };

class ParseFailure {
  constructor(readonly error: RulerError) {}
}

/** A Jackson parse error at the reader's current position (event-ruler's `barf`). */
function barf(p: JacksonCursor, message: string): never {
  throw new ParseFailure({ message, column: p.column() });
}

/** An IllegalArgumentException escaping the compiler: no position, no `$or` fallback. */
class ArgumentFailure {
  constructor(readonly message: string) {}
}

/**
 * event-ruler's out-of-range wording with SNS's documented ±1e9 bounds, printed as Java prints
 * doubles (`-1.0E9`). No recorded AWS case covers it, so the wording is inferred, not observed.
 */
function checkNumberRange(value: number): void {
  if (value < -NUMBER_LIMIT || value > NUMBER_LIMIT) {
    throw new ArgumentFailure('Value must be between -1.0E9 and 1.0E9, inclusive');
  }
}

/** An argument error without position (event-ruler's `IllegalArgumentException`). */
function argumentFailure(message: string): never {
  throw new ArgumentFailure(message);
}

/** Checks a written bound of a numeric range as a double, returning its value. */
function checkBound(text: string): number {
  const value = Number(text);
  checkNumberRange(value);
  return value;
}

/** Inside numeric expressions, argument errors are caught and re-raised at the current position. */
function atPosition(p: JacksonCursor, check: () => void): void {
  try {
    check();
  } catch (e) {
    if (e instanceof ArgumentFailure) barf(p, e.message);
    throw e;
  }
}

class RuleCompiler {
  constructor(
    private readonly p: JacksonCursor,
    private readonly orOperator: boolean,
  ) {}

  compile(): void {
    if (this.p.nextToken() !== 'START_OBJECT') barf(this.p, 'Filter is not an object');
    this.parseObject(false);
  }

  private parseObject(insideOr: boolean): void {
    const p = this.p;
    let fieldsPresent = false;
    while (p.nextToken() !== 'END_OBJECT') {
      fieldsPresent = true;
      const step = p.name;
      if (this.orOperator && step === '$or') {
        this.parseOr();
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(step)) {
        barf(p, `${step} is Ruler reserved fieldName which cannot be used inside $or.`);
      }
      const token = p.nextToken();
      if (token === 'START_OBJECT') this.parseObject(insideOr);
      else if (token === 'START_ARRAY') this.writeRules();
      else barf(p, `"${step}" must be an object or an array`);
    }
    if (!fieldsPresent) barf(p, 'Empty objects are not allowed');
  }

  private parseOr(): void {
    const p = this.p;
    if (p.nextToken() !== 'START_ARRAY') barf(p, 'It must be an Array followed with $or.');
    let alternatives = 0;
    let token: JsonToken | undefined;
    while ((token = p.nextToken()) !== 'END_ARRAY') {
      alternatives += 1;
      if (token !== 'START_OBJECT') {
        barf(p, 'Only JSON object is allowed in array of $or relationship.');
      }
      this.parseObject(true);
    }
    if (alternatives < 2) barf(p, 'There must have at least 2 Objects in $or relationship.');
  }

  private writeRules(): void {
    const p = this.p;
    let values = 0;
    let token: JsonToken | undefined;
    while ((token = p.nextToken()) !== 'END_ARRAY') {
      values += 1;
      if (token === 'START_OBJECT') this.matchExpression();
      else if (token === 'VALUE_STRING' || isNumericToken(token)) p.getText();
      else if (token !== 'VALUE_NULL' && token !== 'VALUE_TRUE' && token !== 'VALUE_FALSE') {
        barf(p, 'Match value must be String, number, true, false, or null');
      }
    }
    if (values === 0) barf(p, 'Empty arrays are not allowed');
  }

  private matchExpression(): void {
    const p = this.p;
    if (p.nextToken() !== 'FIELD_NAME') barf(p, 'Match expression name not found');
    const type = p.name;
    switch (type) {
      case 'prefix':
      case 'suffix':
      case 'equals-ignore-case':
        if (p.nextToken() !== 'VALUE_STRING') barf(p, `${type} match pattern must be a string`);
        p.getText();
        return this.expectEnd('Only one key allowed in match expression');
      case 'numeric': {
        const terms = readNumericExpression(p, (message) => barf(p, message));
        atPosition(p, () => numericRange(terms, NUMBER_LIMIT, checkBound, argumentFailure));
        return this.expectEnd('Too many elements in numeric expression');
      }
      case 'anything-but':
        return this.anythingBut();
      case 'exists': {
        const token = p.nextToken();
        if (token !== 'VALUE_TRUE' && token !== 'VALUE_FALSE') {
          barf(p, 'exists match pattern must be either true or false.');
        }
        return this.expectEnd('Only one key allowed in match expression');
      }
      case 'cidr': {
        // event-ruler reuses the prefix wording here; AWS's recorded error shows it.
        if (p.nextToken() !== 'VALUE_STRING') barf(p, 'prefix match pattern must be a string');
        const cidr = parseCidr(p.getText());
        if (!cidr.ok) throw new ArgumentFailure(cidr.message);
        return this.expectEnd('Only one key allowed in match expression');
      }
      default:
        barf(p, `Unrecognized match type ${type}`);
    }
  }

  private expectEnd(message: string): void {
    if (this.p.nextToken() !== 'END_OBJECT') barf(this.p, message);
  }

  private anythingBut(): void {
    const p = this.p;
    const token = p.nextToken();
    if (token === 'START_OBJECT') {
      if (p.nextToken() !== 'FIELD_NAME') barf(p, 'Anything-But expression name not found');
      if (p.name !== 'prefix') barf(p, `Unsupported anything-but pattern: ${p.name}`);
      if (p.nextToken() !== 'VALUE_STRING') barf(p, 'prefix match pattern must be a string');
      if (p.getText() === '') barf(p, 'Null prefix not allowed');
      this.expectEnd('Only one key allowed in match expression');
      return this.expectEnd('Only one key allowed in match expression');
    }
    if (token === 'START_ARRAY') this.anythingButList();
    else if (token === 'VALUE_STRING') p.getText();
    else if (isNumericToken(token)) checkNumberRange(p.getNumber());
    else barf(p, 'Value of anything-but must be an array or single string/number value.');
    this.expectEnd('Too many elements in numeric expression');
  }

  private anythingButList(): void {
    const p = this.p;
    let hasNumber = false;
    let hasString = false;
    let token: JsonToken | undefined;
    while ((token = p.nextToken()) !== 'END_ARRAY') {
      if (token === 'VALUE_STRING') {
        p.getText();
        hasString = true;
      } else if (isNumericToken(token)) {
        atPosition(p, () => checkNumberRange(p.getNumber()));
        hasNumber = true;
      } else {
        barf(p, 'Inside anything but list, start|null|boolean is not supported.');
      }
    }
    if (hasNumber === hasString) {
      barf(
        p,
        'Inside anything but list, either all values are number or string, mixed type is not supported',
      );
    }
  }
}

function runCompiler(json: string, orOperator: boolean): RulerError | undefined {
  try {
    new RuleCompiler(new JacksonCursor(json), orOperator).compile();
    return undefined;
  } catch (e) {
    if (e instanceof ParseFailure) return e.error;
    if (e instanceof ArgumentFailure) return { message: e.message };
    throw e;
  }
}

/**
 * Checks a policy's compact JSON as SNS's rule compiler does: with `$or` as an operator, then, if
 * that fails to parse and the policy uses `$or`, with `$or` as an ordinary attribute name.
 */
export function checkRuleSyntax(json: string): RulerCheck {
  const first = runCompiler(json, true);
  if (first === undefined) return { orOperator: true };
  if (first.column === undefined || !json.includes('"$or":')) return { error: first };
  const second = runCompiler(json, false);
  return second === undefined ? { orOperator: false } : { error: second };
}
