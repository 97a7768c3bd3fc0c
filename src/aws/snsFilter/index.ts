/**
 * SNS subscription filter policies, evaluated as AWS evaluates them: validation with AWS's exact
 * error wording, matching under both scopes, and user-facing explanations of mismatches.
 */
export { validateFilterPolicy } from './validate';
export { compileFilterPolicy, matchFilterPolicy } from './match';
export { explainFilterPolicyMismatch } from './explain';
export type {
  CompiledFilterPolicy,
  FilterableMessage,
  FilterPolicyExplanation,
  FilterPolicyOperation,
  FilterPolicyRejection,
  FilterPolicyScope,
  FilterPolicyValidation,
  JsonValue,
  MessageAttributes,
  MessageAttributeType,
  MessageAttributeValue,
  MessageBody,
  MismatchReason,
  NotificationAttributeValue,
  PublishAttributeValue,
  ValidateFilterPolicyOptions,
} from './types';
