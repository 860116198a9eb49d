import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** An OpenAPI 3.0 document, as much of it as the contract reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** What one answer of the API broke in the document. */
export interface ContractViolation {
  operation: string;
  status: number;
  problem: string;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const SCHEMAS = 'openapi';

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `nullable: true` becomes "null or the schema", `$ref`s point
 * into the components registered under SCHEMAS, and an object with documented properties admits no
 * other property (an undocumented field is drift too).
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(toJsonSchema);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string') {
      converted.$ref = value.replace('#/components/schemas/', `${SCHEMAS}#/definitions/`);
    } else if (key === 'properties' && value && typeof value === 'object') {
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)]),
      );
    } else if (key !== 'example' && key !== 'examples') {
      converted[key] = toJsonSchema(value);
    }
  }
  if (converted.properties && converted.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }
  if (nullable === true) {
    if (Array.isArray(converted.enum) && !converted.enum.includes(null)) {
      converted.enum = [...converted.enum, null];
    }
    return { anyOf: [{ type: 'null' }, converted] };
  }
  return converted;
}

interface Operation {
  key: string;
  pattern: RegExp;
  literalSegments: number;
  /** Characters outside parameters: `{slug}.pdf` is more specific than `{slug}`. */
  literalChars: number;
  responses: NonNullable<OpenApiOperation['responses']>;
}

/**
 * The API document as a contract: each answer seen is matched to its operation, its status must be
 * documented, and a JSON 2xx body must validate against the operation's documented schema. It also
 * remembers which operations answered 2xx at least once, to tell which were never exercised.
 */
export class OpenApiContract {
  readonly violations: ContractViolation[] = [];
  private readonly exercised = new Set<string>();
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor(document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: SCHEMAS, definitions: toJsonSchema(document.components?.schemas ?? {}) });
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.has(method)) {
          continue;
        }
        const segments = path.split('/');
        this.operations.push({
          key: `${method.toUpperCase()} ${path}`,
          pattern: new RegExp(
            `^${segments.map((segment) => escape(segment).replace(/\\\{[^}]+\\\}/g, '[^/]+')).join('/')}$`,
          ),
          literalSegments: segments.filter((segment) => !segment.startsWith('{')).length,
          literalChars: path.replace(/\{[^}]+\}/g, '').length,
          responses: operation.responses ?? {},
        });
      }
    }
  }

  /** Every operation of the document, as `METHOD /path/{param}`. */
  operationKeys(): string[] {
    return this.operations.map((operation) => operation.key);
  }

  /** The operations that never answered 2xx. */
  unexercised(): string[] {
    return this.operationKeys().filter((key) => !this.exercised.has(key));
  }

  /** Checks one answer of the API against the document. */
  check(method: string, url: string, status: number, contentType: string, body: unknown): void {
    const path = url.split('?')[0];
    const operation = this.operations
      .filter((candidate) => candidate.key.startsWith(`${method.toUpperCase()} `) && candidate.pattern.test(path))
      .sort((a, b) => b.literalSegments - a.literalSegments || b.literalChars - a.literalChars)[0];
    if (!operation || status < 200 || status >= 300) {
      return; // Unknown routes and errors are the business of the error-shape tests.
    }
    this.exercised.add(operation.key);
    const documented = operation.responses[String(status)];
    if (!documented) {
      this.violations.push({
        operation: operation.key,
        status,
        problem: `answered ${status}, documented ${Object.keys(operation.responses).join(', ')}`,
      });
      return;
    }
    if (!contentType.includes('json')) {
      return;
    }
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) {
      this.violations.push({
        operation: operation.key,
        status,
        problem: 'answered JSON, but no JSON schema is documented',
      });
      return;
    }
    const validate = this.validator(`${operation.key} ${status}`, schema);
    if (!validate(body)) {
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map((error) => `${error.instancePath || '(body)'} ${error.message} ${JSON.stringify(error.params)}`);
      this.violations.push({ operation: operation.key, status, problem: problems.join('; ') });
    }
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
