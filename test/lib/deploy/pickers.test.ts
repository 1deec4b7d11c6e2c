import {
	googleAdsAdGroupQuery,
	googleAdsCampaignQuery,
	googleAdsPickerEntries,
	linkedInPickerPage,
	linkedInPickerPath,
	metaPickerPage,
	metaPickerQuery,
} from '../../../lib/deploy/pickers';
import { parseGaql } from '../../support/google-ads-server';

describe('campaign and ad-group pickers: requests and pages', () => {
	it('Google Ads: campaigns not removed, names containing the typed text with LIKE wildcards taken literally', () => {
		expect(googleAdsCampaignQuery()).toBe("SELECT campaign.id, campaign.name, campaign.status FROM campaign WHERE campaign.status != 'REMOVED' ORDER BY campaign.name");
		expect(googleAdsCampaignQuery("50%_off [it's]")).toContain("campaign.name LIKE '%50[%][_]off [[]it\\'s[]]%'");
		expect(() => parseGaql(googleAdsCampaignQuery('x'))).not.toThrow();
	});

	it('Google Ads: ad groups of one campaign, its id checked as digits', () => {
		const q = googleAdsAdGroupQuery('111', 'core');
		expect(q).toContain('campaign.id = 111');
		expect(q).toContain("ad_group.name LIKE '%core%'");
		expect(parseGaql(q).from).toBe('ad_group');
		expect(() => googleAdsAdGroupQuery('111 OR 1=1')).toThrow('campaign id must be digits');
	});

	it('Google Ads: rows become "name (campaign) · status" entries with the numeric id', () => {
		expect(
			googleAdsPickerEntries([{ adGroup: { id: '7', name: 'Core', status: 'PAUSED' }, campaign: { name: 'Runners' } }, { adGroup: { name: 'no id' } }], 'adGroup'),
		).toEqual([{ name: 'Core (Runners) · paused', value: '7' }]);
	});

	it('Meta: fields id,name,status, a name filter and the campaign filter as Graph filtering, the cursor only when there is a next page', () => {
		expect(metaPickerQuery('sale', '42', 'QUZU')).toEqual({
			fields: 'id,name,status',
			limit: '100',
			filtering: JSON.stringify([{ field: 'name', operator: 'CONTAIN', value: 'sale' }, { field: 'campaign.id', operator: 'EQUAL', value: '42' }]),
			after: 'QUZU',
		});
		expect(metaPickerQuery()).toEqual({ fields: 'id,name,status', limit: '100' });
		const data = [{ id: '1', name: 'A', status: 'ACTIVE' }];
		expect(metaPickerPage({ data, paging: { cursors: { after: 'MQ' }, next: 'https://graph/next' } })).toEqual({ results: [{ name: 'A · active', value: '1' }], paginationToken: 'MQ' });
		expect(metaPickerPage({ data, paging: { cursors: { after: 'MQ' } } }).paginationToken).toBeUndefined();
	});

	it('LinkedIn: live objects only, the group as an encoded URN, the next start from paging.total', () => {
		expect(linkedInPickerPath('adAccounts', '', 0)).toBe('/rest/adAccounts?q=search&search=(status:(values:List(ACTIVE,PAUSED,DRAFT)))&start=0&count=100');
		expect(linkedInPickerPath('adCampaigns', '508', 100, '9')).toBe(
			'/rest/adAccounts/508/adCampaigns?q=search&search=(campaignGroup:(values:List(urn%3Ali%3AsponsoredCampaignGroup%3A9)),status:(values:List(ACTIVE,PAUSED,DRAFT)))&start=100&count=100',
		);
		const elements = [{ id: 1, name: 'Careers', status: 'ACTIVE' }, { id: 2, name: 'Brand', status: 'DRAFT' }];
		expect(linkedInPickerPage({ elements, paging: { start: 0, count: 2, total: 5 } }, 'car')).toEqual({ results: [{ name: 'Careers (1) · active', value: '1' }], paginationToken: '2' });
		expect(linkedInPickerPage({ elements, paging: { start: 3, count: 2, total: 5 } }).paginationToken).toBeUndefined();
	});
});
