export { CREDENTIAL_TYPE, type Ip1Context } from './context';
export { ip1ApiRequest, ip1Request, isUnclearOutcome, type Ip1Request, type Ip1Response } from './request';
export { ip1PaginatedRequest, type CollectionQuery, type CollectionResult } from './pagination';
export type { RetryClass } from './retryPolicy';
