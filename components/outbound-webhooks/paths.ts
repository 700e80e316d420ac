/** Where the outbound webhooks live in the dashboard: the section of the webhooks page, and each endpoint's page. */
export const WEBHOOKS_SETTINGS_PATH = "/settings/webhooks";
/** The "To your systems" section's anchor: the admins' banner and the endpoint page's way back land on it. */
export const TO_YOUR_SYSTEMS_ID = "to-your-systems";
export const TO_YOUR_SYSTEMS_HREF = `${WEBHOOKS_SETTINGS_PATH}#${TO_YOUR_SYSTEMS_ID}`;

export const endpointPath = (endpointId: string) => `${WEBHOOKS_SETTINGS_PATH}/endpoints/${endpointId}`;
