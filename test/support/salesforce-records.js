// @ts-check
// Salesforce records as n8n's Salesforce node (v1.1, Get Many) returns them: the REST query API's
// records, each with its `attributes` and only the fields the template asks for, datetimes as
// Salesforce writes them (2026-07-01T09:00:05.000+0000), dates as YYYY-MM-DD. Shared by the
// template's test and the real-n8n e2e, which run the same data. Plain CommonJS: tests import it.
'use strict';

const SOURCES = ['Web', 'Advertisement', 'Partner Referral', 'Social Media', 'Email', 'Trade Show', 'Google AdWords'];
const STAGES = ['Prospecting', 'Proposal/Price Quote', 'Closed Won', 'Closed Lost', 'Closed Won'];
const pad = (/** @type {number} */ n) => String(n).padStart(5, '0');
const sfDateTime = (/** @type {number} */ ms) => new Date(ms).toISOString().replace('Z', '+0000');
const attributes = (/** @type {string} */ type, /** @type {string} */ id) => ({ type, url: `/services/data/v59.0/sobjects/${type}/${id}` });
const contactId = (/** @type {number} */ i) => `0035g00000${pad(i)}AAA`;

/** Contact → Get Many, Fields "Id,Email,LeadSource,HasOptedOutOfEmail,CreatedDate"; every twelfth opted out. */
function contacts() {
	return Array.from({ length: 90 }, (_, i) => ({
		attributes: attributes('Contact', contactId(i)),
		Id: contactId(i),
		Email: `pat.${i}@studio-mail.example`,
		LeadSource: SOURCES[i % SOURCES.length],
		HasOptedOutOfEmail: i % 12 === 11,
		CreatedDate: sfDateTime(Date.UTC(2026, 6, 1 + (i % 28), 9 + (i % 8), (i * 7) % 60, 5)),
	}));
}

/** Lead → Get Many; every fourth lead was converted into a contact and shares its e-mail. */
function leads() {
	return Array.from({ length: 40 }, (_, i) => {
		const Id = `00Q5g00000${pad(i)}AAA`;
		const converted = i % 4 === 0;
		return {
			attributes: attributes('Lead', Id),
			Id,
			Email: converted ? `pat.${i * 2}@studio-mail.example` : `lead.${i}@agency-mail.example`,
			Company: `Studio ${i}`,
			Industry: ['Architecture', 'Media', 'Retail', 'Consulting'][i % 4],
			Status: converted ? 'Closed - Converted' : ['Open - Not Contacted', 'Working - Contacted'][i % 2],
			Rating: ['Hot', 'Warm', 'Cold'][i % 3],
			LeadSource: SOURCES[(i * 3) % SOURCES.length],
			HasOptedOutOfEmail: i % 10 === 9,
			IsConverted: converted,
			CreatedDate: sfDateTime(Date.UTC(2026, 5, 1 + (i % 28), 10, i % 60, 0)),
		};
	});
}

/** Opportunity → Get Many; two have no primary contact (ContactId null). */
function opportunities() {
	return Array.from({ length: 70 }, (_, i) => {
		const Id = `0065g00000${pad(i)}AAA`;
		const StageName = STAGES[i % STAGES.length];
		return {
			attributes: attributes('Opportunity', Id),
			Id,
			ContactId: i % 35 === 34 ? null : contactId((i * 7) % 90),
			StageName,
			Amount: 1200 + (i % 9) * 450,
			IsWon: StageName === 'Closed Won',
			CloseDate: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
			CreatedDate: sfDateTime(Date.UTC(2026, 8, 1 + (i % 28), 11, i % 60, 0)),
		};
	});
}

/** The template's three Salesforce nodes by name, with their records. */
function salesforceRecords() {
	return { 'Salesforce Contacts': contacts(), 'Salesforce Leads': leads(), 'Salesforce Opportunities': opportunities() };
}

/**
 * An intended Meta targeting for the Bias Auditor that sends two segments' ads to review (one
 * age-targeted, one gender-targeted) and blocks a third's (a religious interest audience).
 * @param {string[]} segmentIds at least three
 */
function reviewTargeting(segmentIds) {
	return [
		{ kind: 'targeting', segmentId: segmentIds[0], ageMin: 25, ageMax: 44 },
		{ kind: 'targeting', segmentId: segmentIds[1], genders: ['female'] },
		{ kind: 'targeting', segmentId: segmentIds[2], audiences: [{ type: 'interest', name: 'Faith communities', attributes: ['religion'] }] },
	];
}

module.exports = { contacts, leads, opportunities, salesforceRecords, reviewTargeting };
