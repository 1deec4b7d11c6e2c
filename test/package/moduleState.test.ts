/**
 * The nodes keep no state outside n8n: in queue mode each execution runs on whichever worker takes
 * it, and a main or worker process lives for weeks. A module-level cache, counter or list would
 * differ from worker to worker, grow without end, or leak one execution's data into the next. What
 * a node remembers between runs belongs in n8n's workflow static data.
 *
 * This reads every TypeScript file under lib/ and nodes/ and finds, at module level:
 *  - `let` and `var` bindings (anything reassignable);
 *  - `const` bindings that the code mutates anywhere in the package: a mutating method called on
 *    them (`set`, `add`, `push`, `sort`, ...), an assignment or `delete` through them, or
 *    `Object.assign` onto them; a Map, Set or array that is only read (a lookup table) is fine;
 *  - module-level regexes with the g or y flag used with exec() or test(), whose lastIndex carries
 *    from one call to the next (matchAll and replace start afresh);
 *  - static class fields that are not readonly.
 * Mutation through an alias (passing the table to a function that changes it) is not seen.
 */
import * as ts from 'typescript';
import { packageSources } from '../support/source-files';

const MUTATORS = new Set([
	'set',
	'add',
	'delete',
	'clear',
	'push',
	'pop',
	'shift',
	'unshift',
	'splice',
	'sort',
	'reverse',
	'fill',
	'copyWithin',
]);

/** `file: name` -> why that module-level binding is not state shared between executions. */
const ALLOWED: Record<string, string> = {};

interface Source {
	file: string;
	text: string;
}

function parse(s: Source): ts.SourceFile {
	return ts.createSourceFile(s.file, s.text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** A regex literal or `new RegExp(...)` with the global or sticky flag. */
function isStatefulRegex(init: ts.Expression): boolean {
	if (ts.isRegularExpressionLiteral(init))
		return /[gy]/.test(init.text.slice(init.text.lastIndexOf('/') + 1));
	if (
		ts.isNewExpression(init) &&
		ts.isIdentifier(init.expression) &&
		init.expression.text === 'RegExp'
	) {
		const flags = init.arguments?.[1];
		return !!flags && ts.isStringLiteralLike(flags) && /[gy]/.test(flags.text);
	}
	return false;
}

/** The identifier a property / element access chain starts from: `A.b[c].d` -> A. */
function rootIdentifier(node: ts.Expression): ts.Identifier | undefined {
	let e: ts.Expression = node;
	for (;;) {
		if (
			ts.isPropertyAccessExpression(e) ||
			ts.isElementAccessExpression(e) ||
			ts.isNonNullExpression(e) ||
			ts.isParenthesizedExpression(e)
		)
			e = e.expression;
		else break;
	}
	return ts.isIdentifier(e) ? e : undefined;
}

/**
 * Module-level state in a set of sources, as `file: name (why)` strings.
 * Exported, so the test below can show it finds what it must on tiny hand-written modules.
 */
export function findModuleState(sources: Source[]): string[] {
	const found: string[] = [];
	const files = sources.map((s) => ({ s, sf: parse(s) }));
	/** Module-level const names -> the files declaring them. */
	const consts = new Map<string, string[]>();
	/** Module-level regexes with the g or y flag: exec() and test() move their lastIndex. */
	const statefulRegexes = new Set<string>();
	/** file -> names it imports. */
	const imports = new Map<string, Set<string>>();
	for (const { s, sf } of files) {
		const names = new Set<string>();
		for (const st of sf.statements) {
			const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
			if (bindings && ts.isNamedImports(bindings))
				for (const el of bindings.elements) names.add(el.name.text);
		}
		imports.set(s.file, names);
		for (const st of sf.statements) {
			if (ts.isVariableStatement(st)) {
				const flags = st.declarationList.flags;
				const reassignable = !(flags & ts.NodeFlags.Const);
				for (const d of st.declarationList.declarations) {
					const names = ts.isIdentifier(d.name)
						? [d.name.text]
						: d.name.elements.map((e) => e.getText(sf));
					if (
						!reassignable &&
						ts.isIdentifier(d.name) &&
						d.initializer &&
						isStatefulRegex(d.initializer)
					)
						statefulRegexes.add(d.name.text);
					for (const name of names) {
						if (reassignable)
							found.push(
								`${s.file}: ${name} (module-level ${flags & ts.NodeFlags.Let ? 'let' : 'var'})`,
							);
						else consts.set(name, [...(consts.get(name) ?? []), s.file]);
					}
				}
			}
		}
	}
	const mutated = (id: ts.Identifier | undefined, how: string, file: string) => {
		if (!id || !consts.has(id.text)) return;
		// A binding of this file, or one another file exports and this one imports.
		const owners = consts.get(id.text)!;
		const owner = owners.includes(file)
			? file
			: imports.get(file)!.has(id.text)
				? owners.find((f) => f !== file)
				: undefined;
		if (!owner) return;
		const entry = `${owner}: ${id.text} (${how} in ${file})`;
		if (!found.includes(entry)) found.push(entry);
	};
	for (const { s, sf } of files) {
		const visit = (node: ts.Node): void => {
			if (ts.isCallExpression(node)) {
				const callee = node.expression;
				if (
					ts.isPropertyAccessExpression(callee) &&
					['exec', 'test'].includes(callee.name.text) &&
					ts.isIdentifier(callee.expression) &&
					statefulRegexes.has(callee.expression.text)
				) {
					mutated(callee.expression, `.${callee.name.text}() on a g/y regex`, s.file);
				}
				if (ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) {
					mutated(rootIdentifier(callee.expression), `.${callee.name.text}()`, s.file);
				}
				if (callee.getText(sf) === 'Object.assign' && node.arguments[0])
					mutated(rootIdentifier(node.arguments[0]), 'Object.assign', s.file);
			}
			if (
				ts.isBinaryExpression(node) &&
				node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
				node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
			) {
				const left = node.left;
				if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left))
					mutated(rootIdentifier(left), 'assignment', s.file);
			}
			if (
				(ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
				[ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator)
			) {
				const target = node.operand;
				if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target))
					mutated(rootIdentifier(target), 'increment', s.file);
			}
			if (ts.isDeleteExpression(node)) mutated(rootIdentifier(node.expression), 'delete', s.file);
			if (
				ts.isPropertyDeclaration(node) &&
				node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) &&
				!node.modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)
			) {
				const cls = ts.isClassLike(node.parent) ? (node.parent.name?.text ?? 'class') : 'class';
				found.push(`${s.file}: ${cls}.${node.name.getText(sf)} (static field, not readonly)`);
			}
			ts.forEachChild(node, visit);
		};
		visit(sf);
	}
	return found;
}

describe('module-level state', () => {
	it('finds a cache, a counter, a list that grows and a mutable static field in hand-written modules', () => {
		const found = findModuleState([
			{
				file: 'lib/a.ts',
				text: [
					'const cache = new Map<string, string>();',
					'export function channel(s: string) { let c = cache.get(s); if (!c) { c = s.trim(); cache.set(s, c); } return c; }',
					'let runs = 0;',
					'export function count() { return ++runs; }',
					'export const SEEN: string[] = [];',
					'export class Registry { static entries = 0; static readonly LIMIT = 3; }',
					'const WORD = /\\w+/g;',
					'export function firstWord(t: string) { return WORD.exec(t)?.[0]; }',
					'const totals = { n: 0 };',
					'export function add() { totals.n += 1; }',
				].join('\n'),
			},
			{
				file: 'nodes/b.ts',
				text: "import { SEEN } from '../lib/a';\nexport function remember(x: string) { SEEN.push(x); }",
			},
			// Same name as lib/a.ts's cache, not imported: a local of its own.
			{
				file: 'nodes/d.ts',
				text: 'export function f() { const cache: Record<string, number> = {}; cache.a = 1; return cache; }',
			},
		]);
		expect(found.sort()).toEqual(
			[
				'lib/a.ts: cache (.set() in lib/a.ts)',
				'lib/a.ts: runs (module-level let)',
				'lib/a.ts: SEEN (.push() in nodes/b.ts)',
				'lib/a.ts: Registry.entries (static field, not readonly)',
				'lib/a.ts: totals (assignment in lib/a.ts)',
				'lib/a.ts: WORD (.exec() on a g/y regex in lib/a.ts)',
			].sort(),
		);
	});

	it('leaves read-only tables and state that lives inside a function or an instance alone', () => {
		const found = findModuleState([
			{
				file: 'lib/c.ts',
				text: [
					'const CODES = new Set([4, 17]);',
					'export const LIMITS = { headline: 30 } as const;',
					"const ORDER = ['a', 'b'];",
					'const WORDS = /\\w+/g;',
					'const ONE = /\\w+/;',
					"export function words(t: string) { return [...t.matchAll(WORDS)].length + t.replace(WORDS, '').length + (ONE.test(t) ? 1 : 0); }",
					'export function isCode(n: number) { return CODES.has(n) && LIMITS.headline > 0 && ORDER.slice().sort().length > 0; }',
					'export function run() { let n = 0; const seen = new Set<number>(); seen.add(n++); return seen; }',
					'export class Lookup { private readonly memo = new Map<string, number>(); get(k: string) { this.memo.set(k, 1); return this.memo.get(k); } }',
				].join('\n'),
			},
		]);
		expect(found).toEqual([]);
	});

	it('lib/ and nodes/ keep none (each exception named, with its reason)', () => {
		const sources = packageSources(['lib', 'nodes']);
		expect(sources.length).toBeGreaterThan(50);
		const found = findModuleState(sources);
		const unexplained = found.filter((f) => !(f.slice(0, f.indexOf(' (')) in ALLOWED));
		expect(unexplained).toEqual([]);
		// Every exception still exists, so the list cannot quietly cover new state under an old name.
		for (const key of Object.keys(ALLOWED))
			expect(found.some((f) => f.startsWith(`${key} (`))).toBe(true);
	});
});
