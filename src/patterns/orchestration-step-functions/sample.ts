import type { ImportedWorkflow } from './imported';

/**
 * A small JSONata workflow to try Import ASL with (and the tests' fixture): a priced item, a
 * Choice on the price, a second Task for the expensive ones.
 */
export const SAMPLE: ImportedWorkflow = {
  definition: {
    QueryLanguage: 'JSONata',
    StartAt: 'Price',
    States: {
      Price: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: {
          FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Pricer',
          Payload: '{% $states.input %}',
        },
        Output: '{% $states.result.Payload %}',
        Next: 'Expensive?',
      },
      'Expensive?': {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.price > 100 %}', Next: 'Approve' }],
        Default: 'Done',
      },
      Approve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Arguments: { QueueUrl: 'q', MessageBody: '{% $string($states.input) %}' },
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  },
  input: { item: 'lamp' },
  tasks: {
    'arn:aws:lambda:us-east-1:123456789012:function:Pricer': {
      result: { price: 150, 'item.$': '$.item' },
      durationMs: 40,
    },
  },
};
