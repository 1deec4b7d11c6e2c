import type { AllEntities } from 'n8n-workflow';

/**
 * Resource → operations of the Ad Deployer. A new resource adds its entry here, its folder under
 * actions/ (`<Resource>.resource.ts` + one `<op>.operation.ts` per operation) and one line in the
 * router's RESOURCES map.
 */
type NodeMap = {
	bulkFile: 'export';
	email: 'prepare';
	campaign: 'deploy';
	performance: 'get';
};

export type AdDeployerType = AllEntities<NodeMap>;
export type AdDeployerResource = keyof NodeMap;
