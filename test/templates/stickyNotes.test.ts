/**
 * Every template walks its user through the flow: it has sticky notes, and every node that is not
 * a note is explained by one, either by sitting inside the note's frame on the canvas or by being
 * named in a note's text.
 */
import { readWorkflow } from '../support/engine';
import { templateFiles } from '../support/templates';

const NOTE = 'n8n-nodes-base.stickyNote';
const files = templateFiles();

/** n8n draws a node about 100 x 100 from its position; a note from its position by width x height. */
function inside(node: [number, number], note: { position: [number, number]; width: number; height: number }): boolean {
	const [x, y] = node;
	const [nx, ny] = note.position;
	return x >= nx && x + 100 <= nx + note.width + 40 && y >= ny && y <= ny + note.height;
}

describe('template sticky notes', () => {
	it('finds the templates', () => {
		expect(files).toEqual(expect.arrayContaining(['quickstart.json', 'lifecycle-email.json']));
	});

	it.each(files)('%s: has notes, and every other node is inside a note or named in one', (file) => {
		const wf = readWorkflow(`templates/${file}`);
		const notes = wf.nodes
			.filter((n) => n.type === NOTE)
			.map((n) => ({ position: n.position, width: Number(n.parameters.width ?? 240), height: Number(n.parameters.height ?? 160), content: String(n.parameters.content ?? '') }));
		expect(notes.length).toBeGreaterThan(0);
		for (const note of notes) expect(note.content.trim().length).toBeGreaterThan(40);
		const text = notes.map((n) => n.content.toLowerCase()).join('\n');
		const unexplained = wf.nodes
			.filter((n) => n.type !== NOTE && !n.type.endsWith('Trigger'))
			.filter((n) => !notes.some((note) => inside(n.position, note)) && !text.includes(n.name.toLowerCase()))
			.map((n) => n.name);
		expect(unexplained).toEqual([]);
	});
});
