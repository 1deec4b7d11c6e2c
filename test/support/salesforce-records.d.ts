import type { IDataObject } from 'n8n-workflow';

export function contacts(): IDataObject[];
export function leads(): IDataObject[];
export function opportunities(): IDataObject[];
export function salesforceRecords(): Record<'Salesforce Contacts' | 'Salesforce Leads' | 'Salesforce Opportunities', IDataObject[]>;
export function reviewTargeting(segmentIds: string[]): IDataObject[];
