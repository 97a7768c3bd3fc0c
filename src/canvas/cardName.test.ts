import { describe, expect, it } from 'vitest';
import { nameWords } from './CardName';

const shown = (name: string) =>
  nameWords(name)
    .map((parts) => parts.join('|'))
    .join(' ');

describe('nameWords', () => {
  it('splits at spaces, keeping quotes with their word', () => {
    expect(shown('Lambda "Customer"')).toBe('Lambda "Customer"');
    expect(shown('SNS  topic "Payments"')).toBe('SNS topic "Payments"');
  });
  it('breaks a word after a hyphen, slash or underscore, and between camel-case words', () => {
    expect(shown('SQS "Sales-DLQ"')).toBe('SQS "Sales-|DLQ"');
    expect(shown('/payments/{id}')).toBe('/payments/|{id}');
    expect(shown('order_events')).toBe('order_|events');
    expect(shown('"CustomerNotificationService"')).toBe('"Customer|Notification|Service"');
  });
  it('never splits inside a word', () => {
    for (const word of ['Aurora', 'SQSQueue', 'DLQ', '"Payments"', 'v2', '-']) {
      expect(nameWords(word)).toEqual([[word]]);
    }
  });
});
