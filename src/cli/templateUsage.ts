/** How to call `npm run sim -- template` (see template.ts). */
export const TEMPLATE_USAGE = `  npm run sim -- template <file or folder>... [--set <param>=<value>]... [--duration <seconds>] [--seed <n>] [--json] [--check]

  template: imports a SAM or CloudFormation template (a file, or a folder with its state machine
  and OpenAPI files) and runs it; its JSON has resources: { simulated, notSimulated, unresolved }
  --check      run each template briefly (--duration, default 20 s) and print per template:
               simulated in full, in part (which resources not, why), or refused (why); totals`;
