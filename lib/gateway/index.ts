/** The Maton gateway client: the only code in the product that speaks HTTP to Maton. */
export { createGatewayClient, type GatewayClient, type GatewayClientConfig } from "./client";
export {
  GatewayError,
  GraphError,
  MatonError,
  GatewayNetworkError,
  GatewayTimeoutError,
  UnexpectedResponseError,
  InvalidRequestError,
  isGatewayError,
  describeGatewayFailure,
  failureMessage,
  failureSentence,
  translateFailure,
  type CallContext,
  type FailureSentenceOptions,
  type FailureSource,
  type FailureWords,
  type GatewayErrorKind,
  type GatewayFailure,
} from "./errors";
export {
  AccountRateLimiter,
  GATEWAY_PRIORITIES,
  limiterForAccount,
  realClock,
  type Clock,
  type GatewayPriority,
  type RateLimiter,
  type RateLimiterOptions,
} from "./limiter";
export { DEFAULT_RETRY_POLICY, backoffDelay, decideRetry, parseRetryAfter, type RetryPolicy } from "./retry";
export type { CallOptions, RequestSpec, StreamedResponse } from "./request";
export type { SentMessage } from "./messages";
export type { MediaUpload, DownloadedMedia } from "./media";
export type { TemplatePage, TemplatePageRequest } from "./templates";
export type { CallbackRegistration } from "./webhooks";
export type { ResumableFile, UploadsApi } from "./uploads";
export type { AccountsApi, ListOptions } from "./accounts";
