import type { IDataObject } from 'n8n-workflow';

import type { PerformanceRow } from '../../lib/contracts';
import type { Engine } from './engine';

export function performanceRows(engine: Engine, node: { name: string } & IDataObject, credentials: Record<string, IDataObject>): Promise<PerformanceRow[]>;
