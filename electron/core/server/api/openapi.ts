import { z } from 'zod';
import { ERROR_CODES } from '@shared/errors';
import { operations } from '@shared/operations';
import { permissionsOf } from '@shared/operations/define';
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
        code: { type: 'string', enum: [...ERROR_CODES] },
        message: { type: 'string' },
        windowClosedAt: {
          type: ['string', 'null'],
          format: 'date-time',
          description:
            'With WINDOW_CLOSED: when the 24-hour window closed; null when the customer never wrote',
        },
        retryAfterSeconds: { type: 'integer', description: 'With RATE_LIMITED' },
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
    next: {
      type: ['string', 'null'],
      description: 'Where there is one: send it back as `after` for the next page (null on the last)',
    },
  },
  additionalProperties: false,
};

/**
 * The success answer: `{ data }`, or `{ data, paging }` for a paged result (page numbers) or a
 * cursor-paged one (send `next` back), from the operation's output schema.
 */
function successSchema(route: ApiRoute): JsonSchema {
  const output = operations[route.operation].output as z.ZodType | undefined;
  const result = output ? jsonSchemaOf(output, 'output') : {};
  if (route.cursor) {
    const items = ((result.properties ?? {}) as Record<string, JsonSchema>).items ?? { type: 'array' };
    return {
      type: 'object',
      required: ['data', 'paging'],
      properties: {
        data: items,
        paging: {
          type: 'object',
          description: `Send \`next\` back as \`${route.cursor.param}\` for the next page; null at the end`,
          required: ['next', 'param'],
          properties: {
            next: { type: ['string', 'integer', 'null'] },
            param: { type: 'string', const: route.cursor.param },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    };
  }
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
  const permissions = permissionsOf(operation.access);
  return {
    operationId: route.operation,
    summary: route.summary,
    description: permissions.length
      ? `Needs the ${permissions.map((p) => `\`${p}\``).join(' or ')} permission.`
      : undefined,
    tags: [route.tag],
    parameters,
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: requestContent(route, bodySchema(route, input)),
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
