// The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with.
import { z } from 'zod';
import {
  ActionBody,
  ExportQuery,
  FilterQuery,
  IncidentPatch,
  ListQuery,
  LoginBody,
  MapQuery,
  MergeBody,
  NewUserBody,
  UserChangeBody,
} from './schemas.ts';

interface Op {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  role?: 'viewer' | 'editor' | 'admin' | 'none';
}

export const OPERATIONS: Op[] = [
  { method: 'get', path: '/api/config', summary: 'Public settings of this server', role: 'none' },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in; sets the session cookie, returns the CSRF token',
    body: LoginBody,
    role: 'none',
  },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out', role: 'none' },
  { method: 'get', path: '/api/me', summary: 'The signed-in user and CSRF token' },
  { method: 'get', path: '/api/incidents', summary: 'List incidents (filters, pagination)', query: ListQuery },
  {
    method: 'get',
    path: '/api/incidents/counts',
    summary: 'Incident counts per status for a filter',
    query: FilterQuery,
  },
  { method: 'get', path: '/api/incidents/{id}', summary: 'One incident with its document and cluster' },
  {
    method: 'patch',
    path: '/api/incidents/{id}',
    summary: 'Edit incident fields',
    body: IncidentPatch,
    role: 'editor',
  },
  { method: 'get', path: '/api/incidents/{id}/reviews', summary: 'Audit history of an incident' },
  { method: 'post', path: '/api/incidents/{id}/verify', summary: 'Mark verified', body: ActionBody, role: 'editor' },
  { method: 'post', path: '/api/incidents/{id}/reject', summary: 'Mark rejected', body: ActionBody, role: 'editor' },
  {
    method: 'post',
    path: '/api/incidents/{id}/reopen',
    summary: 'Reopen a verified or rejected incident',
    body: ActionBody,
    role: 'editor',
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/merge',
    summary: 'Join incidents into one cluster',
    body: MergeBody,
    role: 'editor',
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/split',
    summary: 'Take an incident out of its cluster',
    body: ActionBody,
    role: 'editor',
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/restrict',
    summary: 'Restrict an incident: editors and admins only see it (audited)',
    body: ActionBody,
    role: 'editor',
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/unrestrict',
    summary: "Lift an incident's own restriction (its document's stays)",
    body: ActionBody,
    role: 'editor',
  },
  {
    method: 'get',
    path: '/api/documents/{id}',
    summary:
      'A document with its other-language versions and the issues of its extraction (404 to viewers when restricted)',
  },
  {
    method: 'post',
    path: '/api/documents/{id}/restrict',
    summary: "Restrict a document's source, every version and incident (audited)",
    body: ActionBody,
    role: 'editor',
  },
  {
    method: 'post',
    path: '/api/documents/{id}/unrestrict',
    summary: "Lift a document's restriction (audited)",
    body: ActionBody,
    role: 'editor',
  },
  {
    method: 'get',
    path: '/api/map',
    summary: 'Clustered incident positions for a bounding box and zoom',
    query: MapQuery,
  },
  { method: 'get', path: '/api/timeline', summary: 'Incidents per ISO week and type', query: FilterQuery },
  {
    method: 'get',
    path: '/api/export',
    summary:
      'Streamed export (ACLED CSV, GeoJSON, HXL, JSON Lines); restricted incidents only for admins (include_restricted=1)',
    query: ExportQuery,
  },
  { method: 'get', path: '/api/users', summary: 'List users', role: 'admin' },
  { method: 'post', path: '/api/users', summary: 'Create a user', body: NewUserBody, role: 'admin' },
  {
    method: 'patch',
    path: '/api/users/{name}',
    summary: "Change a user's role or password, or disable/enable the account",
    body: UserChangeBody,
    role: 'admin',
  },
  { method: 'get', path: '/api/tokens', summary: 'List API tokens (?user=NAME), never their secrets', role: 'admin' },
  { method: 'delete', path: '/api/tokens/{id}', summary: 'Revoke an API token', role: 'admin' },
  {
    method: 'get',
    path: '/api/audit',
    summary: "Changes to accounts, tokens and documents' restriction, newest first",
    role: 'admin',
  },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', role: 'none' },
];

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const errorResponse = {
  description: 'Error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters: unknown[] = [];
    if (op.path.includes('{id}'))
      parameters.push({ name: 'id', in: 'path', required: true, schema: { type: 'string' } });
    if (op.query) {
      for (const [name, s] of Object.entries(op.query.shape)) {
        parameters.push({
          name,
          in: 'query',
          required: !(s as z.ZodType).safeParse(undefined).success,
          schema: schema(s as z.ZodType),
        });
      }
    }
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(op.role === 'none' ? { security: [] } : {}),
      ...(op.role && op.role !== 'none' ? { 'x-required-role': op.role } : {}),
      parameters,
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
        : {}),
      responses: {
        '200': { description: 'OK' },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Rasid review API', version: '0.1.0' },
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'rasid_session',
          description: 'writes also need the X-CSRF-Token header',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token from `rasid user token NAME`' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
