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
  const permissions = permissionsOf(operation.access);
  return {
    operationId: route.operation,
    summary: route.summary,
    description: permissions.length
      ? `Needs the ${permissions.map((p) => `\`${p}\``).join(' or ')} permission.`
      : undefined,
    tags: [route.tag],
    parameters,
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema } } } } : {}),
    responses: {
      [String(route.successStatus ?? 200)]: {
        description: 'Done',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                data: {},
                ...(route.cursor
                  ? {
                      paging: {
                        type: 'object',
                        description: `Send \`next\` back as \`${route.cursor.param}\` for the next page; null at the end`,
                        properties: {
                          next: { type: ['string', 'integer', 'null'] },
                          param: { type: 'string', const: route.cursor.param },
                        },
                      },
                    }
                  : {}),
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
