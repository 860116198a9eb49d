import { randomUUID } from 'node:crypto';

/** The operations of the API's OpenAPI document, as the tests that walk every route see them. */

export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  items?: Schema;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  /** e.g. `PATCH /mandates/{id}` */
  label: string;
  method: string;
  /** The path as the document writes it, with `{name}` placeholders. */
  path: string;
  /** The path with well-formed placeholders for its parameters. */
  url: string;
  parameters: Parameter[];
  /** The JSON body, resolved, when the operation takes one. */
  body?: Schema;
  /** The media types of the request body, when it has one. */
  consumes: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** A well-formed value for a path parameter. */
export function placeholder(parameter: Parameter): string {
  const { name, schema } = parameter;
  if (name === 'id' || /Id$/.test(name) || schema?.format === 'uuid') {
    return randomUUID();
  }
  if (name === 'code' || /Code$/.test(name)) {
    return 'IRN';
  }
  if (schema?.type === 'integer' || schema?.type === 'number') {
    return '2026';
  }
  if (schema?.enum?.length) {
    return String(schema.enum[0]);
  }
  return 'placeholder';
}

/** A schema with its `$ref` followed and its `allOf` merged into one object schema. */
export function resolveSchema(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    return resolveSchema(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolveSchema(document, part));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      required: parts.flatMap((part) => part.required ?? []),
    };
  }
  return schema;
}

/** Every operation of the document. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => {
        const parameters: Parameter[] = operation.parameters ?? [];
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(
            placeholder(parameters.find((parameter) => parameter.name === name) ?? { name, in: 'path' }),
          ),
        );
        const content: Record<string, { schema?: Schema }> = operation.requestBody?.content ?? {};
        const json = content['application/json']?.schema;
        return {
          label: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          url,
          parameters,
          body: json ? resolveSchema(document, json) : undefined,
          consumes: Object.keys(content),
        };
      }),
  );
}
