/**
 * Importing SAM and CloudFormation templates: read (parse.ts), resolve intrinsics
 * (intrinsics.ts), translate SAM and CloudFormation resources into an architecture (sam.ts,
 * cloudformation.ts, openapi.ts, stateMachines.ts), add the edges permissions imply (infer.ts),
 * and make a kit pattern of it (toDefinition.ts) that runs like the built-in ones.
 */
export { parseFile, TemplateError, type ParsedFile } from './parse';
export { Resolver, refsIn, refMarker, type Unresolved } from './intrinsics';
export {
  importTemplate,
  findTemplate,
  type ImportedTemplate,
  type ResourceReport,
  type ImportOptions,
} from './translate';
export { toDefinition, toPattern, templatePatternId, TEMPLATE_HANDLERS } from './toDefinition';
export type { TemplateFiles } from './context';
export type { Arch, ArchEdge, ArchNode, NotSimulated } from './model';
export { templatePattern, checkTemplate, ledgerBalances, type TemplateCheck } from './check';
export {
  patternFromPayload,
  templatePayload,
  type ImportedInfo,
  type TemplatePayload,
} from './linkPayload';
