import { isObj, type Obj, type TranslateContext } from './context';
import { integrationRoute } from './cloudformation';

const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'x-amazon-apigateway-any-method',
];

/**
 * The routes of an OpenAPI definition (inline `DefinitionBody`/`Body`, or a `DefinitionUri` /
 * `AWS::Include` file): each path and method with an `x-amazon-apigateway-integration` becomes a
 * route to what the integration's `uri` (or request parameters and templates) names.
 */
export function addOpenApiRoutes(ctx: TranslateContext, api: string, body: Obj): void {
  const paths = isObj(body.paths) ? body.paths : {};
  const node = ctx.node(api);
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const [m, op] of Object.entries(item)) {
      if (!METHODS.includes(m) || !isObj(op)) continue;
      const method = m === 'x-amazon-apigateway-any-method' ? 'ANY' : m.toUpperCase();
      if (method === 'OPTIONS') continue;
      const integration = op['x-amazon-apigateway-integration'];
      if (!isObj(integration)) continue;
      integrationRoute(
        ctx,
        api,
        {
          id: `${api}${method}${path}`.replace(/[^A-Za-z0-9]/g, ''),
          type: node?.type ?? 'OpenAPI route',
          line: node?.line,
        },
        method,
        path,
        integration.type,
        integration,
      );
    }
  }
}

/**
 * The OpenAPI body of a SAM API: `DefinitionBody` (inline, or `Fn::Transform` AWS::Include of a
 * file) or `DefinitionUri` (a file next to the template). Undefined, and listed, when the file is
 * not there.
 */
export function openApiBody(
  ctx: TranslateContext,
  id: string,
  type: string,
  p: Obj,
  line: number | undefined,
): Obj | undefined {
  const inline = p.DefinitionBody ?? p.Body;
  if (isObj(inline)) {
    const transform = inline['Fn::Transform'];
    if (isObj(transform) && transform.Name === 'AWS::Include') {
      const params = isObj(transform.Parameters) ? transform.Parameters : {};
      return fileBody(ctx, id, type, params.Location, line, true);
    }
    return inline;
  }
  if (p.DefinitionUri !== undefined) return fileBody(ctx, id, type, p.DefinitionUri, line, false);
  return undefined;
}

function fileBody(
  ctx: TranslateContext,
  id: string,
  type: string,
  location: unknown,
  line: number | undefined,
  resolveIntrinsics: boolean,
): Obj | undefined {
  if (typeof location !== 'string' || location.startsWith('s3://') || location.includes('@@')) {
    ctx.arch.skip(id, type, 'its OpenAPI definition is in S3, not among the files given', line);
    return undefined;
  }
  const file = ctx.readFile(location);
  if (!file) {
    ctx.arch.skip(id, type, `its OpenAPI file ${location} is not among the files given`, line);
    return undefined;
  }
  // AWS::Include files are read with the template's intrinsics; a DefinitionUri file is not
  // (SAM takes it as it is), but a reference in it can only mean the same thing.
  const body = resolveIntrinsics
    ? ctx.resolve(file.body, `${id}.${location}`)
    : ctx.resolve(file.body, `${id}.${location}`);
  return isObj(body) ? body : undefined;
}
