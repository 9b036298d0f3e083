// Holds a request to Amazon's own OpenAPI (Swagger 2.0) models in ../shared/spapi-models: the
// operation found by method and path, then each declared parameter checked for presence (required),
// type, enum, array size (minItems/maxItems), range (minimum/maximum) and date-time format, and
// the JSON body checked against its schema. The fake SP-API answers 400 on any violation, as Amazon
// does, and the contract tests assert that the adapter never causes one.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './cli-process.js';

export const MODELS_DIR = resolve(ROOT, '..', 'shared', 'spapi-models');
export const MODELS_PRESENT = existsSync(MODELS_DIR);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  required?: string[];
  properties?: Record<string, Schema>;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}
interface Parameter extends Omit<Schema, 'required'> {
  name: string;
  in: 'query' | 'path' | 'body' | 'header';
  required?: boolean;
  schema?: Schema;
}
export interface ModelOperation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  parameters: Parameter[];
  definitions: Record<string, Schema>;
}

let loaded: ModelOperation[] | null = null;

function operations(): ModelOperation[] {
  if (loaded) return loaded;
  loaded = [];
  if (!MODELS_PRESENT) return loaded;
  for (const file of readdirSync(MODELS_DIR).filter((f) => f.endsWith('.json'))) {
    const model = JSON.parse(readFileSync(join(MODELS_DIR, file), 'utf8')) as { paths: Record<string, Record<string, unknown>>; definitions?: Record<string, Schema> };
    for (const [template, item] of Object.entries(model.paths)) {
      const shared = (item.parameters as Parameter[] | undefined) ?? [];
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters' || typeof op !== 'object' || op === null || !('operationId' in op)) continue;
        const operation = op as { operationId: string; parameters?: Parameter[] };
        const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
        loaded.push({ operationId: operation.operationId, method: method.toUpperCase(), template, pattern, parameters: [...shared, ...(operation.parameters ?? [])], definitions: model.definitions ?? {} });
      }
    }
  }
  // A literal path wins over a template that also matches it.
  loaded.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  return loaded;
}

export function findOperation(method: string, path: string): ModelOperation | null {
  return operations().find((op) => op.method === method && op.pattern.test(path)) ?? null;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkValue(value: unknown, schema: Schema, where: string, definitions: Record<string, Schema>, problems: string[]): void {
  if (schema.$ref) {
    const target = definitions[schema.$ref.replace('#/definitions/', '')];
    if (target) checkValue(value, target, where, definitions, problems);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return void problems.push(`${where}: not a string`);
      if (schema.format === 'date-time' && (!DATE_TIME.test(value) || !Number.isFinite(Date.parse(value)))) problems.push(`${where}: ${value} is not an ISO 8601 date-time`);
      if (schema.format === 'date' && !DATE.test(value)) problems.push(`${where}: ${value} is not an ISO 8601 date`);
      return;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (schema.type === 'integer' && !Number.isInteger(value))) return void problems.push(`${where}: ${String(value)} is not an ${schema.type}`);
      if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}: ${value} is below ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}: ${value} is above ${schema.maximum}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${where}: not a boolean`);
      return;
    case 'array':
      if (!Array.isArray(value)) return void problems.push(`${where}: not an array`);
      if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${where}: ${value.length} items, at least ${schema.minItems} needed`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${where}: ${value.length} items, at most ${schema.maxItems} allowed`);
      value.forEach((item, i) => schema.items && checkValue(item, schema.items, `${where}[${i}]`, definitions, problems));
      return;
    case 'object':
    default:
      if (schema.properties || schema.required) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${where}: not an object`);
        const record = value as Record<string, unknown>;
        for (const name of schema.required ?? []) if (record[name] === undefined) problems.push(`${where}.${name}: required`);
        for (const [name, sub] of Object.entries(schema.properties ?? {})) if (record[name] !== undefined) checkValue(record[name], sub, `${where}.${name}`, definitions, problems);
      }
  }
}

/** A query string value as the parameter's declared type (arrays: csv, Swagger 2.0's default collectionFormat). */
function fromQuery(raw: string, param: Parameter): unknown {
  if (param.type === 'array') return raw.split(',').map((item) => fromQuery(item, { type: param.items?.type, name: param.name, in: 'query' }));
  if (param.type === 'integer' || param.type === 'number') return raw.trim() === '' ? Number.NaN : Number(raw);
  if (param.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

export interface ModelCheck {
  operation: ModelOperation | null;
  problems: string[];
}

/** Every way the request departs from the model (empty when it conforms). */
export function checkRequest(method: string, url: URL, body: string): ModelCheck {
  const operation = findOperation(method, url.pathname);
  if (!operation) return { operation: null, problems: [`${method} ${url.pathname}: no such operation in the models`] };
  const problems: string[] = [];
  const declared = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of new Set(url.searchParams.keys())) {
    if (!declared.has(name)) problems.push(`query ${name}: not a parameter of ${operation.operationId}`);
    if (url.searchParams.getAll(name).length > 1) problems.push(`query ${name}: given more than once`);
  }
  const pathValues = operation.pattern.exec(url.pathname)!.slice(1);
  const pathNames = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  for (const param of operation.parameters) {
    const where = `${param.in} ${param.name}`;
    if (param.in === 'query') {
      const raw = url.searchParams.get(param.name);
      if (raw === null) {
        if (param.required) problems.push(`${where}: required`);
        continue;
      }
      checkValue(fromQuery(raw, param), { ...param, required: undefined }, where, operation.definitions, problems);
    } else if (param.in === 'path') {
      const value = pathValues[pathNames.indexOf(param.name)];
      if (!value) problems.push(`${where}: required`);
    } else if (param.in === 'body') {
      if (!body) {
        if (param.required) problems.push(`${where}: required`);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        problems.push(`${where}: not JSON`);
        continue;
      }
      if (param.schema) checkValue(parsed, param.schema, 'body', operation.definitions, problems);
    }
  }
  return { operation, problems };
}
