import {
	quintileScores,
	RFM_SEGMENTS,
	rfmSegment,
	rfmSegmentId,
	scoreRfm,
} from '../../../lib/segment/rfm';

describe('RFM', () => {
	it('scores five customers by quintile', () => {
		// Recency sorted 1, 10, 30, 60, 200: cut points (type 7) 8.2, 22, 42, 88.
		// 1 exceeds none -> 1 -> reversed 5; 10 -> 4; 30 -> 3; 60 -> 2; 200 -> 1.
		// Frequency 10, 5, 3, 2, 1 (cuts 1.8, 2.6, 3.8, 6) -> 5, 4, 3, 2, 1; monetary likewise.
		const scores = scoreRfm([1, 10, 30, 60, 200], [10, 5, 3, 2, 1], [1000, 500, 200, 100, 10]);
		expect(scores.map((s) => s.code)).toEqual(['555', '444', '333', '222', '111']);
		expect(scores.map((s) => s.segment)).toEqual([
			'Champions',
			'Loyal',
			'Need Attention',
			'Hibernating',
			'Lost',
		]);
	});

	it('equal values share a score', () => {
		// Sorted 0, 0, 0, 0, 5: cuts 0, 0, 0, 1 -> zeros exceed none (1), 5 exceeds all (5).
		expect(Array.from(quintileScores([0, 0, 5, 0, 0]))).toEqual([1, 1, 5, 1, 1]);
		expect(Array.from(quintileScores([0, 0, 5, 0, 0], true))).toEqual([5, 5, 1, 5, 5]);
	});

	it('maps every (R, FM) cell to exactly one named segment', () => {
		expect(rfmSegment(5, 1)).toBe('New');
		expect(rfmSegment(4, 1)).toBe('Promising');
		expect(rfmSegment(5, 3)).toBe('Potential Loyalist');
		expect(rfmSegment(1, 5)).toBe("Can't Lose Them");
		expect(rfmSegment(2, 3)).toBe('At Risk');
		expect(rfmSegment(3, 5)).toBe('Loyal');
		const seen = new Set<string>();
		for (let r = 1; r <= 5; r++) for (let fm = 1; fm <= 5; fm++) seen.add(rfmSegment(r, fm));
		expect(Array.from(seen).sort()).toEqual([...RFM_SEGMENTS].sort());
		expect(rfmSegmentId("Can't Lose Them")).toBe('rfm-cant-lose-them');
	});

	it('a long-absent big spender is a customer not to lose', () => {
		const scores = scoreRfm([1, 10, 30, 60, 200], [1, 2, 3, 5, 10], [10, 100, 200, 500, 1000]);
		expect(scores[4].segment).toBe("Can't Lose Them");
		expect(scores[0].segment).toBe('New');
	});
});
