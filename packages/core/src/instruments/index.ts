export * from './types';
export * from './scoring';
export * from './registry';
export { ASQ_DECLINED, ASQ_NO, ASQ_YES } from './definitions/asq';
export { pcl5Bands } from './definitions/pcl5';
