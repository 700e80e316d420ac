/** A segment's limits, shared by the form (browser) and the service. */
export const SEGMENT_NAME_MAX = 80;
