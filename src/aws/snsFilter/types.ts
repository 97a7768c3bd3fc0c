/**
 * Public types of the SNS subscription filter-policy engine. They mirror the shapes SNS itself
 * uses (FilterPolicyScope values, message-attribute Type/Value pairs, InvalidParameter errors) so
 * the simulator can pass its messages through without translating them.
 */

/**
 * Which part of a message a subscription's filter policy inspects: the typed message attributes
 * (SNS's default) or the JSON message body (payload-based filtering).
 */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** The SNS message-attribute data types. Custom suffixes such as `Number.float` also occur. */
export type MessageAttributeType = 'String' | 'Number' | 'String.Array' | 'Binary';

/**
 * One message attribute as SNS delivers it in a notification (`Type`/`Value`). String.Array
 * values are JSON array text; Number values are decimal text. SNS ignores Binary attributes when
 * filtering, so their value is never read.
 */
export interface NotificationAttributeValue {
  /** The attribute's data type, optionally with a custom suffix (`Number.float`). */
  readonly Type: MessageAttributeType | `${MessageAttributeType}.${string}`;
  /** The attribute's value as text. */
  readonly Value: string;
}

/**
 * One message attribute as a publisher sends it (`DataType`/`StringValue`, the Publish API shape),
 * accepted too so the simulator can filter a publish request without reshaping it first.
 */
export interface PublishAttributeValue {
  /** The attribute's data type, optionally with a custom suffix. */
  readonly DataType: MessageAttributeType | `${MessageAttributeType}.${string}`;
  /** The value of String, Number and String.Array attributes. */
  readonly StringValue?: string;
  /** The value of Binary attributes; never inspected by filtering. */
  readonly BinaryValue?: unknown;
}

/** A message attribute in either the notification or the publish shape. */
export type MessageAttributeValue = NotificationAttributeValue | PublishAttributeValue;

/** A message's attributes by name, as filtered under the `MessageAttributes` scope. */
export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** Any JSON value, as found in a message body or a filter policy. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A message body as filtered under the `MessageBody` scope: the published text (parsed as JSON
 * here, exactly as SNS does) or an already-parsed JSON value.
 */
export type MessageBody = string | JsonValue;

/** The message a policy is evaluated against: attributes or body, according to the scope. */
export type FilterableMessage = MessageAttributes | MessageBody;

/**
 * The SNS API call that carries the policy. It only changes the error prefix: SNS words errors in
 * `Subscribe(Attributes=…)` as `Invalid parameter: Attributes Reason: …` and errors in
 * `SetSubscriptionAttributes` as `Invalid parameter: …`.
 */
export type FilterPolicyOperation = 'Subscribe' | 'SetSubscriptionAttributes';

/** Options for `validateFilterPolicy`. */
export interface ValidateFilterPolicyOptions {
  /** The API call the policy arrives in; defaults to `Subscribe`. */
  readonly operation?: FilterPolicyOperation;
}

/** A rejected filter policy, worded exactly as SNS rejects it. */
export interface FilterPolicyRejection {
  /** Always false: the policy is rejected. */
  readonly ok: false;
  /** The AWS error code (`InvalidParameter` for every filter-policy error). */
  readonly code: string;
  /** The error message's first line, exactly as AWS returns it. */
  readonly message: string;
  /**
   * The whole message as AWS returns it: for errors raised while parsing the policy JSON, SNS
   * appends the parser position (`\n at [Source: (String)"…"; line: 1, column: N]`).
   */
  readonly fullMessage: string;
  /** The parser position of the error, when AWS reports one. */
  readonly location?: { readonly line: number; readonly column: number };
}

/** The outcome of validating a filter policy. */
export type FilterPolicyValidation = { readonly ok: true } | FilterPolicyRejection;

/** Why one key of a policy did not match a message. */
export interface MismatchReason {
  /** The attribute name, or the dotted property path for body policies (`$or` for alternatives). */
  readonly key: string;
  /** The policy's condition for that key, rendered readably (`"a" or prefix "b"`). */
  readonly condition: string;
  /** What the message holds there: a value, an array of values, or undefined when absent. */
  readonly actual: unknown;
  /** A sentence for the user explaining the mismatch. */
  readonly message: string;
}

/** Whether a message matched a policy and, if not, which keys failed and why. */
export interface FilterPolicyExplanation {
  /** True when the message would be delivered to the subscription. */
  readonly matched: boolean;
  /** Empty when matched; otherwise one entry per failing key. */
  readonly reasons: readonly MismatchReason[];
}

/** A filter policy prepared once and evaluated per message by the simulator. */
export interface CompiledFilterPolicy {
  /** The scope the policy was compiled for. */
  readonly scope: FilterPolicyScope;
  /** True when SNS would deliver the message to the subscription. */
  matches(message: FilterableMessage): boolean;
  /** The same decision with the failing keys and conditions spelled out. */
  explain(message: FilterableMessage): FilterPolicyExplanation;
}
