/** The published JSON Schemas (docs/*.schema.json), generated from the zod schemas so they cannot drift. */
import { z } from 'zod';
import { configSchema } from '../config/schema.js';
import { reportModelSchema } from '../report/model-schema.js';
import { layoutSchema } from '../config/layout-schema.js';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ title: 'rapport.config.yaml', ...schema }, null, 2) + '\n';
}

export function reportModelJsonSchema(): string {
  const schema = z.toJSONSchema(reportModelSchema, { io: 'output', unrepresentable: 'any' });
  return JSON.stringify({ title: 'rapport ReportModel (--format json)', ...schema }, null, 2) + '\n';
}

export function layoutJsonSchema(): string {
  const schema = z.toJSONSchema(layoutSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ title: 'rapport layout (report.layout, docs/layout.md)', ...schema }, null, 2) + '\n';
}
