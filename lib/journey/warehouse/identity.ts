import type { DialectSpec } from './dialects';
import { USABLE_ROW } from './sources';

/**
 * Rounds of the connected-components iteration that stitches custom ids by shared e-mails. Each
 * round hooks every id and its parent to the smallest parent across each link, then jumps twice
 * (parent := parent's parent), so the rounds needed grow with the logarithm of a chain's length
 * (measured on PostgreSQL: a chain of 10,000 ids, each sharing an e-mail with the next, settles
 * in 7 rounds when first seen in chain order and 8 when shuffled; of 100,000 in 9 and 10). A
 * component the rounds have not settled is reported (`email_unsettled`) and refused by From
 * Aggregates, never half-stitched.
 */
export const STITCH_ROUNDS = 12;

/** The order of a customer's usable `src` rows by which ids are first seen (and attributes are first). */
export function rowOrder(d: DialectSpec): string {
	return `ms, ${d.sortKey('ev')}, ${d.sortKey('ch')}, CASE WHEN val IS NULL THEN 1 ELSE 0 END, val`;
}

/**
 * CTEs that stitch the custom ids of `src` linked by shared e-mails (`em`), as the in-process
 * reader does: ids linked by shared e-mails, transitively, are one customer, rooted at the id seen
 * first (by rowOrder, then id). No recursive CTE (an aggregate may not appear in one); a fixed
 * number of rounds over ids numbered by first-seen rank:
 * - `ids`: each id of a usable row and its rank; `id_email` the id / e-mail links; `links`: each
 *   id linked to the first-seen id of each of its e-mails (the same components, fewer links);
 * - `e<r>`: each link with its ends' parents after round r - 1 (joined once, read by four hooks);
 * - `p<r>`: each linked id's parent after round r (a rank; the component's smallest at the end);
 * - `roots`: id -> root id; `stitch_counts`: ids merged into another (the in-process
 *   mergedByEmail) and links whose ends still differ (0 when every component is settled).
 */
export function emailStitchSql(d: DialectSpec, rounds = STITCH_ROUNDS): string[] {
	const lines = [
		'src_ok AS (',
		`  SELECT cid, ms, ev, ch, val, em FROM src WHERE ${USABLE_ROW}`,
		'),',
		`id_first AS (SELECT cid, ms, ev, ch, val, ROW_NUMBER() OVER (PARTITION BY cid ORDER BY ${rowOrder(d)}) AS k FROM src_ok),`,
		`ids AS (SELECT cid, ROW_NUMBER() OVER (ORDER BY ${rowOrder(d)}, ${d.sortKey('cid')}) AS id_rank FROM id_first WHERE k = 1),`,
		'id_email AS (SELECT DISTINCT cid, em FROM src_ok WHERE em IS NOT NULL),',
		'email_first AS (SELECT ie.em, MIN(i.id_rank) AS m FROM id_email ie JOIN ids i ON i.cid = ie.cid GROUP BY ie.em),',
		'links AS (',
		'  SELECT DISTINCT i.id_rank AS a, ef.m AS b FROM id_email ie JOIN ids i ON i.cid = ie.cid',
		'  JOIN email_first ef ON ef.em = ie.em WHERE i.id_rank <> ef.m',
		'),',
		// Every linked id is its own parent at first (BigQuery has no bare UNION: DISTINCT over UNION ALL).
		'p0 AS (SELECT DISTINCT node, node AS p FROM (SELECT a AS node FROM links UNION ALL SELECT b FROM links) AS n),',
	];
	for (let r = 1; r <= rounds; r++) {
		const prev = `p${r - 1}`;
		lines.push(
			// Each link with its ends' parents, joined once per round (the four hooks below read it).
			`e${r} AS (SELECT l.a, l.b, pa.p AS pa, pb.p AS pb FROM links l JOIN ${prev} pa ON pa.node = l.a JOIN ${prev} pb ON pb.node = l.b),`,
			// Each end of a link, and each end's parent, takes the other end's parent if smaller.
			`c${r} AS (`,
			`  SELECT node, p FROM ${prev}`,
			`  UNION ALL SELECT a, pb FROM e${r}`,
			`  UNION ALL SELECT b, pa FROM e${r}`,
			`  UNION ALL SELECT pa, pb FROM e${r}`,
			`  UNION ALL SELECT pb, pa FROM e${r}`,
			'),',
			`q${r} AS (SELECT node, MIN(p) AS p FROM c${r} GROUP BY node),`,
			// Two jumps: parent := parent's parent.
			`j${r} AS (SELECT q.node, qq.p FROM q${r} q JOIN q${r} qq ON qq.node = q.p),`,
			`p${r} AS (SELECT j.node, jj.p FROM j${r} j JOIN j${r} jj ON jj.node = j.p),`,
		);
	}
	const last = `p${rounds}`;
	lines.push(
		`roots AS (SELECT i.cid, r.cid AS root FROM ${last} p JOIN ids i ON i.id_rank = p.node JOIN ids r ON r.id_rank = p.p),`,
		'stitch_counts AS (',
		`  SELECT (SELECT COUNT(*) FROM ${last} WHERE p <> node) AS merged,`,
		// A link whose ends have different parents: its component needs more rounds.
		`    (SELECT COUNT(*) FROM links l JOIN ${last} pa ON pa.node = l.a JOIN ${last} pb ON pb.node = l.b WHERE pa.p <> pb.p) AS unsettled`,
		'),',
	);
	return lines;
}
