import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The small SAM template the tests import (API → function → queue → state machine), by folder. */
export const ORDERS_TEMPLATE_DIR = resolve(
  import.meta.dirname,
  '../src/cli/fixtures/orders-template',
);

/** Its files as the importer takes them: the template and the state machine it points to. */
export function ordersTemplateFiles(): Record<string, string> {
  const read = (path: string) => readFileSync(resolve(ORDERS_TEMPLATE_DIR, path), 'utf8');
  return {
    'template.yaml': read('template.yaml'),
    'statemachine/shipping.asl.json': read('statemachine/shipping.asl.json'),
  };
}
