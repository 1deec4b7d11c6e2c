import type { CopyRule } from '../types';

const OWASP = 'OWASP Top 10 for LLM Applications LLM01 "Prompt injection" and LLM05 "Improper output handling"';
const OWASP_SRC = 'genai.owasp.org/llm-top-10';

/** Leftovers of prompt injection, refusals and model chatter: never publishable. */
export const ARTEFACT_RULES: readonly CopyRule[] = [
	{
		id: 'artefacts.promptInjection',
		family: 'artefacts',
		patterns: [
			'\\bignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|prompts?|rules)\\b',
			'\\bdisregard (?:all |any )?(?:the )?(?:previous|prior|above) (?:instructions|prompts?)\\b',
			'\\bsystem prompt\\b',
			'\\byou are (?:a|an) (?:helpful )?(?:ai )?assistant\\b',
			'\\bnew instructions:',
			'<\\|?(?:im_start|im_end|system|endoftext)\\|?>',
			'\\[/?INST\\]',
		],
		severity: 'critical',
		message: 'Text that reads like a prompt or an instruction to a model: a sign of prompt injection.',
		policy: OWASP,
		source: OWASP_SRC,
	},
	{
		id: 'artefacts.modelChatter',
		family: 'artefacts',
		patterns: [
			'\\bas an ai(?: language model)?\\b',
			'\\bas a (?:large )?language model\\b',
			"\\bi(?:'m| am) (?:sorry|unable),? (?:but )?i (?:can(?:not|'t)|am unable)\\b",
			"\\bi can(?:not|'t) (?:help|assist) with (?:that|this)\\b",
			'\\bhere (?:is|are) (?:the|an|your|some) (?:ad|ads|headlines?|copy|variants?)\\b',
			'\\bsure[,!] here\\b',
			'\\blorem ipsum\\b',
			'```',
			'\\[(?:insert|your|brand|product|name)[^\\]]*\\]',
		],
		severity: 'critical',
		message: 'A model artefact (refusal, preamble, markdown or an unfilled template) left in the copy.',
		policy: OWASP,
		source: OWASP_SRC,
	},
];
