// Copies what the TypeScript build does not emit into dist/: node codex files, workflow
// templates and bundled sample fixtures. Runs after `n8n-node build` (see package.json).
const { src, dest, parallel } = require('gulp');

function codex() {
	return src(['nodes/**/*.node.json'], { base: '.' }).pipe(dest('dist'));
}

function templates() {
	return src(['templates/**/*.json'], { base: '.' }).pipe(dest('dist'));
}

function fixtures() {
	return src(['lib/**/fixtures/**/*'], { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

function icons() {
	return src(['icons/**/*.svg'], { base: '.' }).pipe(dest('dist'));
}

exports.build = parallel(codex, templates, fixtures, icons);
exports.default = exports.build;
