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

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** The input's JSON schema without the fields the path fills: those are not the body's to give. */
function bodySchema(route: ApiRoute, input: JsonSchema): JsonSchema {
  const fromPath = new Set(Object.values(route.params ?? {}).map((p) => p.field));
  const properties = Object.fromEntries(
    Object.entries((input.properties ?? {}) as Record<string, JsonSchema>).filter(
      ([name]) => !fromPath.has(name),
    ),
  );
  const required = ((input.required ?? []) as string[]).filter((name) => !fromPath.has(name));
  return { ...input, properties, ...(required.length ? { required } : { required: undefined }) };
}

const PAGING: JsonSchema = {
  type: 'object',
  required: ['page', 'pageSize', 'total'],
  properties: {
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: 'integer' },
  },
  additionalProperties: false,
};

/** The success answer: `{ data }`, or `{ data, paging }` for a paged result, from the operation's output schema. */
function successSchema(route: ApiRoute): JsonSchema {
  const output = operations[route.operation].output as z.ZodType | undefined;
  const result = output ? jsonSchemaOf(output, 'output') : {};
  if (route.paged) {
    const items = ((result.properties ?? {}) as Record<string, JsonSchema>).items ?? { type: 'array' };
    return {
      type: 'object',
      required: ['data', 'paging'],
      properties: { data: items, paging: PAGING },
      additionalProperties: false,
    };
  }
  return { type: 'object', required: ['data'], properties: { data: result }, additionalProperties: false };
}

function describe(route: ApiRoute): JsonSchema {
  const operation = operations[route.operation];
  const input = jsonSchemaOf(operation.input as z.ZodType, 'input');
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
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
      description: 'Give it at most once.',
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
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: bodySchema(route, input) } },
          },
        }
      : {}),
    responses: {
      [String(route.successStatus ?? 200)]: {
        description: 'Done',
        content: { 'application/json': { schema: successSchema(route) } },
      },
      default: { description: 'A typed error', content: { 'application/json': { schema: ERROR_SCHEMA } } },
    },
  };
}

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the routes and the operations' zod schemas.
 * `publicUrl` is the address this install is known by (the fixed tunnel URL, or the tunnel's
 * current one), never what a request's Host header claims; without one the server is relative.
 */
export function openApiDocument(publicUrl: string | null): JsonSchema {
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
        '(create one in Settings or with `npm run cli -- token create`). Errors share one envelope; calls are rate limited per token, and calls without a valid token per address (429).',
    },
    servers: [{ url: publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/v1` : '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
