/**
 * `validateFilterPolicy`: decides whether SNS would accept a filter policy and, if not, returns
 * the error exactly as SNS words it. SNS re-serialises the policy compactly, runs event-ruler's
 * rule compiler over it (syntax, operators, numbers, CIDR blocks), then applies its own limits
 * (five keys, no nesting under MessageAttributes, 150 combinations).
 */
import { jacksonSourceRef } from '../ruler/errors';
import { findLimitViolation, type LimitViolation } from './limits';
import { checkRuleSyntax, type RulerError } from './rulerSyntax';
import type {
  FilterPolicyOperation,
  FilterPolicyRejection,
  FilterPolicyScope,
  FilterPolicyValidation,
  ValidateFilterPolicyOptions,
} from './types';

/** The error code SNS returns for every filter-policy problem. */
export const INVALID_PARAMETER = 'InvalidParameter';

const LIMIT_MESSAGES: Readonly<Record<LimitViolation, string>> = {
  'too-many-keys': 'FilterPolicy: Filter policy can not have more than 5 keys',
  // SNS words this one without the "FilterPolicy: " label.
  'nested-attributes':
    'Filter policy scope MessageAttributes does not support nested filter policy',
  'too-complex': 'FilterPolicy: Filter policy is too complex',
};

/** `Subscribe` reports attribute errors under an "Attributes Reason" heading. */
function errorPrefix(operation: FilterPolicyOperation): string {
  return operation === 'Subscribe'
    ? 'Invalid parameter: Attributes Reason: '
    : 'Invalid parameter: ';
}

function reject(message: string, detail = '', column?: number): FilterPolicyRejection {
  return {
    ok: false,
    code: INVALID_PARAMETER,
    message,
    fullMessage: message + detail,
    ...(column === undefined ? {} : { location: { line: 1, column } }),
  };
}

/** Jackson's location suffix, including its truncation of long sources. */
function jacksonSource(json: string, column: number): string {
  return `\n at ${jacksonSourceRef(json, 1, column)}`;
}

function rulerRejection(prefix: string, json: string, error: RulerError): FilterPolicyRejection {
  const message = `${prefix}FilterPolicy: ${error.message}`;
  return error.column === undefined
    ? reject(message)
    : reject(message, jacksonSource(json, error.column), error.column);
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a filter policy (the parsed JSON object a subscription's `FilterPolicy` attribute
 * holds) for a scope, returning `{ ok: true }` or SNS's `InvalidParameter` error with its exact
 * message. The empty policy `{}` is accepted: it means "no filtering", as an absent policy does.
 */
export function validateFilterPolicy(
  policy: unknown,
  scope: FilterPolicyScope,
  options: ValidateFilterPolicyOptions = {},
): FilterPolicyValidation {
  const prefix = errorPrefix(options.operation ?? 'Subscribe');
  const scopeText: string = scope;
  if (scopeText !== 'MessageAttributes' && scopeText !== 'MessageBody') {
    return reject(
      `${prefix}FilterPolicyScope: Invalid value [${scopeText}]. Please use either MessageBody or MessageAttributes`,
    );
  }
  if (isPlainObject(policy) && Object.keys(policy).length === 0) return { ok: true };
  // SNS parses the compact form (AWS's error sources show no whitespace); values JSON cannot
  // express are serialised the way JSON.stringify does, as the policy would be sent.
  const json = JSON.stringify(policy) ?? 'null';
  const syntax = checkRuleSyntax(json);
  if ('error' in syntax) return rulerRejection(prefix, json, syntax.error);
  // Check the limits on what the compiler saw, so both agree on keys JSON drops (undefined values).
  const parsed: unknown = JSON.parse(json);
  if (!isPlainObject(parsed)) return { ok: true }; // unreachable: the syntax check demands an object
  const violation = findLimitViolation(parsed, scope, syntax.orOperator);
  return violation === undefined ? { ok: true } : reject(prefix + LIMIT_MESSAGES[violation]);
}
