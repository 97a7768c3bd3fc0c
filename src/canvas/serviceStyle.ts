import type { ServiceKind } from '../patterns';

/** AWS's category colours, by service kind (the icons and node accents use them). */
export const CATEGORY_COLOUR: Record<ServiceKind, string> = {
  user: '#7D8998',
  apiGateway: '#8C4FFF',
  lambda: '#ED7100',
  ec2: '#ED7100',
  sqs: '#E7157B',
  sns: '#E7157B',
  eventBridge: '#E7157B',
  stepFunctions: '#E7157B',
  aurora: '#3B48CC',
  email: '#DD344C',
};

/** The service's name as a reader knows it (shown small above the node's own label). */
export const SERVICE_NAME: Record<ServiceKind, string> = {
  user: 'Client',
  apiGateway: 'Amazon API Gateway',
  lambda: 'AWS Lambda',
  ec2: 'Amazon EC2',
  sqs: 'Amazon SQS',
  sns: 'Amazon SNS',
  eventBridge: 'Amazon EventBridge',
  stepFunctions: 'AWS Step Functions',
  aurora: 'Amazon Aurora',
  email: 'Amazon SES',
};

/** Dot colours by HopKind (neutral, success, retry, failure, filtered), for light and dark. */
export const DOT_COLOURS = {
  light: ['#475569', '#16a34a', '#d97706', '#dc2626', '#a1a1aa'],
  dark: ['#cbd5e1', '#4ade80', '#fbbf24', '#f87171', '#71717a'],
} as const;

/** What each dot colour means, for the legend. */
export const DOT_LEGEND = [
  'in flight',
  'succeeded',
  'retried',
  'failed / dead-lettered',
  'filtered out',
] as const;
