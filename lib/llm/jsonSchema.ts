import { ZodFirstPartyTypeKind, type ZodTypeAny } from 'zod';

/** A JSON Schema (draft 2020-12 subset) as a plain object. */
export type JsonSchema = { [key: string]: unknown };

export interface JsonSchemaConversion {
	schema: JsonSchema;
	/**
	 * True when the schema satisfies OpenAI's strict structured-output rules: every object closed
	 * (`additionalProperties: false`) and every property required (no optional fields, records,
	 * passthrough objects or `any`).
	 */
	strictCompatible: boolean;
}

export interface JsonSchemaOptions {
	/**
	 * Leave out keywords strict structured output does not accept (minLength, maxLength, format).
	 * Our zod schema still enforces them when the answer is validated.
	 */
	openAiStrict?: boolean;
}

interface State {
	strict: boolean;
	openAiStrict: boolean;
}

/**
 * Convert the zod (v3 API) subset our contracts use into JSON Schema: object, string, number,
 * boolean, null, literal, enum, array, optional, nullable, default, union, discriminated union,
 * record, effects (refine/transform: the input shape), any/unknown.
 *
 * @example zodToJsonSchema(z.object({ a: z.string() })).schema
 * // { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false }
 */
export function zodToJsonSchema(
	schema: ZodTypeAny,
	options: JsonSchemaOptions = {},
): JsonSchemaConversion {
	const state: State = { strict: true, openAiStrict: options.openAiStrict === true };
	const converted = convert(schema, state, '(root)');
	if (converted.type !== 'object') state.strict = false;
	return { schema: converted, strictCompatible: state.strict };
}

function convert(schema: ZodTypeAny, state: State, path: string): JsonSchema {
	const def = schema._def as { typeName?: string; description?: string } & Record<string, unknown>;
	const out = convertBare(schema, def, state, path);
	if (typeof schema.description === 'string' && schema.description.length > 0) {
		out.description = schema.description;
	}
	return out;
}

function convertBare(
	schema: ZodTypeAny,
	def: Record<string, unknown>,
	state: State,
	path: string,
): JsonSchema {
	switch (def.typeName) {
		case ZodFirstPartyTypeKind.ZodString: {
			const out: JsonSchema = { type: 'string' };
			for (const check of def.checks as Array<{ kind: string; value?: unknown; regex?: RegExp }>) {
				if (check.kind === 'min' && !state.openAiStrict) out.minLength = check.value;
				else if (check.kind === 'max' && !state.openAiStrict) out.maxLength = check.value;
				else if (check.kind === 'length' && !state.openAiStrict) {
					out.minLength = check.value;
					out.maxLength = check.value;
				} else if (check.kind === 'regex' && check.regex) out.pattern = check.regex.source;
				else if (check.kind === 'email' && !state.openAiStrict) out.format = 'email';
				else if (check.kind === 'url' && !state.openAiStrict) out.format = 'uri';
				else if (check.kind === 'uuid' && !state.openAiStrict) out.format = 'uuid';
				else if (check.kind === 'datetime' && !state.openAiStrict) out.format = 'date-time';
			}
			return out;
		}
		case ZodFirstPartyTypeKind.ZodNumber: {
			const out: JsonSchema = { type: 'number' };
			for (const check of def.checks as Array<{
				kind: string;
				value?: number;
				inclusive?: boolean;
			}>) {
				if (check.kind === 'int') out.type = 'integer';
				else if (check.kind === 'min') {
					if (check.inclusive) out.minimum = check.value;
					else out.exclusiveMinimum = check.value;
				} else if (check.kind === 'max') {
					if (check.inclusive) out.maximum = check.value;
					else out.exclusiveMaximum = check.value;
				} else if (check.kind === 'multipleOf') out.multipleOf = check.value;
			}
			return out;
		}
		case ZodFirstPartyTypeKind.ZodBoolean:
			return { type: 'boolean' };
		case ZodFirstPartyTypeKind.ZodNull:
			return { type: 'null' };
		case ZodFirstPartyTypeKind.ZodLiteral: {
			const value = def.value;
			if (value === null) return { type: 'null' };
			const type = typeof value === 'number' ? 'number' : typeof value;
			if (type !== 'string' && type !== 'number' && type !== 'boolean') {
				throw new Error(`zodToJsonSchema: literal of type ${type} at ${path} is not supported`);
			}
			return { type, enum: [value] };
		}
		case ZodFirstPartyTypeKind.ZodEnum:
			return { type: 'string', enum: [...(def.values as string[])] };
		case ZodFirstPartyTypeKind.ZodArray: {
			const out: JsonSchema = {
				type: 'array',
				items: convert(def.type as ZodTypeAny, state, `${path}[]`),
			};
			const min = def.minLength as { value: number } | null;
			const max = def.maxLength as { value: number } | null;
			const exact = def.exactLength as { value: number } | null;
			if (exact) {
				out.minItems = exact.value;
				out.maxItems = exact.value;
			}
			if (min) out.minItems = min.value;
			if (max) out.maxItems = max.value;
			return out;
		}
		case ZodFirstPartyTypeKind.ZodObject: {
			const shape = (schema as unknown as { shape: Record<string, ZodTypeAny> }).shape;
			const properties: Record<string, JsonSchema> = {};
			const required: string[] = [];
			for (const [key, value] of Object.entries(shape)) {
				properties[key] = convert(value, state, `${path}.${key}`);
				if (value.isOptional()) state.strict = false;
				else required.push(key);
			}
			const unknownKeys = def.unknownKeys as string;
			const catchall = def.catchall as ZodTypeAny;
			let additionalProperties: boolean | JsonSchema = false;
			if (catchall._def.typeName !== ZodFirstPartyTypeKind.ZodNever) {
				additionalProperties = convert(catchall, state, `${path}.*`);
				state.strict = false;
			} else if (unknownKeys === 'passthrough') {
				additionalProperties = true;
				state.strict = false;
			}
			return { type: 'object', properties, required, additionalProperties };
		}
		case ZodFirstPartyTypeKind.ZodRecord:
			state.strict = false;
			return {
				type: 'object',
				additionalProperties: convert(def.valueType as ZodTypeAny, state, `${path}.*`),
			};
		case ZodFirstPartyTypeKind.ZodOptional:
			return convert(def.innerType as ZodTypeAny, state, path);
		case ZodFirstPartyTypeKind.ZodDefault:
			state.strict = false;
			return {
				...convert(def.innerType as ZodTypeAny, state, path),
				default: (def.defaultValue as () => unknown)(),
			};
		case ZodFirstPartyTypeKind.ZodNullable: {
			const inner = convert(def.innerType as ZodTypeAny, state, path);
			if (typeof inner.type === 'string' && inner.enum === undefined) {
				return { ...inner, type: [inner.type, 'null'] };
			}
			return { anyOf: [inner, { type: 'null' }] };
		}
		case ZodFirstPartyTypeKind.ZodUnion:
		case ZodFirstPartyTypeKind.ZodDiscriminatedUnion: {
			const options = def.options as ZodTypeAny[] | Map<unknown, ZodTypeAny>;
			const list = Array.isArray(options) ? options : [...options.values()];
			return { anyOf: list.map((option, i) => convert(option, state, `${path}|${i}`)) };
		}
		case ZodFirstPartyTypeKind.ZodEffects:
			return convert(def.schema as ZodTypeAny, state, path);
		case ZodFirstPartyTypeKind.ZodBranded:
			return convert(def.type as ZodTypeAny, state, path);
		case ZodFirstPartyTypeKind.ZodReadonly:
			return convert(def.innerType as ZodTypeAny, state, path);
		case ZodFirstPartyTypeKind.ZodAny:
		case ZodFirstPartyTypeKind.ZodUnknown:
			state.strict = false;
			return {};
		default:
			throw new Error(
				`zodToJsonSchema: ${String(def.typeName)} at ${path} is not supported; use a simpler schema`,
			);
	}
}
