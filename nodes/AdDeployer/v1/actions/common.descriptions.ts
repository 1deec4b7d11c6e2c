import type { INodeProperties } from 'n8n-workflow';

/**
 * The approval gate every operation that sends ads applies (lib/deploy/gate.ts). "Approved" is
 * read per item: by default from the ad's own `approval.approved`; a workflow points it at its
 * approval step instead, e.g. `{{ $('Approve').item.json.data.approved }}` after a send-and-wait.
 */
export const gateProperties: INodeProperties[] = [
	{
		displayName: 'Require Approval',
		name: 'requireApproval',
		type: 'boolean',
		default: true,
		description:
			'Whether only approved ads go out. Ads the Bias Auditor blocked never go out, and ads it sent for review need an approval even when this is off.',
	},
	{
		displayName: 'Approved',
		name: 'approved',
		type: 'boolean',
		// An expression default is the point of this field: it reads each ad's own approval.
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean
		default: '={{ $json.approval ? $json.approval.approved === true : false }}',
		description:
			"Whether this ad is approved. By default read from the ad's approval; point it at your approval step's data.approved (what n8n's send-and-wait approvals return).",
	},
];

/** Name of the binary field the files or attachments are written to. */
export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description: 'Name of the binary field each file is written to (the field the next node reads)',
};
