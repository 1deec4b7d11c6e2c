import { Parser } from 'node-sql-parser';
import type { JourneyOptions } from '../../../lib/journey';
import {
	buildWarehouseSql,
	SOURCE_COLUMNS,
	sourceSelect,
	WAREHOUSE_DIALECTS,
} from '../../../lib/journey/warehouse';
import { sourceAttributes } from '../../../lib/journey/warehouse/sources';
import type {
	SourceOptions,
	TimestampUnit,
	WarehouseDialect,
	WarehouseSqlOptions,
} from '../../../lib/journey/warehouse';

/**
 * Every SQL text the warehouse mode writes is parsed by node-sql-parser's grammar of its dialect.
 * The test iterates over whatever buildWarehouseSql produces for many option sets, so it keeps
 * checking when the SQL changes.
 */

const GRAMMAR: Record<WarehouseDialect, string> = {
	postgres: 'postgresql',
	bigquery: 'bigquery',
	snowflake: 'snowflake',
};
const parser = new Parser();

/** Index of the parenthesis closing the one at `open`, skipping string literals and quoted names. */
function closing(sql: string, open: number): number {
	let depth = 0;
	for (let i = open; i < sql.length; i++) {
		const c = sql[i];
		if (c === "'" || c === '"' || c === '`') {
			const end = sql.indexOf(c, i + 1);
			if (end < 0) throw new Error(`unterminated ${c} at ${i}`);
			i = end; // a doubled quote ('') is two adjacent literals to this scan: same depth.
		} else if (c === '(') depth++;
		else if (c === ')' && --depth === 0) return i;
	}
	throw new Error(`no closing parenthesis for ${open}`);
}

/** Start indexes of a pattern outside string literals and quoted names. */
function occurrences(sql: string, pattern: RegExp): { at: number; length: number }[] {
	const found: { at: number; length: number }[] = [];
	const sticky = new RegExp(pattern.source, 'iy');
	let quote: string | null = null;
	for (let i = 0; i < sql.length; i++) {
		const c = sql[i];
		if (quote !== null) {
			if (c === quote) quote = null;
			continue;
		}
		if (c === "'" || c === '"' || c === '`') {
			quote = c;
			continue;
		}
		sticky.lastIndex = i;
		const m = sticky.exec(sql);
		// A match that starts with a word must start one (JSON_AGG, not XJSON_AGG).
		const word = /\w/;
		if (m && !(word.test(m[0][0]) && i > 0 && word.test(sql[i - 1])))
			found.push({ at: i, length: m[0].length });
	}
	return found;
}

interface Unparsed {
	dialect: WarehouseDialect;
	construct: string;
	/** The dialect's documentation of the construct. */
	docs: string;
	/** A minimal statement with the construct, which the grammar rejects. */
	example: string;
	/** The SQL with every occurrence of the construct cut out (what remains is valid SQL too). */
	cut(sql: string): string;
}

/**
 * Constructs each dialect documents but node-sql-parser 5.4.0's grammar of it rejects. They are cut
 * out before parsing (the rest is parsed); the README lists them as not parser-checked. Keep this
 * list short: prefer a form the dialect documents and the grammar accepts.
 */
const NOT_PARSER_CHECKED: readonly Unparsed[] = [
	{
		dialect: 'snowflake',
		construct: 'WITHIN GROUP (ORDER BY ...) after ARRAY_AGG (the order of the aggregated array)',
		docs: 'https://docs.snowflake.com/en/sql-reference/functions/array_agg',
		example: 'SELECT ARRAY_AGG(x) WITHIN GROUP (ORDER BY y) FROM t',
		cut: (sql) => {
			let out = sql;
			for (const o of occurrences(sql, /\s+WITHIN\s+GROUP\s*\(/).reverse()) {
				out = out.slice(0, o.at) + out.slice(closing(out, o.at + o.length - 1) + 1);
			}
			return out;
		},
	},
	{
		dialect: 'bigquery',
		construct: 'ORDER BY inside ARRAY_AGG(...) of a value that is not a STRUCT (the order of the aggregated array)',
		docs: 'https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg',
		example: 'SELECT ARRAY_AGG(x ORDER BY y) FROM t',
		cut: (sql) => {
			let out = sql;
			for (const o of occurrences(sql, /ARRAY_AGG\s*\(/).reverse()) {
				const open = o.at + o.length - 1;
				const close = closing(out, open);
				// The grammar accepts ARRAY_AGG(STRUCT(...) ORDER BY ...): those stay and are parsed.
				if (/^\s*STRUCT\s*\(/i.test(out.slice(open + 1, close))) continue;
				const orderBy = occurrences(out.slice(open + 1, close), /\s+ORDER\s+BY\s/).find((x) => {
					const before = out.slice(open + 1, open + 1 + x.at);
					return (before.match(/\(/g) ?? []).length === (before.match(/\)/g) ?? []).length;
				});
				if (orderBy) out = out.slice(0, open + 1 + orderBy.at) + out.slice(close);
			}
			return out;
		},
	},
];

function parse(dialect: WarehouseDialect, sql: string) {
	const ast = parser.astify(sql, { database: GRAMMAR[dialect] });
	return (Array.isArray(ast) ? ast : [ast]) as unknown as {
		type: string;
		with?: { name: { value: string }; stmt: { ast?: { columns: Column[] }; columns?: Column[] } }[];
	}[];
}

/** The SQL with the dialect's listed constructs cut out, and which of them were. */
function checkable(dialect: WarehouseDialect, sql: string): { sql: string; cut: string[] } {
	let out = sql;
	const cut: string[] = [];
	for (const u of NOT_PARSER_CHECKED.filter((x) => x.dialect === dialect)) {
		const next = u.cut(out);
		if (next !== out) cut.push(u.construct);
		out = next;
	}
	return { sql: out, cut };
}

type Column = { as: string | null; expr?: { column?: string | { expr?: { value?: string } } } };
/** A select list entry's output name: its alias, else the column it names. */
const columnName = (c: Column) => {
	const col = c.expr?.column;
	return c.as ?? (typeof col === 'string' ? col : col?.expr?.value);
};
const srcColumns = (statement: ReturnType<typeof parse>[number]) => {
	const first = statement.with?.[0];
	return {
		name: first?.name.value,
		columns: (first?.stmt.ast ?? first?.stmt)?.columns?.map(columnName),
	};
};

/** The boundary columns of src, then one per attribute (a1, a2, ...). */
const srcNames = (options: SourceOptions) => [
	...SOURCE_COLUMNS,
	...sourceAttributes(options).map((_, i) => `a${i + 1}`),
];

const JOURNEY: JourneyOptions = {
	conversionEvents: ['purchase'],
	funnelSteps: ['page_view', 'view_item', 'add_to_cart', 'purchase'],
	conversionWindowDays: 30,
	markovOrder: 2,
};
const COLUMNS = {
	customerId: 'customer_id',
	timestamp: 'event_time',
	event: 'event_name',
	channel: 'medium',
	value: 'revenue',
	consent: 'consent',
};
const UNITS: TimestampUnit[] = ['timestamp', 'seconds', 'millis', 'micros'];

/** Option sets: both sources, pseudonymized or not, each timestamp unit, both secret sources, minimal columns, journey options. */
function optionSets(): [string, WarehouseSqlOptions][] {
	const sets: [string, WarehouseSqlOptions][] = [];
	for (const dialect of WAREHOUSE_DIALECTS) {
		const table = dialect === 'bigquery' ? 'my-project.analytics_123.events_*' : 'analytics.events';
		for (const pseudonymize of [true, false]) {
			for (const timestampUnit of UNITS) {
				sets.push([
					`${dialect} custom ${timestampUnit} pseudonymize=${pseudonymize}`,
					{ dialect, table: 'analytics.events', columns: COLUMNS, timestampUnit, pseudonymize },
				]);
			}
			sets.push([
				`${dialect} ga4Export pseudonymize=${pseudonymize}`,
				{ dialect, table, source: 'ga4Export', pseudonymize },
			]);
		}
		sets.push([
			`${dialect} custom, only the required columns`,
			{
				dialect,
				table: 'events',
				columns: { customerId: 'id', timestamp: 'ts' },
				pseudonymize: false,
			},
		]);
		sets.push([
			`${dialect} secret as a parameter`,
			{
				dialect,
				table: 'events',
				columns: COLUMNS,
				pseudonymize: true,
				secretFrom: 'parameter',
				secret: 's3cret',
			},
		]);
		// E-mail stitching (its label-propagation rounds) and attribute columns.
		sets.push([
			`${dialect} custom with an e-mail column and attribute columns`,
			{
				dialect,
				table: 'analytics.events',
				columns: { ...COLUMNS, email: 'email', attributes: ['plan', 'region'] },
				pseudonymize: true,
			},
		]);
		// Journey options (conversions, funnel, window) shape the SQL after src once it computes them.
		sets.push([
			`${dialect} ga4Export with journey options`,
			{
				dialect,
				table,
				source: 'ga4Export',
				pseudonymize: true,
				...({ journey: JOURNEY } as object),
			},
		]);
	}
	return sets;
}

describe('the warehouse SQL parses with each dialect grammar (node-sql-parser)', () => {
	it.each(optionSets())(
		'%s: the whole query parses, src has the boundary columns',
		(_label, options) => {
			const { query } = buildWarehouseSql(options);
			const { sql, cut } = checkable(options.dialect, query);
			const statements = parse(options.dialect, sql);
			expect(statements).toHaveLength(1);
			expect(statements[0].type).toBe('select');
			expect(srcColumns(statements[0])).toEqual({ name: 'src', columns: srcNames(options) });
			// A construct is cut only where the grammar needs it: with it, the query does not parse.
			if (cut.length > 0) expect(() => parse(options.dialect, query)).toThrow();
		},
	);

	it.each(optionSets())(
		'%s: the query holds no String.replace pattern ($\' $` $& $$), which n8n\'s Postgres node would rewrite',
		(_label, options) => {
			// The Postgres node puts an expression's value into the query text with String.replace.
			const { query } = buildWarehouseSql(options);
			expect('{{ $json.query }}'.replace('{{ $json.query }}', query)).toBe(query);
		},
	);

	it.each(
		WAREHOUSE_DIALECTS.flatMap((dialect) => [
			[dialect, 'custom'],
			[dialect, 'ga4Export'],
		]) as [WarehouseDialect, 'custom' | 'ga4Export'][],
	)('%s %s: src parses with nothing cut', (dialect, source) => {
		const body = sourceSelect(dialect, {
			source,
			table: 'events',
			columns: COLUMNS,
			timestampUnit: 'micros',
		});
		const statements = parse(dialect, `WITH src AS (\n${body}\n) SELECT * FROM src`);
		expect(srcColumns(statements[0])).toEqual({
			name: 'src',
			columns: srcNames({ source, table: 'events', columns: COLUMNS }),
		});
	});

	it('catches a syntax error in each dialect (the check can fail)', () => {
		for (const dialect of WAREHOUSE_DIALECTS) {
			const body = sourceSelect(dialect, { source: 'ga4Export', table: 'events' });
			const broken = `WITH src AS (\n${body.replace('END AS cid', 'END AS')}\n) SELECT * FROM src`;
			expect(() => parse(dialect, broken)).toThrow();
			expect(() =>
				parse(
					dialect,
					`WITH src AS (\n${body.replace(') AS raw', ' AS raw')}\n) SELECT * FROM src`,
				),
			).toThrow();
		}
	});

	it('leaves few constructs unchecked, each documented, still rejected by the grammar and valid once cut', () => {
		expect(NOT_PARSER_CHECKED.length).toBeLessThanOrEqual(2);
		for (const u of NOT_PARSER_CHECKED) {
			expect(u.docs).toMatch(
				/^https:\/\/(docs\.snowflake\.com|cloud\.google\.com|www\.postgresql\.org)\//,
			);
			// If a newer grammar accepts the construct, drop it from the list (and from the README).
			expect(() => parse(u.dialect, u.example)).toThrow();
			expect(() => parse(u.dialect, u.cut(u.example))).not.toThrow();
			expect(u.cut(u.example)).not.toBe(u.example);
		}
	});
});
