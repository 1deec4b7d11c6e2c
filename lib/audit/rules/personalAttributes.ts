import type { CopyRule } from '../types';

const META_PA = 'Meta Advertising Standards "Personal attributes"';
const META_PA_SRC =
	'transparency.meta.com/policies/ad-standards/objectionable-content/personal-attributes ("Ads must not contain content that asserts or implies personal attributes"); facebook.com/business/help/2557868957763449';
const GOOGLE_PA = 'Google Ads policy "Personalized advertising" (sensitive interest categories)';
const GOOGLE_PA_SRC = 'support.google.com/adspolicy/answer/143465';

/** Words that put the reader in the sentence: "you", "your", "other", "fellow", "people like you". */
const YOU = "(?:are you|you're|youre|you are|if you're|if you are|as an?|fellow|other|people like you|for those who are)";

function rule(id: string, what: string, patterns: string[], suggestion: string, extraPolicy = ''): CopyRule {
	return {
		id: `personalAttributes.${id}`,
		family: 'personalAttributes',
		patterns,
		severity: 'critical',
		message: `The copy asserts or implies the reader's ${what}.`,
		suggestion,
		policy: `${META_PA}${extraPolicy ? `; ${extraPolicy}` : ''}; ${GOOGLE_PA}`,
		source: `${META_PA_SRC}; ${GOOGLE_PA_SRC}`,
	};
}

/**
 * Personal attributes asserted or implied (Meta's list: race, ethnicity, religion or belief, age,
 * sexual orientation, gender identity, disability, physical or mental health, vulnerable financial
 * status, voting status, trade union membership, criminal record). A plain "you" is fine; "you"
 * with an attribute is not, nor a question about one ("Are you struggling with debt?").
 */
export const PERSONAL_ATTRIBUTE_RULES: readonly CopyRule[] = [
	rule(
		'financialHardship',
		'financial hardship',
		[
			`\\b(?:${YOU}|you) (?:\\w+ ){0,2}(?:in debt|with debt|drowning in debt|broke|bankrupt|behind on (?:your )?(?:bills|rent|payments|mortgage)|short on cash|low[- ]income|unemployed|out of work|on benefits)\\b`,
			'\\bbehind on (?:your )?(?:bills|rent|payments|mortgage)\\b',
			'\\bstruggling (?:with|to pay) (?:your )?(?:debt|bills|rent|money|credit)\\b',
			'\\byour (?:bad|poor) credit\\b',
			'\\byour (?:debts?|bankruptcy|money (?:problems|troubles|worries))\\b',
			'\\b(?:need|desperate for) cash (?:fast|now)\\b',
		],
		'Describe the service ("debt advice, free and confidential") without saying the reader has debt.',
	),
	rule(
		'age',
		'age',
		[
			`\\b(?:${YOU}|you|singles|women|men) (?:\\w+ ){0,1}(?:over|under|in (?:your|their)) (?:\\d{2}|forty|fifty|sixty|seventy|thirty|twenty)s?\\b`,
			'\\b(?:just turned|turning|now that you(?:\'re| are)) (?:\\d{2}|forty|fifty|sixty|seventy)\\b',
			`\\b${YOU} (?:senior|retiree|pensioner|boomer|millennial|teen(?:ager)?)s?\\b`,
			'\\bat your age\\b',
		],
		'Speak to the need, not the age ("plans for every stage of retirement").',
	),
	rule(
		'religion',
		'religion or belief',
		[
			`\\b${YOU} (?:devout )?(?:christian|muslim|jewish|jew|hindu|buddhist|sikh|catholic|protestant|mormon|atheist|evangelical)s?\\b`,
			'\\b(?:christian|muslim|jewish|hindu|buddhist|sikh|catholic) singles\\b',
			'\\byour (?:faith|religion)\\b',
		],
		'Describe the community or event ("a weekly interfaith supper") without labelling the reader.',
	),
	rule(
		'raceEthnicity',
		'race or ethnicity',
		[
			`\\b${YOU} (?:black|white|asian|latino|latina|latinx|hispanic|african[- ]american|native american|arab|indigenous|south asian)(?: (?:man|woman|men|women|person|people|singles?|professionals?))?\\b`,
			'\\b(?:black|asian|latino|latina|hispanic|arab|indigenous) singles\\b',
			'\\byour (?:race|ethnicity|heritage)\\b',
		],
		"Describe the product's benefit; let the audience choose it.",
	),
	rule(
		'sexualOrientation',
		'sexual orientation',
		[
			`\\b${YOU} (?:gay|lesbian|bisexual|bi|queer|straight|lgbtq?\\+?)(?: (?:man|woman|men|women|person|people|singles?))?\\b`,
			'\\b(?:gay|lesbian|bisexual|queer) singles\\b',
			'\\byour (?:sexuality|sexual orientation)\\b',
		],
		'Describe the service ("a dating app where everyone is welcome").',
	),
	rule(
		'genderIdentity',
		'gender identity',
		[
			`\\b${YOU} (?:trans|transgender|non-binary|nonbinary|genderqueer|cisgender)(?: (?:man|woman|men|women|person|people|singles?))?\\b`,
			'\\byour (?:gender identity|transition)\\b',
		],
		'Describe what is offered, without saying who the reader is.',
	),
	rule(
		'disability',
		'disability',
		[
			`\\b(?:${YOU}|you) (?:\\w+ ){0,1}(?:disabled|deaf|blind|hard of hearing|visually impaired|in a wheelchair|a wheelchair user|autistic|dyslexic)\\b`,
			'\\byour (?:disability|wheelchair|hearing loss|impairment)\\b',
			'\\b(?:living|coping) with (?:your )?(?:disability|blindness|deafness|autism)\\b',
		],
		'Describe the accessible feature ("step-free entrance", "captions on every video").',
	),
	rule(
		'health',
		'physical or mental health',
		[
			`\\b(?:${YOU}|you|do you (?:have|suffer from)|suffering from|struggling with|diagnosed with) (?:\\w+ ){0,1}(?:diabetes|diabetic|depression|depressed|anxiety|anxious|cancer|arthritis|adhd|hiv|obese|obesity|overweight|insomnia|acne|eczema|psoriasis|hair loss|balding|erectile dysfunction|ibs|migraines?|pregnant|infertile|infertility|bipolar|ptsd|an eating disorder)\\b`,
			'\\byour (?:diabetes|depression|anxiety|cancer|arthritis|adhd|weight problem|eating disorder|acne|hair loss|diagnosis|condition)\\b',
			'\\b(?:tired of|embarrassed by|ashamed of) (?:your )?(?:belly fat|weight|wrinkles|acne|hair loss|body)\\b',
		],
		'Describe the product, not the reader\'s condition ("gentle skincare for sensitive skin").',
		'Meta Advertising Standards "Health and wellness" (negative self-perception)',
	),
	rule(
		'criminalRecord',
		'criminal record',
		[
			'\\b(?:your|with a|have a|got a) (?:criminal record|felony|conviction|dui|dwi|arrest record|record expunged)\\b',
			`\\b${YOU} (?:a )?(?:felon|ex-con|ex-offender|on parole|on probation)\\b`,
		],
		'Describe the service ("record expungement advice") without saying the reader has a record.',
	),
	rule(
		'tradeUnion',
		'trade union membership',
		[`\\b${YOU} (?:\\w+ )?union members?\\b`, '\\byour (?:union membership|union dues)\\b'],
		'Address the offer to everyone, not to members of a union.',
	),
	rule(
		'votingStatus',
		'voting status',
		[
			"\\b(?:have you|haven't you|you haven't|did you|didn't you|you didn't) (?:registered to vote|voted|vote)\\b",
			"\\b(?:are you|you're|you are|you aren't|you're not) (?:not )?registered to vote\\b",
			'\\byour (?:voter registration|voting record)\\b',
		],
		'Make the civic message general ("Registration closes 10 October").',
	),
];
