import { z } from 'zod';
import { operations } from '@shared/operations';
import { APP_VERSION } from '../../version';
import { API_ROUTES, type ApiRoute } from './routes';

type JsonSchema = Record<string, unknown>;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'VALIDATION',
            'NOT_FOUND',
            'CONFLICT',
            'RATE_LIMITED',
            'INTERNAL',
          ],
        },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

function inputSchema(route: ApiRoute): JsonSchema {
  return z.toJSONSchema(operations[route.operation].input as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
}

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function describe(route: ApiRoute): JsonSchema {
  const schema = inputSchema(route);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const operation = operations[route.operation];
  const parameters = [
    ...Object.entries(route.params ?? {}).map(([name, p]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: p.kind === 'int' ? 'integer' : p.kind === 'bool' ? 'boolean' : 'string' },
    })),
    ...Object.keys(route.query ?? {}).map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: properties[name] ?? { type: 'string' },
    })),
  ];
  const permission = operation.access.kind === 'permission' ? operation.access.permission : null;
  return {
    operationId: route.operation,
    summary: route.summary,
    description: permission ? `Needs the \`${permission}\` permission.` : undefined,
    tags: [route.tag],
    parameters,
    ...(route.body ? { requestBody: { required: true, content: requestContent(route, schema) } } : {}),
    responses: {
      [String(route.successStatus ?? 200)]: {
        description: 'Done',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                data: route.result
                  ? z.toJSONSchema(route.result, { io: 'output', unrepresentable: 'any' })
                  : {},
                ...(route.paged
                  ? {
                      paging: {
                        type: 'object',
                        properties: {
                          page: { type: 'integer' },
                          pageSize: { type: 'integer' },
                          total: { type: 'integer' },
                        },
                      },
                    }
                  : {}),
              },
            },
          },
        },
      },
      default: { description: 'A typed error', content: { 'application/json': { schema: ERROR_SCHEMA } } },
    },
  };
}

/** JSON always; an upload route also takes multipart/form-data with the file as a binary `file` part. */
function requestContent(route: ApiRoute, schema: JsonSchema): JsonSchema {
  if (!route.upload) return { 'application/json': { schema } };
  const multipart = {
    type: 'object',
    required: ['phoneNumberId', 'file'],
    properties: {
      phoneNumberId: { type: 'string' },
      file: { type: 'string', format: 'binary' },
      fileName: { type: 'string', description: 'Instead of the file part’s own name' },
    },
  };
  return { 'application/json': { schema }, 'multipart/form-data': { schema: multipart } };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the routes and the operations' zod schemas. */
export function openApiDocument(serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of API_ROUTES) {
    const path = openApiPath(route.path);
    paths[path] = { ...(paths[path] ?? {}), [route.method]: describe(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wapidesk API',
      version: APP_VERSION,
      description:
        'The shop’s own systems add contacts and send messages. Authenticate with `Authorization: Bearer <API token>` ' +
        '(create one in Settings or with `npm run cli -- token create`). Errors share one envelope; calls are rate limited per token (429).',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
